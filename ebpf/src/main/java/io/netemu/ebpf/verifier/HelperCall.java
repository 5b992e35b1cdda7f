package io.netemu.ebpf.verifier;

import io.netemu.ebpf.map.MapSpec;

/**
 * A call to a kernel helper, as the kernel's {@code check_helper_call}: each argument register
 * must hold what the prototype asks for (memory arguments must be readable for the whole size
 * the helper will touch), the map must suit the helper, r1-r5 are dead afterwards, and r0 holds
 * the helper's result.
 */
final class HelperCall {
    private HelperCall() {}

    static void check(Env env, VerifierState st, int helperId) {
        HelperProto proto = Helpers.proto(helperId);
        if (proto == null) throw Env.fail("invalid func unknown#" + helperId);
        int mapIndex = -1;
        for (int i = 0; i < proto.args().size(); i++) {
            int regno = i + 1;
            RegState r = Env.readable(st, regno);
            switch (proto.args().get(i)) {
                case ANYTHING -> { }
                case CONST_MAP_PTR -> {
                    if (r.type != RegType.CONST_PTR_TO_MAP) throw typeError(regno, r, "map_ptr");
                    mapIndex = r.mapIndex;
                    MapSpec m = env.maps.get(mapIndex);
                    if (!Helpers.compatible(m.type(), helperId))
                        throw Env.fail("cannot pass map_type " + m.type().id + " into func " + proto.name() + "#" + helperId);
                }
                case PTR_TO_MAP_KEY, PTR_TO_MAP_VALUE -> {
                    if (mapIndex < 0) throw Env.fail("invalid map_ptr to access map->key");
                    MapSpec m = env.maps.get(mapIndex);
                    boolean key = proto.args().get(i) == ArgType.PTR_TO_MAP_KEY;
                    memory(env, st, regno, key ? m.keySize() : m.valueSize());
                }
                case PTR_TO_CTX -> {
                    if (r.type != RegType.PTR_TO_CTX) throw typeError(regno, r, "ctx");
                    if (r.off != 0) throw Env.fail("dereference of modified ctx ptr R" + regno + " off=" + r.off + " disallowed");
                }
                case PTR_TO_MEM, PTR_TO_MEM_OR_NULL -> {
                    boolean isNull = r.isConst() && r.umin == 0 && proto.args().get(i) == ArgType.PTR_TO_MEM_OR_NULL;
                    if (!isNull && !isMemory(r.type)) throw typeError(regno, r, "fp, pkt, pkt_meta, map_value");
                }
                case CONST_SIZE, CONST_SIZE_OR_ZERO -> {
                    if (r.type != RegType.SCALAR) throw typeError(regno, r, "scalar");
                    boolean zeroOk = proto.args().get(i) == ArgType.CONST_SIZE_OR_ZERO;
                    if (r.smin < 0) throw Env.fail("R" + regno + " min value is negative, either use unsigned or 'var &= const'");
                    if (r.umax == 0 && !zeroOk) throw Env.fail("R" + regno + " invalid zero-sized read");
                    if (Long.compareUnsigned(r.umax, MemAccess.MAX_VAR_OFF) >= 0)
                        throw Env.fail("R" + regno + " unbounded memory access, use 'var &= const' or 'if (var < const)'");
                    RegState mem = st.reg(regno - 1);
                    if (mem.type == RegType.SCALAR) {
                        if (r.umax != 0) throw Env.fail("R" + (regno - 1) + " type=scalar expected=fp, pkt, pkt_meta, map_value");
                    } else if (r.umax > 0) memory(env, st, regno - 1, (int) r.umax);
                }
            }
        }
        if (proto.changesPktData()) {
            // The packet moved: pointers into it now point nowhere the verifier knows.
            st.forEachReg(r -> {
                if (r.type.isPacket() || r.type == RegType.PTR_TO_PACKET_END) r.markUnknown();
            });
        }
        for (int r = 1; r <= 5; r++) st.reg(r).markNotInit();
        RegState r0 = st.reg(0);
        if (proto.returnsMapValueOrNull()) {
            r0.markPointer(RegType.PTR_TO_MAP_VALUE_OR_NULL, 0);
            r0.mapIndex = mapIndex;
            r0.id = env.newId();
        } else if (proto.retMax() >= 0) {
            r0.markUnknown();
            Bounds.setUnsigned(r0, 0, proto.retMax());
        } else r0.markUnknown();
    }

    private static boolean isMemory(RegType t) {
        return t == RegType.PTR_TO_STACK || t.isPacket() || t == RegType.PTR_TO_MAP_VALUE;
    }

    private static VerifierError typeError(int regno, RegState r, String expected) {
        return Env.fail("R" + regno + " type=" + r.type.logName + " expected=" + expected);
    }

    /** The helper reads {@code size} bytes at the register: they must exist (and on the stack, be written). */
    private static void memory(Env env, VerifierState st, int regno, int size) {
        RegState r = st.reg(regno);
        switch (r.type) {
            case PTR_TO_STACK -> {
                int off = indirectStackOff(r, regno, size);
                StackState stk = st.frames.get(r.frameno).stack;
                int bad = stk.firstUninit(off, size);
                if (bad >= 0)
                    throw Env.fail("invalid indirect read from stack R" + regno + " off " + off + "+" + bad + " size " + size);
            }
            case PTR_TO_PACKET, PTR_TO_PACKET_META -> MemAccess.packet(r, regno, r.off, size);
            case PTR_TO_MAP_VALUE -> MemAccess.mapValue(env, r, regno, 0, size, false);
            default -> throw typeError(regno, r, "fp, pkt, pkt_meta, map_value");
        }
    }

    private static int indirectStackOff(RegState r, int regno, int size) {
        if (!r.hasConstOffset()) throw Env.fail("R" + regno + " variable offset stack access prohibited");
        long off = r.off;
        if (off < -StackState.MAX_STACK || off + size > 0)
            throw Env.fail("invalid indirect access to stack R" + regno + " off=" + off + " size=" + size);
        return (int) off;
    }
}
