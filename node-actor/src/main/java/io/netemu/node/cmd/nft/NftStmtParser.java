package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftAst.PStmt;
import io.netemu.node.cmd.nft.NftAst.Ready;
import io.netemu.node.cmd.nft.NftToken.Kind;
import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.nft.NftKey;
import io.netemu.stack.netfilter.nft.NftMatch;
import io.netemu.stack.netfilter.nft.NftStmt;
import io.netemu.stack.netfilter.nft.NftSymbols;
import io.netemu.stack.netfilter.nft.NftType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements of parser_bison.y that are not matches: counter, limit (packets or bytes),
 * log, reject, snat/dnat/masquerade/redirect, {@code meta mark set}, and the bitmask forms of a
 * match ({@code ct state a,b}, {@code tcp flags syn / syn,ack}, {@code tcp flags & (syn|ack) == syn}).
 */
final class NftStmtParser {
    /** The meta keys nft 1.0.6 knows (its own error message lists them so). */
    static final List<String> META_KEYS = List.of("length", "protocol", "priority", "mark", "iif", "oif", "iifname",
            "oifname", "iiftype", "oiftype", "skuid", "skgid", "nftrace", "rtclassid", "secmark", "nfproto", "l4proto",
            "ibrname", "obrname", "pkttype", "cpu", "iifgroup", "oifgroup", "cgroup", "random", "ipsec", "iifkind",
            "oifkind", "ibrpvid", "ibrvproto", "time", "day", "hour", "sdif", "sdifname");
    /** Header fields nft has that netemu does not match on. */
    static final Set<String> KNOWN_FIELDS = Set.of("ip version", "ip hdrlength", "ip dscp", "ip ecn", "ip frag-off",
            "ip checksum", "ip option", "tcp sequence", "tcp ackseq", "tcp doff", "tcp window", "tcp checksum",
            "tcp urgptr", "tcp option", "udp length", "udp checksum", "icmp checksum", "icmp mtu", "icmp gateway",
            "ct mark", "ct direction", "ct expiration", "ct helper", "ct l3proto", "ct protocol",
            "ct zone", "ct label", "ct original", "ct reply", "ct count", "ct id", "ct event", "ct bytes",
            "ct packets", "ct avgpkt", "ct saddr", "ct daddr", "ct proto-src", "ct proto-dst", "ip6 flowlabel",
            "ip6 version", "ip6 dscp", "ip6 ecn", "ip6 length", "icmpv6 checksum", "icmpv6 mtu", "icmpv6 id",
            "icmpv6 sequence", "icmpv6 max-delay");
    private static final Map<String, Long> UNITS = Map.of("second", 1L, "minute", 60L, "hour", 3600L, "day", 86400L,
            "week", 604800L);
    private static final Map<String, Long> BYTE_UNITS = Map.of("bytes", 1L, "kbytes", 1024L, "mbytes", 1024L * 1024);

    private final NftRuleParser rules;
    private final NftTokens ts;
    private final NetNs ns;

    NftStmtParser(NftRuleParser rules, NftTokens ts, NetNs ns) {
        this.rules = rules;
        this.ts = ts;
        this.ns = ns;
    }

    PStmt statement(String w, List<PStmt> before) throws NftError {
        NftToken kw = ts.next();
        switch (w) {
            case "counter" -> {
                long packets = 0;
                long bytes = 0;
                if (ts.atWord("name")) {
                    throw NftParser.unsupported(ts.peek());
                }
                if (ts.accept("packets")) {
                    packets = NftParser.number(ts.expect(Kind.NUM, "number"));
                    if (!ts.accept("bytes")) {
                        throw NftError.syntax(ts.peek(), "bytes");
                    }
                    bytes = NftParser.number(ts.expect(Kind.NUM, "number"));
                }
                return new Ready(new NftStmt.Counter(packets, bytes), kw.loc());
            }
            case "limit" -> {
                return limit(kw);
            }
            case "log" -> {
                return log(kw);
            }
            case "reject" -> {
                return reject(kw, before);
            }
            default -> {
                return NftNatParser.nat(ts, ns, kw, w, before);
            }
        }
    }

