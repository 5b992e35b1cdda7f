package io.netemu.node.cmd.conntrack;

import io.netemu.stack.netfilter.conntrack.Conn;
import io.netemu.stack.netfilter.conntrack.Tuple;
import java.util.Map;

/**
 * What {@code conntrack -L/-D/-G} selects (src/conntrack.c nfct_filter, filter_nat, filter_mark,
 * filter_network, and nfct_cmp over the attributes given): addresses (source and destination with
 * CIDR), protocol, ports, TCP state, ICMP type/code/id, status bits, mark/mask and NAT.
 */
final class CtFilter {
    private static final Map<String, Integer> PROTOS = Map.ofEntries(Map.entry("tcp", 6), Map.entry("udp", 17),
            Map.entry("udplite", 136), Map.entry("icmp", 1), Map.entry("icmpv6", 58), Map.entry("sctp", 132),
            Map.entry("dccp", 33), Map.entry("gre", 47));
    /** getprotobyname over /etc/protocols, for protocols without an extension. */
    private static final Map<String, Integer> ETC_PROTOCOLS = Map.ofEntries(Map.entry("ip", 0), Map.entry("igmp", 2),
            Map.entry("ipencap", 4), Map.entry("egp", 8), Map.entry("ipv6", 41), Map.entry("esp", 50),
            Map.entry("ah", 51), Map.entry("ospf", 89), Map.entry("pim", 103), Map.entry("vrrp", 112),
            Map.entry("l2tp", 115));
    private static final String[] TCP_STATES = {"NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
        "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE", "LISTEN"};
    private static final String[] STATUS_NAMES = {"ASSURED", "SEEN_REPLY", "UNSET", "FIXED_TIMEOUT", "EXPECTED",
        "OFFLOAD", "HW_OFFLOAD"};
    private static final int[] STATUS_BITS = {Conn.ASSURED, Conn.SEEN_REPLY, 0, Conn.FIXED_TIMEOUT, Conn.EXPECTED,
        1 << 14, 1 << 15};

    /** Addresses by option bit (src, dst, reply-src, reply-dst) and the source/destination netmasks. */
    final Integer[] addr = new Integer[4];
    final int[] mask = {-1, -1, -1, -1};
    int proto = -1;
    /** The extension -p selected (its options become valid), or null. */
    String protoName;
    /** orig sport, orig dport, reply sport, reply dport; TCP state; ICMP type, code, id. */
    final Integer[] l4 = new Integer[4];
    Integer tcpState;
    Integer icmpType;
    Integer icmpCode;
    Integer icmpId;
    boolean statusSet;
    int statusVal;
    int statusMask;
    boolean markSet;
    long markVal;
    long markMask;
    /** NAT filters: 'n' source, 'g' destination, 'j' either; address and port if given. */
    char nat;
    Integer natAddr;
    Integer natPort;
    final StringBuilder warnings = new StringBuilder();

    void addr(ConntrackArgs a, int bit, String longName, String arg, boolean cidrOk) {
        int slash = arg.indexOf('/');
        String host = slash < 0 ? arg : arg.substring(0, slash);
        int m = -1;
        if (slash >= 0) {
            String ms = arg.substring(slash + 1);
            m = ms.matches("[0-9]+") && ms.length() < 4 ? Integer.parseInt(ms) : -2;
        }
        Integer v4 = inetAton(host);
        if (v4 == null && !host.contains(":")) {
            throw ConntrackArgs.param("Invalid IP address `" + host + "'");
        }
        if (v4 == null) {
            a.ipv6 = true; // no IPv6 here: nothing will match
        } else if (m > 32) {
            m = -2;
        }
        if (m != -1 && !cidrOk) {
            throw ConntrackArgs.param("CIDR notation unavailable for `--" + longName + "'");
        } else if (m == -2) {
            throw ConntrackArgs.param("Invalid netmask");
        }
        a.options |= 1 << bit;
        addr[bit] = v4 == null ? 0 : v4;
        if (m >= 0 && m != 32) {
            a.options |= 1 << (bit == ConntrackArgs.O_SRC ? ConntrackArgs.O_MASK_SRC : ConntrackArgs.O_MASK_DST);
            mask[bit] = m;
        }
    }

