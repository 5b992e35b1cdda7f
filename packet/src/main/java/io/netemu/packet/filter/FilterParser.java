package io.netemu.packet.filter;

import io.netemu.packet.filter.FilterNode.Dir;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * pcap-filter(7)'s grammar, recursive descent: {@code and} and {@code or} of equal precedence,
 * left to right, {@code not} binding tighter; a primitive is {@code [proto] [dir] [type] id},
 * and a bare id after {@code and}/{@code or}/{@code not} takes the qualifiers of the primitive
 * before it ({@code host 10.0.0.1 or 10.0.0.2}); relations compare arithmetic over packet loads.
 */
final class FilterParser {
    private static final Set<String> PROTOS = Set.of("ether", "ip", "arp", "rarp", "tcp", "udp", "icmp");
    private static final Set<String> RELOPS = Set.of("=", "==", "!=", "<", "<=", ">", ">=");
    private static final Map<String, Long> NAMES = Map.ofEntries(
            Map.entry("icmptype", 0L), Map.entry("icmpcode", 1L), Map.entry("tcpflags", 13L),
            Map.entry("icmp-echoreply", 0L), Map.entry("icmp-unreach", 3L), Map.entry("icmp-sourcequench", 4L),
            Map.entry("icmp-redirect", 5L), Map.entry("icmp-echo", 8L), Map.entry("icmp-routeradvert", 9L),
            Map.entry("icmp-routersolicit", 10L), Map.entry("icmp-timxceed", 11L), Map.entry("icmp-paramprob", 12L),
            Map.entry("icmp-tstamp", 13L), Map.entry("icmp-tstampreply", 14L), Map.entry("icmp-ireq", 15L),
            Map.entry("icmp-ireqreply", 16L), Map.entry("icmp-maskreq", 17L), Map.entry("icmp-maskreply", 18L),
            Map.entry("tcp-fin", 1L), Map.entry("tcp-syn", 2L), Map.entry("tcp-rst", 4L), Map.entry("tcp-push", 8L),
            Map.entry("tcp-ack", 16L), Map.entry("tcp-urg", 32L), Map.entry("tcp-ece", 64L), Map.entry("tcp-cwr", 128L));
    private static final Map<String, Integer> IP_PROTOS = Map.of("icmp", 1, "tcp", 6, "udp", 17, "igmp", 2);
    private static final Map<String, Integer> ETHER_PROTOS = Map.of("ip", 0x0800, "arp", 0x0806, "rarp", 0x8035);
    private static final Map<String, Integer> PORTS = Map.ofEntries(Map.entry("ssh", 22), Map.entry("domain", 53),
            Map.entry("http", 80), Map.entry("https", 443), Map.entry("ntp", 123), Map.entry("bootps", 67),
            Map.entry("bootpc", 68), Map.entry("telnet", 23), Map.entry("smtp", 25), Map.entry("discard", 9),
            Map.entry("echo", 7));

    private final List<String> t;
    private int pos;
    /** The qualifiers of the last primitive, for a bare id that follows. */
    private String lastProto;
    private Dir lastDir = Dir.OR;
    private String lastType;

    FilterParser(List<String> tokens) {
        this.t = tokens;
    }

    FilterNode parse() {
        FilterNode n = expr();
        if (pos != t.size()) {
            throw FilterException.syntax();
        }
        return n;
    }

    private String peek(int k) { return pos + k < t.size() ? t.get(pos + k) : null; }

    private String peek() { return peek(0); }

    private String next() {
        if (pos >= t.size()) {
            throw FilterException.syntax();
        }
        return t.get(pos++);
    }

    private boolean accept(String... words) {
        String p = peek();
        for (String w : words) {
            if (w.equals(p)) {
                pos++;
                return true;
            }
        }
        return false;
    }

    private FilterNode expr() {
        FilterNode n = unary();
        while (true) {
            if (accept("and", "&&")) {
                n = new FilterNode.And(n, unary());
            } else if (accept("or", "||")) {
                n = new FilterNode.Or(n, unary());
            } else {
                return n;
            }
        }
    }

    private FilterNode unary() {
        if (accept("not", "!")) {
            return new FilterNode.Not(unary());
        }
        if ("(".equals(peek())) {
            int save = pos;
            try {
                return relation();
            } catch (FilterException e) {
                pos = save;
            }
            pos++;
            FilterNode n = expr();
            if (!accept(")")) {
                throw FilterException.syntax();
            }
            return n;
        }
        String w = peek();
        if (w == null) {
            throw FilterException.syntax();
        }
        if (w.equals("len") || (PROTOS.contains(w) && "[".equals(peek(1)))
                || (isNumber(w) && (RELOPS.contains(peek(1)) || isArithOp(peek(1))))) {
            return relation();
        }
        return primitive();
    }

    // ---- primitives --------------------------------------------------------------------------

