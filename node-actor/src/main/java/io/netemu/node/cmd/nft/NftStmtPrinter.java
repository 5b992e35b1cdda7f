package io.netemu.node.cmd.nft;

import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.nft.NftFamily;
import io.netemu.stack.netfilter.nft.NftIntervals;
import io.netemu.stack.netfilter.nft.NftKey;
import io.netemu.stack.netfilter.nft.NftMatch;
import io.netemu.stack.netfilter.nft.NftRule;
import io.netemu.stack.netfilter.nft.NftSet;
import io.netemu.stack.netfilter.nft.NftStmt;
import io.netemu.stack.netfilter.nft.NftSymbols;
import io.netemu.stack.netfilter.nft.NftType;
import io.netemu.stack.netfilter.nft.NftVMap;
import java.util.ArrayList;
import java.util.List;

/**
 * How nft 1.0.6 prints a rule (rule_print, stmt_print, expr_print in nftables' statement.c,
 * expression.c, datatype.c): statements in order separated by spaces, values in their types'
 * formats, anonymous sets on one line, named set elements wrapped as calculate_delim does.
 */
final class NftStmtPrinter {
    private final NftPrinter.Opts o;
    private final NetNs ns;

    NftStmtPrinter(NftPrinter.Opts o, NetNs ns) {
        this.o = o;
        this.ns = ns;
    }

    String rule(NftRule r, NftFamily family) {
        StringBuilder sb = new StringBuilder();
        List<NftStmt> l = r.stmts();
        long proto = -1;
        for (int i = 0; i < l.size(); i++) {
            NftStmt s = l.get(i);
            if (s instanceof NftMatch m) {
                if (m.key().l4proto() >= 0) {
                    proto = m.key().l4proto();
                } else if ((m.key() == NftKey.META_L4PROTO || m.key() == NftKey.IP_PROTOCOL)
                        && m.rhs() instanceof NftMatch.Value v && m.op() == NftMatch.Op.IMPLICIT) {
                    proto = v.v();
                } else if ((m.key() == NftKey.TH_DPORT || m.key() == NftKey.TH_SPORT) && (proto == 6 || proto == 17)) {
                    // a transport header field under a known protocol lists as that protocol's field
                    s = new NftMatch(NftKey.byText((proto == 6 ? "tcp" : "udp") + m.key().text().substring(2)), m.op(),
                            m.rhs());
                } else if (m.key() == NftKey.TH_DPORT && proto == 1) {
                    // bytes 2-3 of an ICMP header are its checksum
                    if (i > 0) {
                        sb.append(' ');
                    }
                    StringBuilder rest = new StringBuilder();
                    match(rest, (NftMatch) s);
                    sb.append("icmp checksum").append(rest.substring("th dport".length()));
                    continue;
                }
            }
            if (NftListing.dependency(s, l.subList(i + 1, l.size()), family)) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            stmt(sb, s, family);
        }
        if (r.comment() != null) {
            sb.append(" comment \"").append(r.comment()).append('"');
        }
        return sb.toString();
    }

    private void stmt(StringBuilder sb, NftStmt s, NftFamily family) {
        switch (s) {
            case NftMatch m -> match(sb, m);
            case NftStmt.Counter c -> sb.append(o.stateless() ? "counter" : "counter packets " + c.packets + " bytes " + c.bytes);
            case NftStmt.Limit l -> limit(sb, l);
            case NftStmt.Log l -> {
                sb.append("log");
                if (l.prefix() != null) {
                    sb.append(" prefix \"").append(l.prefix()).append('"');
                }
                if (l.level() != null) {
                    sb.append(" level ").append(l.level());
                }
            }
            case NftStmt.Reject r -> reject(sb, r, family);
            case NftStmt.Nat n -> nat(sb, n, family);
            case NftStmt.MetaSet m -> sb.append("meta mark set ").append(NftType.MARK.format(m.value()));
            case NftStmt.Verdict v -> verdict(sb, v);
            case NftVMap m -> vmap(sb, m);
        }
    }

    private static void verdict(StringBuilder sb, NftStmt.Verdict v) {
        sb.append(v.kind().name().toLowerCase());
        if (v.target() != null) {
            sb.append(' ').append(v.target().name());
        }
    }

