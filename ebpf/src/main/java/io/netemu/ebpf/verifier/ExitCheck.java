package io.netemu.ebpf.verifier;

/**
 * The value the main program returns must be one the hook understands: for XDP an
 * {@code enum xdp_action}. Stricter than the kernel, which drops on an unknown action at run
 * time; a program that can return one is a bug netemu reports at load.
 */
final class ExitCheck {
    private ExitCheck() {}

    static void check(ProgramType type, RegState r0) {
        if (r0.type != RegType.SCALAR) throw Env.fail("R0 leaks addr as return value");
        if (r0.smin >= type.retMin && r0.smax <= type.retMax) return;
        String has;
        if (r0.isUnknownScalar()) has = "has unknown scalar value";
        else {
            long[] t = Bounds.tnum(r0.umin, r0.umax);
            has = "has value (0x" + Long.toHexString(t[0]) + "; 0x" + Long.toHexString(t[1]) + ")";
        }
        throw Env.fail("At program exit the register R0 " + has + " should have been in [" + type.retMin + ", " + type.retMax + "]");
    }
}
