package io.netemu.stack.netfilter.iptables;

/** libxtables' number, port and address parsers (xtables.c: xtables_strtoui, xtables_parse_port, __numeric_to_ipaddr). */
public final class XtParse {
    private XtParse() {}

    /** strtoul with base 0 (decimal, 0x hex, 0 octal) within [min, max]; -1 when not a number in range. */
    public static long strtoui(String s, long min, long max) {
        if (s == null || s.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String d = s;
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
            radix = 16;
            d = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            d = s.substring(1);
        }
        long v;
        try {
            if (d.startsWith("+") || d.startsWith("-")) {
                return -1;
            }
            v = Long.parseLong(d, radix);
        } catch (NumberFormatException e) {
            return -1;
        }
        return v < min || v > max ? -1 : v;
    }

    /** xtables_parse_port: a number 0..65535 or a service name of {@code proto}. */
    public static int port(String s, String proto) {
        long v = strtoui(s, 0, 65535);
        if (v >= 0) {
            return (int) v;
        }
        int p = XtNames.port(s, proto);
        if (p >= 0) {
            return p;
        }
        throw new XtError("invalid port/service `" + s + "' specified");
    }

    /** A port or {@code min:max} (either side may be empty), as libxt_tcp/udp take it; {min, max}. */
    public static int[] portRange(String s, String proto) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            int p = port(s, proto);
            return new int[] {p, p};
        }
        String a = s.substring(0, colon);
        String b = s.substring(colon + 1);
        int min = a.isEmpty() ? 0 : port(a, proto);
        int max = b.isEmpty() ? 0xFFFF : port(b, proto);
        if (min > max) {
            throw new XtError("invalid portrange (min > max)");
        }
        return new int[] {min, max};
    }

    /** __numeric_to_ipaddr: dotted numbers, missing trailing bytes zero ("10.1" is 10.1.0.0); null if not numeric. */
    public static Integer ipaddr(String s, boolean isMask) {
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4 || (isMask && parts.length != 4)) {
            return null;
        }
        int addr = 0;
        for (int i = 0; i < 4; i++) {
            long b = i < parts.length ? strtoui(parts[i], 0, 255) : 0;
            if (b < 0) {
                return null;
            }
            addr = (addr << 8) | (int) b;
        }
        return addr;
    }

    /** A dotted quad as iptables prints it. */
    public static String ntoa(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    /** A port as -L prints it: the service name unless numeric. */
    public static String portName(int port, String proto, boolean numeric) {
        String n = numeric ? null : XtNames.service(port, proto);
        return n != null ? n : Integer.toString(port);
    }
}
