package io.netemu.stack.dev;

/** The link type of a device, as {@code ip -d link} names it. */
public enum DevKind {
    LOOPBACK("loopback"), VETH("veth"), BRIDGE("bridge"), DUMMY("dummy");

    private final String linkKind;

    DevKind(String linkKind) { this.linkKind = linkKind; }

    /** The name iproute2 prints after {@code ip -d link}'s device line, and accepts in {@code type}. */
    public String linkKind() { return linkKind; }
}