    private PStmt limit(NftToken kw) throws NftError {
        if (!ts.accept("rate")) {
            throw NftError.syntax(ts.peek(), "rate");
        }
        boolean over = ts.accept("over");
        long rate = NftParser.number(ts.expect(Kind.NUM, "number"));
        boolean bytes = false;
        long unit;
        NftToken u = ts.next();
        if (u.is(Kind.SLASH)) {
            unit = unit(ts.next());
        } else if (u.is(Kind.STRING) && BYTE_UNITS.containsKey(u.text().split("/")[0])) {
            // "mbytes/second" is one word to the scanner ('/' may occur inside strings)
            bytes = true;
            int slash = u.text().indexOf('/');
            rate *= BYTE_UNITS.get(slash < 0 ? u.text() : u.text().substring(0, slash));
            if (slash >= 0) {
                unit = unit(u, u.text().substring(slash + 1));
            } else {
                ts.expect(Kind.SLASH, "/");
                unit = unit(ts.next());
            }
        } else {
            throw NftError.syntax(u, "/");
        }
        long burst = 0;
        if (ts.atWord("burst")) {
            NftToken bk = ts.next();
            NftToken b = ts.expect(Kind.NUM, "number");
            burst = NftParser.number(b);
            NftToken bu = ts.next();
            if (bu.isWord("packets")) {
                if (burst == 0) {
                    throw new NftError("packet limit burst must be > 0", bk.to(bu));
                }
            } else if (BYTE_UNITS.containsKey(bu.text())) {
                burst *= BYTE_UNITS.get(bu.text());
            } else {
                throw NftError.syntax(bu, "packets", "string");
            }
        }
        return new Ready(new NftStmt.Limit(rate, unit, burst, bytes, over), kw.to(ts.last()), kw.to(ts.last()));
    }

    private static long unit(NftToken t) throws NftError {
        return unit(t, t.text());
    }

    private static long unit(NftToken t, String text) throws NftError {
        Long u = UNITS.get(text);
        if (u == null) {
            throw new NftError("Wrong rate format", t.loc());
        }
        return u;
    }

    private PStmt log(NftToken kw) throws NftError {
        String prefix = null;
        String level = null;
        while (true) {
            if (ts.accept("prefix")) {
                NftToken v = ts.peek();
                if (!(v.is(Kind.STRING) || v.is(Kind.QSTRING) || v.is(Kind.ASTRING))) {
                    throw NftError.syntax(v, "string", "quoted string", "string with a trailing asterisk");
                }
                prefix = ts.next().text();
            } else if (ts.accept("level")) {
                NftToken v = ts.next();
                if (!Set.of("emerg", "alert", "crit", "err", "warn", "notice", "info", "debug", "audit").contains(v.text())) {
                    throw new NftError("invalid log level", v.loc());
                }
                level = v.text().equals("warn") ? null : v.text();
            } else if (ts.atWord("group") || ts.atWord("snaplen") || ts.atWord("queue-threshold") || ts.atWord("flags")) {
                throw NftParser.unsupported(ts.peek());
            } else {
                break;
            }
        }
        return new Ready(new NftStmt.Log(prefix, level), kw.loc());
    }

