package io.netemu.ebpf.xdp;

/** The verdicts of {@code enum xdp_action}, in the kernel's numbering. */
public enum XdpAction {
    ABORTED, DROP, PASS, TX, REDIRECT;

    private static final XdpAction[] BY_CODE = values();

    /** The action a program's r0 names, or null when it names none (the kernel warns and drops). */
    public static XdpAction of(long r0) {
        return r0 >= 0 && r0 <= 4 ? BY_CODE[(int) r0] : null;
    }
}
