package io.netemu.ebpf.verifier;

import static io.netemu.ebpf.isa.Opcodes.*;

import io.netemu.ebpf.isa.Insn;

/**
 * Atomic read-modify-write ({@code lock *(u64 *)(r1 +0) += r2} and the fetch forms), as the
 * kernel's {@code check_atomic}: a read and a write of the same bytes, only on the stack or a
 * map value, with a scalar operand.
 */
final class Atomic {
    private Atomic() {}

    static void check(Env env, VerifierState st, long w) {
        int code = Insn.opcode(w), dst = Insn.dst(w), src = Insn.src(w), imm = Insn.imm(w);
        int size = Walker.sizeBytes(code);
        RegState val = Env.readable(st, src);
        if (imm == ATOMIC_CMPXCHG) Env.readable(st, 0);
        RegState base = Env.readable(st, dst);
        if (val.type.isPointer()) throw Env.fail("R" + src + " leaks addr into mem");
        if (base.type != RegType.PTR_TO_STACK && base.type != RegType.PTR_TO_MAP_VALUE)
            throw Env.fail("BPF_ATOMIC stores into R" + dst + " " + base.type.logName + " is not allowed");
        MemAccess.access(env, st, dst, Insn.off(w), size, MemAccess.Kind.READ, -1, 0, -1);
        // What the bytes hold afterwards is not the operand, so a stack slot becomes plain data.
        if (base.type == RegType.PTR_TO_STACK) {
            int off = MemAccess.stackOff(base, dst, Insn.off(w), size, true);
            st.frames.get(base.frameno).stack.writeMisc(off, size);
        } else MemAccess.mapValue(env, base, dst, Insn.off(w), size, true);
        if (imm == ATOMIC_CMPXCHG) st.reg(0).markUnknownBits(size * 8);
        else if ((imm & ATOMIC_FETCH) != 0) st.reg(src).markUnknownBits(size * 8);
    }
}