    private PStmt reject(NftToken kw, List<PStmt> before) throws NftError {
        if (!ts.accept("with")) {
            return new Ready(new NftStmt.Reject(NftStmt.Reject.Kind.ICMPX, 1), kw.loc());
        }
        NftToken t = ts.next();
        NftStmt.Reject r;
        NftLoc codeLoc = null;
        if (t.isWord("icmp") && t.is(Kind.KEYWORD)) {
            ts.accept("type");
            NftToken c = ts.next();
            r = new NftStmt.Reject(NftStmt.Reject.Kind.ICMP, (int) NftValues.value(NftType.ICMP_CODE, 8, c, ns));
            codeLoc = c.loc();
        } else if (t.isWord("icmpx")) {
            ts.accept("type");
            NftToken c = ts.next();
            Integer code = NftSymbols.ICMPX_CODES.get(c.text());
            if (code == null) {
                throw new NftError("Could not parse icmpx code", c.loc());
            }
            r = new NftStmt.Reject(NftStmt.Reject.Kind.ICMPX, code);
            codeLoc = c.loc();
        } else if (t.isWord("tcp") && t.is(Kind.KEYWORD)) {
            NftToken reset = ts.next();
            if (!reset.isWord("reset")) {
                throw NftError.syntax(reset, "reset");
            }
            r = new NftStmt.Reject(NftStmt.Reject.Kind.TCP_RESET, 0);
            if (!NftRuleParser.hasL4(before, -1)) {
                // nft puts the dependency first in the rule
                before.add(0, new Ready(new NftMatch(NftKey.META_L4PROTO, NftMatch.Op.IMPLICIT, new NftMatch.Value(6)),
                        kw.loc()));
            }
        } else if (t.isWord("icmpv6") && t.is(Kind.KEYWORD)) {
            ts.accept("type");
            NftToken c = ts.next();
            r = new NftStmt.Reject(NftStmt.Reject.Kind.ICMPV6, (int) NftValues.value(NftType.ICMPV6_CODE, 8, c, ns));
            codeLoc = c.loc();
        } else {
            throw NftError.syntax(t, "icmp", "icmpv6", "tcp", "icmpx");
        }
        return new Ready(r, kw.loc(), codeLoc);
    }

    PStmt markSet() throws NftError {
        NftToken start = ts.next();
        if (start.isWord("meta")) {
            ts.next();
        }
        ts.next();
        NftToken v = ts.next();
        if (!NftValues.isValueToken(v)) {
            throw NftError.syntax(v);
        }
        long mark = NftValues.value(NftType.MARK, 32, v, ns);
        return new Ready(new NftStmt.MetaSet(NftKey.META_MARK, mark), start.to(v));
    }

    /** {@code ct state a,b} / {@code tcp flags syn / syn,ack}: a flag list, optionally {@code / mask}. */
    PStmt flags(NftKey key, NftMatch.Op op, NftLoc keyLoc) throws NftError {
        long v = flagList(key, Kind.COMMA);
        NftMatch.Rhs rhs = new NftMatch.Value(v);
        if (ts.accept(Kind.SLASH)) {
            rhs = new NftMatch.Masked(v, flagList(key, Kind.COMMA));
        }
        return new Ready(new NftMatch(key, op, rhs), keyLoc.to(ts.last().loc()), keyLoc);
    }

    /** {@code tcp flags & (syn|ack) == syn}. */
    PStmt masked(NftKey key, NftLoc keyLoc) throws NftError {
        ts.next();
        long mask;
        if (ts.accept(Kind.LPAREN)) {
            mask = flagList(key, Kind.PIPE);
            ts.expect(Kind.RPAREN, "')'");
        } else {
            mask = flagList(key, Kind.PIPE);
        }
        NftMatch.Op op = ts.accept(Kind.NEQ) ? NftMatch.Op.NEQ : NftMatch.Op.IMPLICIT;
        if (op == NftMatch.Op.IMPLICIT) {
            ts.accept(Kind.EQ);
        }
        long v = flagList(key, Kind.PIPE);
        return new Ready(new NftMatch(key, op, new NftMatch.Masked(v, mask)), keyLoc.to(ts.last().loc()), keyLoc);
    }

    private long flagList(NftKey key, Kind sep) throws NftError {
        List<NftToken> toks = new java.util.ArrayList<>();
        do {
            NftToken t = ts.next();
            if (!NftValues.isValueToken(t)) {
                throw NftError.syntax(t);
            }
            toks.add(t);
        } while (ts.accept(sep) || (sep == Kind.PIPE && ts.accept(Kind.COMMA)));
        long v = 0;
        for (NftToken t : toks) {
            v |= NftValues.value(key.type(), key.width(), t, ns);
        }
        return v;
    }
}
