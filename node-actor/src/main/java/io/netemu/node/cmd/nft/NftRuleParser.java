package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftAst.PStmt;
import io.netemu.node.cmd.nft.NftAst.Ready;
import io.netemu.node.cmd.nft.NftToken.Kind;
import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.nft.NftKey;
import io.netemu.stack.netfilter.nft.NftMatch;
import io.netemu.stack.netfilter.nft.NftStmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules (parser_bison.y's {@code rule}, {@code stmt}, {@code relational_expr}): matches of a key
 * against a value, range, prefix, flag list, anonymous set or {@code @set}, and the statements
 * counter, limit, log, reject, NAT, {@code meta mark set} and verdicts; then the rule checks of
 * evaluate.c that need no ruleset (statements after a terminal one, the tcp dependency of
 * {@code reject with tcp reset}).
 */
final class NftRuleParser {
    private final NftParser p;
    private final NftTokens ts;
    private final NetNs ns;
    private final NftStmtParser stmts;

    NftRuleParser(NftParser p, NetNs ns) {
        this.p = p;
        this.ts = p.ts;
        this.ns = ns;
        this.stmts = new NftStmtParser(this, p.ts, ns);
    }

    NftParser parser() { return p; }

    private static boolean end(NftToken t) {
        return t.is(Kind.NEWLINE) || t.is(Kind.SEMI) || t.is(Kind.EOF) || t.is(Kind.RBRACE);
    }

    NftAst.Rule rule() throws NftError {
        NftToken start = ts.peek();
        List<PStmt> out = new ArrayList<>();
        String comment = null;
        while (!end(ts.peek())) {
            if (ts.peek().is(Kind.KEYWORD) && ts.accept("comment")) {
                comment = p.blocks.string();
                break;
            }
            PStmt s = stmt(out);
            if (!out.isEmpty() && terminal(out.get(out.size() - 1))) {
                throw new NftError("Statement after terminal statement has no effect", s.loc(),
                        out.get(out.size() - 1).loc());
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw NftError.syntax(ts.peek());
        }
        return new NftAst.Rule(out, comment, start.to(ts.last()));
    }

    private static boolean terminal(PStmt s) {
        return s instanceof NftAst.Jump || s instanceof NftAst.NatP
                || (s instanceof Ready r && (r.stmt() instanceof NftStmt.Verdict || r.stmt() instanceof NftStmt.Reject));
    }

    /** Whether an earlier match already restricts the packet to transport protocol {@code proto}. */
    static boolean hasL4(List<PStmt> before, int proto) {
        for (PStmt s : before) {
            if (s instanceof Ready r && r.stmt() instanceof NftMatch m) {
                if (m.key().l4proto() == proto && proto >= 0) {
                    return true;
                }
                if ((m.key() == NftKey.META_L4PROTO || m.key() == NftKey.IP_PROTOCOL)
                        && m.rhs() instanceof NftMatch.Value v && (proto < 0 || v.v() == proto)) {
                    return true;
                }
                if (proto < 0 && (m.key() == NftKey.TH_DPORT || m.key() == NftKey.TH_SPORT || m.key().l4proto() >= 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    private PStmt stmt(List<PStmt> before) throws NftError {
        NftToken t = ts.peek();
        String w = t.is(Kind.KEYWORD) ? t.text() : "";
        switch (w) {
            case "accept", "drop", "continue", "return" -> {
                ts.next();
                return new Ready(new NftStmt.Verdict(NftStmt.Verdict.Kind.valueOf(w.toUpperCase()), null), t.loc());
            }
            case "jump", "goto" -> {
                ts.next();
                NftToken n = ts.peek();
                if (!n.is(Kind.STRING)) {
                    throw NftError.syntax(n, "'{'");
                }
                ts.next();
                return new NftAst.Jump(NftStmt.Verdict.Kind.valueOf(w.toUpperCase()),
                        new NftAst.Name(n.text(), n.loc()), t.to(n));
            }
            case "counter", "limit", "log", "reject", "snat", "dnat", "masquerade", "redirect" -> {
                return stmts.statement(w, before);
            }
            case "meta", "mark" -> {
                if ((w.equals("mark") && ts.peek(1).isWord("set"))
                        || (w.equals("meta") && ts.peek(1).isWord("mark") && ts.peek(2).isWord("set"))) {
                    return stmts.markSet();
                }
                return relational();
            }
            case "ip", "tcp", "udp", "th", "icmp", "ct", "iifname", "oifname", "iif", "oif" -> {
                return relational();
            }
            default -> {
                if (t.is(Kind.STRING)) {
                    if (NftValues.isValueToken(ts.peek(1))) {
                        throw new NftError("No symbol type information", t.loc());
                    }
                    ts.next();
                    throw NftError.syntax(ts.peek());
                }
                if (t.is(Kind.KEYWORD) && !w.equals("comment")) {
                    throw NftParser.unsupported(t);
                }
                throw NftError.syntax(t);
            }
        }
    }

    /** A key: {@code ip saddr}, {@code tcp dport}, {@code meta l4proto}, {@code iifname}, {@code ct state}... */
    NftKey key() throws NftError {
        NftToken t = ts.next();
        String w = t.text();
        switch (w) {
            case "mark", "iifname", "oifname", "iif", "oif" -> {
                return w.equals("mark") ? NftKey.META_MARK : NftKey.byText(w);
            }
            case "meta" -> {
                NftToken f = ts.next();
                NftKey k = switch (f.text()) {
                    case "l4proto", "mark", "length" -> NftKey.byText("meta " + f.text());
                    case "iifname", "oifname", "iif", "oif" -> NftKey.byText(f.text());
                    default -> null;
                };
                if (k == null) {
                    if (NftStmtParser.META_KEYS.contains(f.text())) {
                        throw NftParser.unsupported(f);
                    }
                    throw new NftError("syntax error, unexpected " + f.text() + ", known keys are "
                            + String.join(", ", NftStmtParser.META_KEYS), t.to(f));
                }
                return k;
            }
            case "ip", "tcp", "udp", "th", "icmp", "ct" -> {
                NftToken f = ts.peek();
                String field = f.text().equals("sequence") ? "sequence" : f.text();
                NftKey k = f.is(Kind.STRING) || f.is(Kind.KEYWORD) ? NftKey.byText(w + " " + field) : null;
                if (k == null) {
                    if (f.is(Kind.STRING) && NftStmtParser.KNOWN_FIELDS.contains(w + " " + f.text())) {
                        throw NftParser.unsupported(f);
                    }
                    throw NftError.syntax(f);
                }
                ts.next();
                return k;
            }
            default -> throw NftError.syntax(t);
        }
    }

    private PStmt relational() throws NftError {
        NftToken start = ts.peek();
        NftKey key = key();
        NftLoc keyLoc = start.to(ts.last());
        NftMatch.Op op = switch (ts.peek().kind()) {
            case EQ -> NftMatch.Op.EQ;
            case NEQ -> NftMatch.Op.NEQ;
            case LT -> NftMatch.Op.LT;
            case GT -> NftMatch.Op.GT;
            case LTE -> NftMatch.Op.LTE;
            case GTE -> NftMatch.Op.GTE;
            default -> NftMatch.Op.IMPLICIT;
        };
        if (op != NftMatch.Op.IMPLICIT) {
            ts.next();
        }
        NftToken t = ts.peek();
        if (t.is(Kind.NOT)) {
            ts.next();
            NftToken v = ts.next();
            throw new NftError("negation can only be used with singleton bitmask values", keyLoc, v.loc());
        }
        if (t.is(Kind.LBRACE)) {
            List<NftAst.Elem> elems = elementList();
            return new NftAst.Anon(key, op, elems, keyLoc.to(ts.last().loc()));
        }
        if (t.is(Kind.AT)) {
            ts.next();
            NftAst.Name set = p.identifier();
            return new NftAst.Lookup(key, op, set, keyLoc, t.to(ts.last()));
        }
        if (t.is(Kind.AMP) && key.type().isBitmask()) {
            return stmts.masked(key, keyLoc);
        }
        if (!NftValues.isValueToken(t)) {
            throw NftError.syntax(t);
        }
        if (key.type().isBitmask()) {
            return stmts.flags(key, op, keyLoc);
        }
        NftAst.Elem e = elem();
        if (ts.at(Kind.COMMA)) {
            throw new NftError("Basetype of type " + key.type().desc() + " is not bitmask", e.loc());
        }
        NftMatch.Rhs rhs = NftValues.rhs(key, e, ns);
        return new Ready(new NftMatch(key, op, rhs), keyLoc.to(ts.last().loc()));
    }

    /** {@code value}, {@code lo-hi} or {@code value/len}. */
    NftAst.Elem elem() throws NftError {
        NftToken lo = ts.next();
        if (!NftValues.isValueToken(lo)) {
            throw NftError.syntax(lo);
        }
        NftToken hi = null;
        NftToken plen = null;
        if (ts.at(Kind.DASH) && NftValues.isValueToken(ts.peek(1))) {
            ts.next();
            hi = ts.next();
        } else if (ts.at(Kind.SLASH) && ts.peek(1).is(Kind.NUM)) {
            ts.next();
            plen = ts.next();
        } else if (ts.at(Kind.SLASH) && NftValues.isValueToken(ts.peek(1))) {
            // a netmask (10.0.0.0/255.0.0.0) reads as a binary '/' expression nft cannot end here
            ts.next();
            ts.next();
            throw NftError.syntax(ts.peek(), "comma");
        }
        return new NftAst.Elem(lo, hi, plen, lo.to(ts.last()));
    }

    /** {@code { elem, elem, ... }}, newlines allowed, nested braces (from variables) flattened. */
    List<NftAst.Elem> elementList() throws NftError {
        ts.expect(Kind.LBRACE, "'{'");
        List<NftAst.Elem> out = new ArrayList<>();
        while (true) {
            while (ts.accept(Kind.NEWLINE)) {
                // elements may span lines
            }
            if (ts.accept(Kind.RBRACE)) {
                return out;
            }
            if (ts.at(Kind.LBRACE)) {
                out.addAll(elementList());
            } else {
                out.add(elem());
            }
            while (ts.accept(Kind.NEWLINE)) {
                // a comma may come on the next line
            }
            if (ts.accept(Kind.COMMA)) {
                continue;
            }
            if (ts.accept(Kind.RBRACE)) {
                return out;
            }
            NftToken t = ts.peek();
            if (t.isWord("timeout") || t.isWord("comment") || t.isWord("counter") || t.is(Kind.COLON)) {
                throw NftParser.unsupported(t);
            }
            throw NftError.syntax(t, "comma", "'}'");
        }
    }
}
