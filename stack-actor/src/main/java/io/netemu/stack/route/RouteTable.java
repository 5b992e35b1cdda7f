package io.netemu.stack.route;

/** RT_TABLE_* ids, named as iproute2's rt_tables names them. */
public final class RouteTable {
    public static final int UNSPEC = 0;
    public static final int DEFAULT = 253;
    public static final int MAIN = 254;
    public static final int LOCAL = 255;

    private RouteTable() {}

    /** rtnl_rttable_n2a: {@code local}, {@code main}, {@code default}, {@code unspec}, else the number (unsigned). */
    public static String name(int id) {
        return switch (id) {
            case LOCAL -> "local";
            case MAIN -> "main";
            case DEFAULT -> "default";
            case UNSPEC -> "unspec";
            default -> Integer.toUnsignedString(id);
        };
    }

    /** rtnl_rttable_a2n: a name, or a number 0..2^32-1 (C syntax); -1L if neither. */
    public static long parseUnsigned(String s) {
        return switch (s) {
            case "local" -> LOCAL;
            case "main" -> MAIN;
            case "default" -> DEFAULT;
            case "unspec" -> UNSPEC;
            default -> CNum.strtoul(s);
        };
    }

    /** As {@link #parseUnsigned} but as an int id (ids above 2^31 come out negative); -1 if not a table. */
    public static int parse(String s) {
        long v = parseUnsigned(s);
        return v < 0 || v == 0xFFFF_FFFFL ? -1 : (int) v;
    }
}