    /** {@code KEY vmap { k : v, ... }}, keys in the map's order, on one line. */
    private void vmap(StringBuilder sb, NftVMap m) {
        NftType t = m.key().type();
        sb.append(m.key().text()).append(" vmap { ");
        String sep = "";
        for (NftVMap.Entry e : m.sorted()) {
            sb.append(sep);
            sep = ", ";
            if (e.text() != null) {
                sb.append(t.isString() ? '"' + e.text() + '"' : e.text());
            } else {
                sb.append(element(t, NftSetOps.widthOf(m.key()), e.lo(), e.hi()));
            }
            sb.append(" : ");
            verdict(sb, e.verdict());
        }
        sb.append(" }");
    }

    /** One element of a set or map: a value, {@code addr/len} where the type prints prefixes, else {@code lo-hi}. */
    private String element(NftType t, int width, long lo, long hi) {
        long size = hi - lo + 1;
        if (lo == hi) {
            return value(t, lo);
        }
        if (t.prefixes() && Long.bitCount(size) == 1 && (lo & (size - 1)) == 0) {
            return value(t, lo) + "/" + (width - Long.numberOfTrailingZeros(size));
        }
        return rangeValue(t, lo) + "-" + rangeValue(t, hi);
    }

    private void match(StringBuilder sb, NftMatch m) {
        NftKey k = m.key();
        sb.append(k.text()).append(' ');
        switch (m.op()) {
            case IMPLICIT -> { }
            case EQ -> sb.append(k.type().isBitmask() ? "== " : "");
            default -> sb.append(m.op().text()).append(' ');
        }
        switch (m.rhs()) {
            case NftMatch.Value v -> sb.append(value(k.type(), v.v()));
            case NftMatch.Str s -> sb.append('"').append(s.s()).append('"');
            case NftMatch.Text t -> sb.append(t.text());
            case NftMatch.Range r -> sb.append(rangeValue(k.type(), r.lo())).append('-').append(rangeValue(k.type(), r.hi()));
            case NftMatch.Prefix p -> sb.append(value(k.type(), p.addr())).append('/').append(p.len());
            case NftMatch.Masked mk -> sb.append(value(k.type(), mk.value())).append(" / ").append(value(k.type(), mk.mask()));
            case NftMatch.SetRef r -> {
                if (r.set().anonymous()) {
                    sb.append(elements(r.set(), true));
                } else {
                    sb.append('@').append(r.set().name());
                }
            }
        }
    }

    /** A value in its type's format, honouring -n / -p. */
    String value(NftType t, long v) {
        if (t == NftType.INET_PROTO && o.numericProto()) {
            return Long.toString(v);
        }
        if ((t == NftType.ICMP_TYPE || t == NftType.ICMP_CODE || t == NftType.ICMPV6_TYPE || t == NftType.ICMPV6_CODE)
                && o.numeric()) {
            return Long.toString(v);
        }
        if (t.isBitmask() && o.numeric()) {
            List<String> bits = new ArrayList<>();
            for (int b = 0; b < 32; b++) {
                if ((v & (1L << b)) != 0) {
                    bits.add("0x" + Long.toHexString(1L << b));
                }
            }
            return bits.isEmpty() ? "0x0" : String.join(",", bits);
        }
        if (t == NftType.IFACE_INDEX) {
            NetDev d = ns == null ? null : ns.devs().get((int) v);
            return d == null ? Long.toString(v) : "\"" + d.name() + "\"";
        }
        return t.format(v);
    }

    /** range_expr_print prints both ends fully numeric (protocol and ICMP names as numbers). */
    private String rangeValue(NftType t, long v) {
        return t == NftType.INET_PROTO || t == NftType.ICMP_TYPE || t == NftType.ICMP_CODE || t == NftType.ICMPV6_TYPE
                || t == NftType.ICMPV6_CODE ? Long.toString(v) : value(t, v);
    }