    private FilterNode primitive() {
        String w = peek();
        switch (w) {
            case "less", "greater" -> {
                pos++;
                return new FilterNode.Length(w.equals("less"), (int) number(next()));
            }
            case "vlan" -> {
                pos++;
                return new FilterNode.Vlan(peek() != null && isNumber(peek()) ? (int) number(next()) : -1);
            }
            case "broadcast" -> {
                pos++;
                return new FilterNode.EtherAddr(Dir.DST, 0xffff_ffff_ffffL);
            }
            case "multicast" -> {
                pos++;
                return new FilterNode.EtherMulticast();
            }
            default -> { }
        }
        String proto = PROTOS.contains(w) ? next() : null;
        Dir dir = dir();
        String type = peek() != null && Set.of("host", "net", "port", "portrange", "proto", "broadcast", "multicast")
                .contains(peek()) ? next() : null;
        boolean qualified = proto != null || dir != null || type != null;
        if (type == null && dir == null && proto != null && atEnd()) {
            return protoTest(proto); // "tcp", "arp" ...
        }
        if (!qualified) {
            // a bare id: the qualifiers of the primitive before it, or host
            proto = lastProto;
            dir = lastDir;
            type = lastType == null ? "host" : lastType;
        }
        if (dir == null) {
            dir = Dir.OR;
        }
        if (type == null) {
            type = "host"; // "ether src M", "ip dst A": an address
        }
        lastProto = proto;
        lastDir = dir;
        lastType = type;
        String id = type.equals("broadcast") || type.equals("multicast") ? null : next();
        try {
            return switch (type) {
                case "host", "net" -> proto != null && proto.equals("ether") ? etherHost(dir, id)
                        : net(proto, dir, type.equals("host"), id);
                case "port", "portrange" -> port(proto, dir, type.equals("portrange"), id);
                case "proto" -> protoNumber(proto, id);
                case "broadcast" -> new FilterNode.EtherAddr(Dir.DST, 0xffff_ffff_ffffL);
                default -> new FilterNode.EtherMulticast();
            };
        } catch (FilterException e) {
            // yacc sees a token that cannot follow before it reduces the primitive: that error comes first
            if (!atEnd()) {
                throw FilterException.syntax();
            }
            throw e;
        }
    }

    /** A protocol keyword that stands alone: followed by nothing, a connective or a closing parenthesis. */
    private boolean atEnd() {
        String p = peek();
        return p == null || Set.of("and", "or", "&&", "||", ")").contains(p);
    }

    private Dir dir() {
        String p = peek();
        if (!"src".equals(p) && !"dst".equals(p)) {
            return null;
        }
        pos++;
        String other = p.equals("src") ? "dst" : "src";
        if (("or".equals(peek()) || "and".equals(peek())) && other.equals(peek(1))) {
            String conj = next();
            pos++;
            return conj.equals("or") ? Dir.OR : Dir.AND;
        }
        return p.equals("src") ? Dir.SRC : Dir.DST;
    }

    private static FilterNode protoTest(String proto) {
        if (ETHER_PROTOS.containsKey(proto)) {
            return new FilterNode.EtherProto(ETHER_PROTOS.get(proto));
        }
        if (IP_PROTOS.containsKey(proto)) {
            return new FilterNode.IpProto(IP_PROTOS.get(proto));
        }
        throw FilterException.syntax(); // "ether" alone
    }

    private FilterNode net(String proto, Dir dir, boolean host, String id) {
        if (proto != null && !Set.of("ip", "arp", "rarp").contains(proto)) {
            throw new FilterException("'" + proto + "' modifier applied to " + (host ? "host" : "net"));
        }
        long addr;
        long mask;
        int slash = id.indexOf('/');
        String a = slash < 0 ? id : id.substring(0, slash);
        int parts = a.split("\\.", -1).length;
        if (!a.matches("[0-9]+(\\.[0-9]+){0,3}")) {
            if (isNumber(a) || a.matches("[0-9.]+")) {
                throw FilterException.syntax();
            }
            throw new FilterException("unknown host '" + id + "'");
        }
        addr = dotted(a);
        if (slash >= 0) {
            int bits = (int) number(id.substring(slash + 1));
            if (bits > 32) {
                throw new FilterException("mask length must be <= 32");
            }
            // a partial address is left-aligned: 10.1/16
            addr <<= 8 * (4 - parts);
            mask = bits == 0 ? 0 : (0xffff_ffffL << (32 - bits)) & 0xffff_ffffL;
            if ((addr & ~mask & 0xffff_ffffL) != 0) {
                throw new FilterException("non-network bits set in \"" + id + "\"");
            }
        } else if (host || parts == 4) {
            if (host && parts != 4) {
                addr <<= 8 * (4 - parts);
            }
            mask = host ? 0xffff_ffffL : 0xffff_ffffL;
        } else {
            addr <<= 8 * (4 - parts);
            mask = (0xffff_ffffL << (8 * (4 - parts))) & 0xffff_ffffL;
        }
        boolean any = proto == null;
        return new FilterNode.Net(any || proto.equals("ip"), any || proto.equals("arp"), any || proto.equals("rarp"),
                dir, addr, mask);
    }

