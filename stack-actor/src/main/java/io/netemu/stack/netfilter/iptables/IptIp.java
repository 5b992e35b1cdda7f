package io.netemu.stack.netfilter.iptables;

/**
 * The fixed part of a rule (struct ipt_ip): source and destination with masks, input and output
 * interface (a trailing {@code +} matches any name with that prefix), protocol (0: any), the
 * fragment flag ({@code -f}) and which of these are inverted ({@code IPT_INV_*}). Addresses are
 * stored masked, as iptables stores them.
 */
public record IptIp(int src, int smsk, int dst, int dmsk, String iniface, String outiface, int proto, boolean frag,
                    int invflags) {
    public static final int INV_VIA_IN = 0x01;
    public static final int INV_VIA_OUT = 0x02;
    public static final int INV_SRCIP = 0x08;
    public static final int INV_DSTIP = 0x10;
    public static final int INV_FRAG = 0x20;
    public static final int INV_PROTO = 0x40;

    public static final IptIp ANY = new IptIp(0, 0, 0, 0, "", "", 0, false, 0);

    public IptIp {
        src &= smsk;
        dst &= dmsk;
    }

    public boolean inv(int flag) { return (invflags & flag) != 0; }

    /** ip_packet_match. */
    public boolean match(XtPkt p) {
        if ((((p.src & smsk) != src) ^ inv(INV_SRCIP)) || (((p.dst & dmsk) != dst) ^ inv(INV_DSTIP))) {
            return false;
        }
        if (!ifname(p.in, iniface) ^ inv(INV_VIA_IN)) {
            return false;
        }
        if (!ifname(p.out, outiface) ^ inv(INV_VIA_OUT)) {
            return false;
        }
        if (proto != 0 && ((p.proto != proto) ^ inv(INV_PROTO))) {
            return false;
        }
        return !((frag && p.fragoff == 0) ^ inv(INV_FRAG));
    }

    /** ifname_compare_aligned: the rule's name, or its prefix before a trailing {@code +}; "" matches any device. */
    static boolean ifname(String dev, String rule) {
        if (rule.isEmpty()) {
            return true;
        }
        if (rule.endsWith("+")) {
            return dev.startsWith(rule.substring(0, rule.length() - 1));
        }
        return dev.equals(rule);
    }
}
