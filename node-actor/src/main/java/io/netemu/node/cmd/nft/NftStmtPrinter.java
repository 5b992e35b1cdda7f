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
        for (int i = 0; i < l.size(); i++) {
            if (i + 1 < l.size() && dependency(l.get(i), l.get(i + 1), family)) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            stmt(sb, l.get(i), family);
        }
        if (r.comment() != null) {
            sb.append(" comment \"").append(r.comment()).append('"');
        }
        return sb.toString();
    }

    /**
     * A protocol match that only states what the next statement implies, which nft drops when it
     * lists (payload_dependency_kill): {@code meta l4proto tcp tcp dport 22} lists as
     * {@code tcp dport 22}; outside inet, {@code reject with tcp reset}'s own dependency too.
     */
    private static boolean dependency(NftStmt s, NftStmt next, NftFamily family) {
        if (!(s instanceof NftMatch m) || !(m.rhs() instanceof NftMatch.Value v)
                || (m.op() != NftMatch.Op.IMPLICIT && m.op() != NftMatch.Op.EQ)
                || (m.key() != NftKey.META_L4PROTO && m.key() != NftKey.IP_PROTOCOL)) {
            return false;
        }
        if (next instanceof NftMatch n && n.key().l4proto() >= 0) {
            return n.key().l4proto() == v.v();
        }
        return family != NftFamily.INET && v.v() == 6 && next instanceof NftStmt.Reject rj
                && rj.kind() == NftStmt.Reject.Kind.TCP_RESET;
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
            case NftStmt.Nat n -> nat(sb, n);
            case NftStmt.MetaSet m -> sb.append("meta mark set ").append(NftType.MARK.format(m.value()));
            case NftStmt.Verdict v -> {
                sb.append(v.kind().name().toLowerCase());
                if (v.target() != null) {
                    sb.append(' ').append(v.target().name());
                }
            }
        }
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
            case NftMatch.Range r -> sb.append(value(k.type(), r.lo())).append('-').append(value(k.type(), r.hi()));
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
        if ((t == NftType.ICMP_TYPE || t == NftType.ICMP_CODE) && o.numeric()) {
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
            case ICMPX -> sb.append(r.code() == 1 ? "reject"
                    : "reject with icmpx " + NftSymbols.name(NftSymbols.ICMPX_CODES, r.code()));
            case ICMP -> sb.append(r.code() == 3 && family != NftFamily.INET ? "reject"
                    : "reject with icmp " + value(NftType.ICMP_CODE, r.code()));
        }
    }

    private static void nat(StringBuilder sb, NftStmt.Nat n) {
        sb.append(n.kind().name().toLowerCase());
        if (n.ip()) {
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
        if (t.isString()) {
            for (String s : set.stringsSorted()) {
                out.add('"' + s + '"');
            }
        } else if (set.interval()) {
            NftIntervals iv = set.ranges();
            int width = NftSetOps.width(set);
            for (int i = 0; i < iv.size(); i++) {
                long lo = iv.lo(i);
                long hi = iv.hi(i);
                long size = hi - lo + 1;
                if (lo == hi) {
                    out.add(value(t, lo));
                } else if (t.prefixes() && Long.bitCount(size) == 1 && (lo & (size - 1)) == 0) {
                    out.add(value(t, lo) + "/" + (width - Long.numberOfTrailingZeros(size)));
                } else {
                    out.add(value(t, lo) + "-" + value(t, hi));
                }
            }
        } else {
            for (long v : set.exact().sorted()) {
                out.add(value(t, v));
            }
        }
        return out;
    }
}