    private void limit(StringBuilder sb, NftStmt.Limit l) {
        sb.append("limit rate ").append(l.over ? "over " : "");
        String unit = switch ((int) l.unitSeconds) {
            case 1 -> "second";
            case 60 -> "minute";
            case 3600 -> "hour";
            case 86400 -> "day";
            default -> "week";
        };
        if (l.bytes) {
            sb.append(bytes(l.rate)).append('/').append(unit);
            if (l.burst != 0) {
                sb.append(" burst ").append(bytes(l.burst));
            }
        } else {
            sb.append(l.rate).append('/').append(unit);
            if (l.burst != 0 && l.burst != 5) {
                sb.append(" burst ").append(l.burst).append(" packets");
            }
        }
    }

    private static String bytes(long n) {
        if (n % (1024 * 1024) == 0) {
            return n / (1024 * 1024) + " mbytes";
        }
        return n % 1024 == 0 ? n / 1024 + " kbytes" : n + " bytes";
    }

    private void reject(StringBuilder sb, NftStmt.Reject r, NftFamily family) {
        switch (r.kind()) {
            case TCP_RESET -> sb.append("reject with tcp reset");
            case ICMPV6 -> sb.append("reject with icmpv6 ").append(value(NftType.ICMPV6_CODE, r.code()));
            case ICMPX -> sb.append(r.code() == 1 ? "reject"
                    : "reject with icmpx " + NftSymbols.name(NftSymbols.ICMPX_CODES, r.code()));
            case ICMP -> sb.append(r.code() == 3 && family != NftFamily.INET ? "reject"
                    : "reject with icmp " + value(NftType.ICMP_CODE, r.code()));
        }
    }

    private static void nat(StringBuilder sb, NftStmt.Nat n, NftFamily family) {
        sb.append(n.kind().name().toLowerCase());
        if (n.ip() || (family == NftFamily.INET && n.addrMin() != 0)) {
            sb.append(" ip");
        }
        if (n.addrMin() != 0 || n.portMin() != 0) {
            sb.append(" to ");
            if (n.addrMin() != 0) {
                sb.append(NftType.IPV4_ADDR.format(n.addrMin()));
                if (n.addrMax() != n.addrMin()) {
                    sb.append('-').append(NftType.IPV4_ADDR.format(n.addrMax()));
                }
            }
            if (n.portMin() != 0) {
                sb.append(':').append(n.portMin());
                if (n.portMax() != n.portMin()) {
                    sb.append('-').append(n.portMax());
                }
            }
        }
        List<String> flags = new ArrayList<>();
        if (n.random()) {
            flags.add("random");
        }
        if (n.fullyRandom()) {
            flags.add("fully-random");
        }
        if (n.persistent()) {
            flags.add("persistent");
        }
        if (!flags.isEmpty()) {
            sb.append(' ').append(String.join(",", flags));
        }
    }

    /** {@code { a, b }}: one line for anonymous sets, wrapped by type for named ones (calculate_delim). */
    String elements(NftSet set, boolean anonymous) {
        List<String> items = elementStrings(set);
        int perLine = switch (set.type()) {
            case INET_PROTO, INET_SERVICE, TCP_FLAG, MARK, IFACE_INDEX, INTEGER -> 5;
            case IPV4_ADDR, CT_STATE -> 2;
            default -> 1;
        };
        StringBuilder sb = new StringBuilder("{ ");
        int count = 0;
        for (int i = 0; i < items.size(); i++) {
            sb.append(items.get(i));
            count++;
            if (i + 1 < items.size()) {
                if (anonymous || count < perLine) {
                    sb.append(", ");
                } else {
                    sb.append(",\n\t\t\t     ");
                    count = 0;
                }
            }
        }
        return sb.append(" }").toString();
    }

    private List<String> elementStrings(NftSet set) {
        List<String> out = new ArrayList<>();
        NftType t = set.type();
        if (t.isText()) {
            for (String s : set.stringsSorted()) {
                out.add(t.isString() ? '"' + s + '"' : s);
            }
        } else if (set.interval()) {
            NftIntervals iv = set.ranges();
            int width = NftSetOps.width(set);
            for (int i = 0; i < iv.size(); i++) {
                out.add(element(t, width, iv.lo(i), iv.hi(i)));
            }
        } else {
            for (long v : set.exact().sorted()) {
                out.add(value(t, v));
            }
        }
        return out;
    }
}