    private static long dotted(String a) {
        long v = 0;
        for (String p : a.split("\\.")) {
            long o = Long.parseLong(p);
            if (o > 255) {
                throw FilterException.syntax();
            }
            v = (v << 8) | o;
        }
        return v;
    }

    private static FilterNode etherHost(Dir dir, String id) {
        String hex = id.replaceAll("[:.\\-]", "");
        if (!hex.matches("[0-9A-Fa-f]{12}")) {
            throw new FilterException("unknown ether host '" + id + "'");
        }
        return new FilterNode.EtherAddr(dir, Long.parseLong(hex, 16));
    }

    private FilterNode port(String proto, Dir dir, boolean range, String id) {
        if (proto != null && !proto.equals("tcp") && !proto.equals("udp")) {
            throw new FilterException("'" + proto + "' modifier applied to " + (range ? "portrange" : "port"));
        }
        int lo;
        int hi;
        if (range) {
            int dash = id.indexOf('-');
            if (dash <= 0) {
                throw FilterException.syntax();
            }
            lo = port(id.substring(0, dash));
            hi = port(id.substring(dash + 1));
            if (lo > hi) {
                int x = lo;
                lo = hi;
                hi = x;
            }
        } else {
            lo = hi = port(id);
        }
        return new FilterNode.Port(proto == null || proto.equals("tcp"), proto == null || proto.equals("udp"), dir, lo, hi);
    }

    private static int port(String id) {
        if (isNumber(id)) {
            long p = number(id);
            if (p > 65535) {
                throw new FilterException("illegal port number " + p + " > 65535");
            }
            return (int) p;
        }
        Integer p = PORTS.get(id);
        if (p == null) {
            throw new FilterException("unknown port '" + id + "'");
        }
        return p;
    }

    /** {@code [ip|ether] proto N}: N a number or a name, written with or without a backslash. */
    private static FilterNode protoNumber(String proto, String id) {
        String name = id.startsWith("\\") ? id.substring(1) : id;
        if ("ether".equals(proto)) {
            Integer t = ETHER_PROTOS.get(name);
            return new FilterNode.EtherProto(t != null ? t : (int) number(name));
        }
        if (proto != null && !proto.equals("ip")) {
            throw FilterException.syntax();
        }
        Integer p = IP_PROTOS.get(name);
        long n = p != null ? p : number(name);
        if (n > 255) {
            throw new FilterException("illegal protocol number " + n);
        }
        return new FilterNode.IpProto((int) n);
    }

    // ---- relations -----------------------------------------------------------------------------

    private FilterNode relation() {
        FilterNode[] guard = new FilterNode[1];
        Arith l = arith(guard);
        String op = next();
        if (!RELOPS.contains(op)) {
            throw FilterException.syntax();
        }
        Arith r = arith(guard);
        return new FilterNode.Relation(guard[0], op, l, r);
    }

    private static boolean isArithOp(String s) {
        return s != null && Set.of("+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>").contains(s);
    }

    private Arith arith(FilterNode[] guard) {
        Arith a = term(guard);
        while (isArithOp(peek())) {
            String op = next();
            char c = op.equals("<<") ? '<' : op.equals(">>") ? '>' : op.charAt(0);
            a = new Arith.BinOp(c, a, term(guard));
        }
        return a;
    }

    private Arith term(FilterNode[] guard) {
        String w = next();
        if (w.equals("(")) {
            Arith a = arith(guard);
            if (!accept(")")) {
                throw FilterException.syntax();
            }
            return a;
        }
        if (w.equals("len")) {
            return new Arith.Len();
        }
        if (PROTOS.contains(w) && accept("[")) {
            Arith index = arith(guard);
            int size = 1;
            if (accept(":")) {
                size = (int) number(next());
                if (size != 1 && size != 2 && size != 4) {
                    throw new FilterException("data size must be 1, 2, or 4");
                }
            }
            if (!accept("]")) {
                throw FilterException.syntax();
            }
            Arith.Base base = switch (w) {
                case "ether" -> Arith.Base.ETHER;
                case "ip", "arp", "rarp" -> Arith.Base.NETWORK;
                default -> Arith.Base.TRANSPORT;
            };
            if (!w.equals("ether")) {
                FilterNode g = protoTest(w);
                guard[0] = guard[0] == null ? g : new FilterNode.And(guard[0], g);
            }
            return new Arith.Load(base, index, size);
        }
        if (NAMES.containsKey(w)) {
            return new Arith.Const(NAMES.get(w));
        }
        if (isNumber(w)) {
            return new Arith.Const(number(w));
        }
        throw FilterException.syntax();
    }

    static boolean isNumber(String s) {
        return s != null && s.matches("0[xX][0-9a-fA-F]+|[0-9]+");
    }

    static long number(String s) {
        if (!isNumber(s)) {
            throw FilterException.syntax();
        }
        if (s.startsWith("0x") || s.startsWith("0X")) {
            return Long.parseLong(s.substring(2), 16);
        }
        if (s.length() > 1 && s.startsWith("0")) {
            return Long.parseLong(s, 8);
        }
        return Long.parseLong(s);
    }
}