    /** inet_aton: one to four parts, each decimal, octal (0...) or hex (0x...); the last fills the rest. */
    static Integer inetAton(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4 || s.isEmpty()) {
            return null;
        }
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            try {
                if (p.startsWith("0x") || p.startsWith("0X")) {
                    v[i] = Long.parseLong(p.substring(2), 16);
                } else if (p.length() > 1 && p.startsWith("0")) {
                    v[i] = Long.parseLong(p.substring(1), 8);
                } else {
                    v[i] = Long.parseLong(p);
                }
            } catch (NumberFormatException e) {
                return null;
            }
            if (v[i] < 0 || (i < parts.length - 1 && v[i] > 255)) {
                return null;
            }
        }
        int n = parts.length;
        long last = v[n - 1];
        if (last >= 1L << (8 * (5 - n))) {
            return null;
        }
        long a = last;
        for (int i = 0; i < n - 1; i++) {
            a |= v[i] << (24 - 8 * i);
        }
        return (int) a;
    }

    void proto(String name) {
        String lower = name.toLowerCase();
        if (PROTOS.containsKey(lower)) {
            proto = PROTOS.get(lower);
            protoName = lower;
        } else if (ETC_PROTOCOLS.containsKey(name)) {
            proto = ETC_PROTOCOLS.get(name);
            protoName = null;
        } else if (name.matches("[0-9]+|0[xX][0-9a-fA-F]+") && parseNum(name) <= 255) {
            proto = (int) parseNum(name);
            protoName = PROTOS.entrySet().stream().filter(e -> e.getValue() == proto).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        } else {
            throw ConntrackArgs.param("`" + name + "' unsupported protocol");
        }
    }

    private static long parseNum(String s) {
        return s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16)
                : s.length() > 1 && s.startsWith("0") ? Long.parseLong(s.substring(1), 8) : Long.parseLong(s);
    }

    /** An option of the -p extension: ports and --state, or ICMP type, code and id (values as atoi reads them). */
    void protoOption(String ext, char c, String arg) {
        int v = atoi(arg);
        if (ext.equals("icmp")) {
            switch (c) {
                case '1' -> icmpType = v & 0xff;
                case '2' -> icmpCode = v & 0xff;
                default -> icmpId = v & 0xffff;
            }
            return;
        }
        if (c == '7') {
            for (int i = 0; i < TCP_STATES.length; i++) {
                if (TCP_STATES[i].equals(arg) || (i == 9 && arg.equals("SYN_SENT2"))) {
                    tcpState = i;
                    return;
                }
            }
            throw ConntrackArgs.param("unknown TCP state `" + arg + "'");
        }
        l4[c - '1'] = v & 0xffff;
    }

    private static int atoi(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?[0-9]+)").matcher(s);
        if (!m.find()) {
            return 0;
        }
        try {
            return (int) Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** parse_parameter_mask for -u: names (any prefix, any case), '!' to require a bit clear, UNREPLIED. */
    void status(String arg) {
        statusSet = true;
        int val = 0;
        int neg = 0;
        String rest = arg;
        for (String p : arg.split(",", -1)) {
            boolean negated = p.startsWith("!");
            String w = negated ? p.substring(1) : p;
            if (!negated && w.startsWith("UNREPLIED")) {
                neg |= Conn.SEEN_REPLY;
            } else if (w.regionMatches(true, 0, "SRC_NAT", 0, w.length()) && !w.isEmpty()
                    || w.regionMatches(true, 0, "DST_NAT", 0, w.length()) && !w.isEmpty()) {
                String which = w.toUpperCase().startsWith("S") ? "SRC_NAT" : "DST_NAT";
                warnings.append("WARNING: ignoring ").append(which).append(", use --")
                        .append(which.equals("SRC_NAT") ? "src-nat" : "dst-nat").append(" instead\n");
            } else {
                int bit = -1;
                for (int i = 0; i < STATUS_NAMES.length && !w.isEmpty(); i++) {
                    if (w.length() <= STATUS_NAMES[i].length() && STATUS_NAMES[i].regionMatches(true, 0, w, 0, w.length())) {
                        bit = STATUS_BITS[i];
                        break;
                    }
                }
                if (bit < 0) {
                    throw ConntrackArgs.param("Bad parameter `" + rest + "'");
                }
                if (negated) {
                    neg |= bit;
                } else {
                    val |= bit;
                }
            }
            rest = rest.length() > p.length() ? rest.substring(p.length() + 1) : rest;
        }
        statusVal = val;
        statusMask = neg == 0 ? val : neg | val;
    }

    void mark(String arg, char c) {
        String[] vm = arg.split("/", 2);
        try {
            markVal = parseNum(vm[0]);
            markMask = vm.length > 1 ? parseNum(vm[1]) : 0xffffffffL;
        } catch (NumberFormatException e) {
            throw ConntrackArgs.other("unexpected value '" + arg + "' with -" + c + " option");
        }
        if (markVal > 0xffffffffL) {
            throw ConntrackArgs.other("unexpected value '" + arg + "' with -" + c + " option");
        }
        markSet = true;
    }

    void nat(char c, String arg) {
        nat = c;
        if (arg == null) {
            return;
        }
        String host = arg;
        int colon = arg.indexOf(':');
        if (colon >= 0 && arg.indexOf(':', colon + 1) < 0) {
            host = arg.substring(0, colon);
            String port = arg.substring(colon + 1);
            if (port.isEmpty()) {
                throw ConntrackArgs.param("No port specified after `:'");
            }
            if (!port.matches("[0-9]+") || Long.parseLong(port.length() > 6 ? "99999999" : port) > 65535) {
                throw ConntrackArgs.param("Invalid port `" + port + "'");
            }
            natPort = Integer.parseInt(port);
        }
        if (host.contains("/")) {
            throw ConntrackArgs.param("CIDR notation unavailable for `--"
                    + (c == 'n' ? "src-nat" : c == 'g' ? "dst-nat" : "any-nat") + "'");
        }
        natAddr = inetAton(host);
        if (natAddr == null) {
            throw ConntrackArgs.param("Invalid IP address `" + host + "'");
        }
    }

    boolean matches(Conn c) {
        Tuple o = c.orig();
        Tuple r = c.reply();
        int[] have = {o.src(), o.dst(), r.src(), r.dst()};
        for (int i = 0; i < 4; i++) {
            if (addr[i] != null) {
                int m = mask[i] < 0 ? -1 : mask[i] == 0 ? 0 : -1 << (32 - mask[i]);
                if ((have[i] & m) != (addr[i] & m)) {
                    return false;
                }
            }
        }
        if (proto >= 0 && c.proto() != proto) {
            return false;
        }
        int[] ports = {o.sport(), o.dport(), r.sport(), r.dport()};
        for (int i = 0; i < 4; i++) {
            if (l4[i] != null && ports[i] != l4[i]) {
                return false;
            }
        }
        if (tcpState != null && (c.tcpState() == null || c.tcpState().ordinal() != tcpState)) {
            return false;
        }
        if ((icmpType != null && o.icmpType() != icmpType) || (icmpCode != null && o.icmpCode() != icmpCode)
                || (icmpId != null && o.icmpId() != icmpId)) {
            return false;
        }
        if (statusSet && (c.status() & statusMask) != statusVal) {
            return false;
        }
        if (markSet && ((c.mark() & 0xffffffffL) & markMask) != markVal) {
            return false;
        }
        return nat == 0 || natMatches(o, r);
    }

    /** {@code -G}: the kernel looks up the one tuple given (original, else reply), in either direction. */
    boolean isTuple(Conn c) {
        int base = addr[0] != null && addr[1] != null ? 0 : 2;
        int sport = l4[base] == null ? 0 : l4[base];
        int dport = l4[base + 1] == null ? 0 : l4[base + 1];
        if (proto == 1) {
            sport = icmpId == null ? 0 : icmpId;
            dport = ((icmpType == null ? 0 : icmpType) << 8) | (icmpCode == null ? 0 : icmpCode);
        }
        Tuple t = new Tuple(addr[base], addr[base + 1], sport, dport, proto);
        return c.orig().equals(t) || c.reply().equals(t);
    }

    /** filter_nat: source NAT shows in the reply destination, destination NAT in the reply source. */
    private boolean natMatches(Tuple o, Tuple r) {
        boolean keyed = o.proto() == 6 || o.proto() == 17;
        boolean snat = r.dst() != o.src();
        boolean spat = keyed && r.dport() != o.sport();
        boolean dnat = r.src() != o.dst();
        boolean dpat = keyed && r.sport() != o.dport();
        boolean hasS = natSide(snat, spat, r.dst(), r.dport());
        boolean hasD = natSide(dnat, dpat, r.src(), r.sport());
        return switch (nat) {
            case 'n' -> hasS;
            case 'g' -> hasD;
            default -> hasS || hasD;
        };
    }

    private boolean natSide(boolean addrNat, boolean portNat, int addrNow, int portNow) {
        if (natAddr == null && natPort == null) {
            return addrNat || portNat;
        }
        boolean ok = natAddr == null || (addrNat && addrNow == natAddr);
        if (natPort != null) {
            boolean p = portNat && portNow == natPort;
            ok = natAddr == null ? p : ok && p;
        }
        return ok;
    }
}
