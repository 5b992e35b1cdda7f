package io.netemu.stack.route;

/** RTN_* route types, their names as iproute2 prints and parses them, and fib_props (minimum scope, reject errno). */
public final class RouteType {
    public static final int UNSPEC = 0;
    public static final int UNICAST = 1;
    public static final int LOCAL = 2;
    public static final int BROADCAST = 3;
    public static final int ANYCAST = 4;
    public static final int MULTICAST = 5;
    public static final int BLACKHOLE = 6;
    public static final int UNREACHABLE = 7;
    public static final int PROHIBIT = 8;
    public static final int THROW = 9;
    public static final int NAT = 10;
    public static final int XRESOLVE = 11;
    public static final int MAX = XRESOLVE;

    private static final String[] NAMES = {"none", "unicast", "local", "broadcast", "anycast", "multicast",
        "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve"};

    private RouteType() {}

    /** rtnl_rtntype_n2a: the name, or the number for unknown types. */
    public static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : Integer.toString(type);
    }

    /**
     * rtnl_rtntype_a2n: {@code local}, {@code nat}, {@code throw}, {@code brd} exactly; the others
     * by any prefix ({@code b} is broadcast, {@code u} unreachable); else a number 0..255. -1 if none.
     */
    public static int parse(String s) {
        if (s.equals("local")) {
            return LOCAL;
        } else if (s.equals("nat")) {
            return NAT;
        } else if (prefixOf(s, "broadcast") || s.equals("brd")) {
            return BROADCAST;
        } else if (prefixOf(s, "anycast")) {
            return ANYCAST;
        } else if (prefixOf(s, "multicast")) {
            return MULTICAST;
        } else if (prefixOf(s, "prohibit")) {
            return PROHIBIT;
        } else if (prefixOf(s, "unreachable")) {
            return UNREACHABLE;
        } else if (prefixOf(s, "blackhole")) {
            return BLACKHOLE;
        } else if (prefixOf(s, "xresolve")) {
            return XRESOLVE;
        } else if (prefixOf(s, "unicast")) {
            return UNICAST;
        } else if (s.equals("throw")) {
            return THROW;
        }
        long v = CNum.strtoul(s);
        return v >= 0 && v <= 255 ? (int) v : -1;
    }

    /** fib_props[type].scope: the narrowest scope a route of this type may have. */
    public static int minScope(int type) {
        return switch (type) {
            case LOCAL -> 254;
            case BROADCAST, ANYCAST -> 253;
            case UNSPEC, NAT, XRESOLVE -> 255;
            default -> 0;
        };
    }

    /** fib_props[type].error as a positive errno (0 for types that forward): the lookup fails with it. */
    public static int error(int type) {
        return switch (type) {
            case BLACKHOLE, NAT, XRESOLVE -> 22;     // EINVAL
            case UNREACHABLE -> 113;                 // EHOSTUNREACH
            case PROHIBIT -> 13;                     // EACCES
            case THROW -> 11;                        // EAGAIN: go on with the next rule
            default -> 0;
        };
    }

    /** True for types whose lookup is an error (blackhole, unreachable, prohibit, throw...). */
    public static boolean isReject(int type) { return error(type) != 0; }

    static boolean prefixOf(String s, String word) {
        return !s.isEmpty() && word.startsWith(s);
    }
}
