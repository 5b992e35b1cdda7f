package io.netemu.stack.route;

/** RTPROT_* route origins, named as iproute2's rt_protos table names them. */
public final class RouteProtocol {
    public static final int UNSPEC = 0;
    public static final int REDIRECT = 1;
    public static final int KERNEL = 2;
    public static final int BOOT = 3;
    public static final int STATIC = 4;

    private static final String[] NAMES = new String[256];

    static {
        String[][] tab = {{"0", "unspec"}, {"1", "redirect"}, {"2", "kernel"}, {"3", "boot"}, {"4", "static"},
            {"8", "gated"}, {"9", "ra"}, {"10", "mrt"}, {"11", "zebra"}, {"12", "bird"}, {"13", "dnrouted"},
            {"14", "xorp"}, {"15", "ntk"}, {"16", "dhcp"}, {"18", "keepalived"}, {"42", "babel"}, {"99", "openr"},
            {"186", "bgp"}, {"187", "isis"}, {"188", "ospf"}, {"189", "rip"}, {"192", "eigrp"}};
        for (String[] e : tab) {
            NAMES[Integer.parseInt(e[0])] = e[1];
        }
    }

    private RouteProtocol() {}

    /** rtnl_rtprot_n2a: the name, or the number. */
    public static String name(int proto) {
        return proto >= 0 && proto < 256 && NAMES[proto] != null ? NAMES[proto] : Integer.toString(proto);
    }

    /** rtnl_rtprot_a2n: a name exactly, or a number 0..255 (C syntax); -1 if neither. */
    public static int parse(String s) {
        for (int i = 0; i < 256; i++) {
            if (s.equals(NAMES[i])) {
                return i;
            }
        }
        long v = CNum.strtoul(s);
        return v >= 0 && v <= 255 ? (int) v : -1;
    }
}
