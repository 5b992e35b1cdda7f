package io.netemu.stack.netfilter;

/** Hook priorities of IPv4 (enum nf_ip_hook_priorities): lower runs first. */
public final class NfPriority {
    public static final int CONNTRACK_DEFRAG = -400;
    public static final int RAW = -300;
    public static final int CONNTRACK = -200;
    public static final int MANGLE = -150;
    public static final int NAT_DST = -100;
    public static final int FILTER = 0;
    public static final int SECURITY = 50;
    public static final int NAT_SRC = 100;
    public static final int CONNTRACK_HELPER = 300;
    public static final int CONNTRACK_CONFIRM = Integer.MAX_VALUE;

    private NfPriority() {}
}
