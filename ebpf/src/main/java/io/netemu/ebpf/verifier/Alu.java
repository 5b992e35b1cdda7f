package io.netemu.ebpf.verifier;

import static io.netemu.ebpf.isa.Opcodes.*;

import io.netemu.ebpf.isa.Insn;

/**
 * ALU instructions, as the kernel's {@code check_alu_op}: scalar arithmetic goes to
 * {@link ScalarAlu}; arithmetic involving a pointer is allowed only where the result is still a
 * pointer the verifier can follow (pointer plus or minus a scalar, or the distance between two
 * pointers of one kind).
 */
final class Alu {
    private Alu() {}

    private static final String[] OP_NAMES = {"+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=", "s>>=", "endian"};

    static void check(Env env, VerifierState st, long w) {
        int code = Insn.opcode(w), op = code & OP_MASK, dstno = Insn.dst(w), srcno = Insn.src(w);
        boolean is64 = (code & CLASS_MASK) == ALU64, x = (code & SRC_MASK) == X;
        int imm = Insn.imm(w);
        RegState src;
        if (x && op != NEG && op != END) src = Env.readable(st, srcno);
        else {
            src = new RegState();
            src.markConst(is64 ? imm : imm & 0xffffffffL);
        }
        if (op != MOV) Env.readable(st, dstno);
        if (dstno == 10) throw Env.fail("frame pointer is read only");
        RegState dst = st.reg(dstno);

        switch (op) {
            case MOV -> {
                if (is64) dst.set(src);
                else if (src.type.isPointer()) dst.markUnknownBits(32); // a pointer's low half is just a number
                else ScalarAlu.alu32(MOV, dst, src);
                return;
            }
            case NEG, END -> {
                if (dst.type.isPointer()) throw Env.fail("R" + dstno + " pointer arithmetic prohibited");
                if (op == NEG) ScalarAlu.neg(dst, is64);
                else ScalarAlu.endian(dst, x, imm);
                return;
            }
            default -> { }
        }
        if (!dst.type.isPointer() && !src.type.isPointer()) {
            if (is64) ScalarAlu.alu64(op, dst, src);
            else ScalarAlu.alu32(op, dst, src);
            return;
        }
        String opName = OP_NAMES[op >> 4];
        if (dst.type.isPointer() && src.type.isPointer()) {
            // A distance between two pointers (data_end - data is the packet length) is just a
            // number; the kernel allows it to privileged loaders, which netemu's are.
            if (op == SUB && is64) {
                dst.markUnknown();
                return;
            }
            throw Env.fail("R" + dstno + " pointer " + opName + " pointer prohibited");
        }
        if (!is64) throw Env.fail("R" + dstno + " 32-bit pointer arithmetic prohibited");
        if (src.type.isPointer() && op == SUB) throw Env.fail("R" + dstno + " tried to subtract pointer from scalar");
        if (op == AND || op == OR || op == XOR)
            throw Env.fail("R" + dstno + " bitwise operator " + opName + " on pointer prohibited");
        if (op != ADD && op != SUB)
            throw Env.fail("R" + dstno + " pointer arithmetic with " + opName + " operator prohibited");
        RegState ptr = dst.type.isPointer() ? dst : src;
        RegState scalar = dst.type.isPointer() ? src : dst;
        switch (ptr.type) {
            case PTR_TO_MAP_VALUE_OR_NULL -> throw Env.fail("R" + dstno + " pointer arithmetic on map_value_or_null prohibited, null-check it first");
            case CONST_PTR_TO_MAP, PTR_TO_PACKET_END -> throw Env.fail("R" + dstno + " pointer arithmetic on " + ptr.type.logName + " prohibited");
            default -> { }
        }
        RegState result = ptr.copy();
        addScalar(env, result, scalar, op == SUB, dstno);
        dst.set(result);
    }

    /** ptr += scalar (or -=): a known scalar moves the fixed offset, an unknown one the variable part. */
    private static void addScalar(Env env, RegState ptr, RegState scalar, boolean sub, int dstno) {
        if (scalar.isConst()) {
            long off = ptr.off + (sub ? -scalar.umin : scalar.umin);
            if (off <= -MemAccess.MAX_VAR_OFF || off >= MemAccess.MAX_VAR_OFF)
                throw Env.fail("value " + scalar.umin + " makes " + ptr.type.logName + " pointer be out of bounds");
            ptr.off = (int) off;
            return;
        }
        if (ptr.type == RegType.PTR_TO_CTX)
            throw Env.fail("R" + dstno + " variable ctx access disallowed");
        RegState var = new RegState();
        var.type = RegType.SCALAR;
        var.umin = ptr.umin; var.umax = ptr.umax; var.smin = ptr.smin; var.smax = ptr.smax;
        ScalarAlu.alu64(sub ? SUB : ADD, var, scalar);
        ptr.umin = var.umin; ptr.umax = var.umax; ptr.smin = var.smin; ptr.smax = var.smax;
        if (ptr.type.isPacket()) {
            // A new variable base: ranges proven for the old pointer do not carry over.
            ptr.id = env.newId();
            ptr.range = 0;
        }
    }
}
