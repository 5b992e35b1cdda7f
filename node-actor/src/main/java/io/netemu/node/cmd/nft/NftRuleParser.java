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
 * counter, limit, log, reject, NAT, {@code meta mark set} and verdicts, and the tcp dependency
 * of {@code reject with tcp reset}. Errors in symbols are kept in place and raised when the rule
 * is evaluated (NftRuleBuilder.stage), in statement order, as nft reports them.
 */
final class NftRuleParser {
    private final NftParser p;
    private final NftTokens ts;
    private final NetNs ns;
    private final NftStmtParser stmts;
    private final NftElemParser elems;

    NftRuleParser(NftParser p, NetNs ns) {
        this.p = p;
        this.ts = p.ts;
        this.ns = ns;
        this.stmts = new NftStmtParser(this, p.ts, ns);
        this.elems = new NftElemParser(p);
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
            NftToken t = ts.peek();
            if (t.is(Kind.KEYWORD) && t.text().equals("comment")) {
                if (comment != null) {
                    throw NftError.syntax(t, "end of file", "newline", "semicolon");
                }
                if (out.isEmpty()) {
                    throw NftError.syntax(t);
                }
                ts.next();
                comment = p.blocks.string();
                continue;
            }
            if (comment != null) {
                throw NftError.syntax(t, "end of file", "newline", "semicolon");
            }
            try {
                out.add(stmt(out));
            } catch (NftError e) {
                if (e.syntax || e.eof || e.fatal) {
                    throw e;
                }
                // nft evaluates symbols after parsing, statement by statement: raise it in that order
                out.add(new NftAst.Failed(e, e.locs.get(0), null, null));
            }
        }
        if (out.isEmpty()) {
            throw NftError.syntax(ts.peek());
        }
        return new NftAst.Rule(out, comment, start.to(ts.last()));
    }

    /** Statements after which nothing runs (STMT_F_TERMINAL): verdicts, reject, NAT. */
    static boolean terminal(PStmt s) {
        return s instanceof NftAst.Jump || s instanceof NftAst.NatP
                || (s instanceof Ready r && (r.stmt() instanceof NftStmt.Reject || (r.stmt() instanceof NftStmt.Verdict v
                        && v.kind() != NftStmt.Verdict.Kind.CONTINUE)));
    }

    /** Whether an earlier match sets the transport protocol ({@code proto}, or any when -1); {@code th} does not. */
    static boolean hasL4(List<PStmt> before, int proto) {
        for (PStmt s : before) {
            NftKey key = switch (s) {
                case Ready r when r.stmt() instanceof NftMatch m -> m.key();
                case NftAst.Anon a -> a.key();
                case NftAst.Lookup l -> l.key();
                case NftAst.VMapP v -> v.key();
                default -> null;
            };
            if (key == null) {
                continue;
            }
            if (key.l4proto() >= 0 && (proto < 0 || key.l4proto() == proto)) {
                return true;
            }
            if (s instanceof Ready r && r.stmt() instanceof NftMatch m
                    && (key == NftKey.META_L4PROTO || key == NftKey.IP_PROTOCOL)
                    && (m.op() == NftMatch.Op.IMPLICIT || m.op() == NftMatch.Op.EQ)
                    && m.rhs() instanceof NftMatch.Value v && (proto < 0 || v.v() == proto)) {
                return true;
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
            case "ip", "ip6", "tcp", "udp", "th", "icmp", "icmpv6", "ct", "iifname", "oifname", "iif", "oif" -> {
                return relational();
            }
            default -> {
                if (t.is(Kind.STRING)) {
                    if (NftValues.isValueToken(ts.peek(1))) {
                        ts.next();
                        ts.next();
                        return new NftAst.Failed(new NftError("No symbol type information", t.loc()), t.loc(), null, null);
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
                    case "l4proto", "mark", "length", "nfproto" -> NftKey.byText("meta " + f.text());
                    case "iifname", "oifname", "iif", "oif" -> NftKey.byText(f.text());
                    default -> null;
                };
                if (k == null) {
                    if (NftStmtParser.META_KEYS.contains(f.text())) {
                        throw NftParser.unsupported(f);
                    }
                    throw NftError.syntaxAt("syntax error, unexpected " + f.text() + ", known keys are "
                            + String.join(", ", NftStmtParser.META_KEYS), t.to(f));
                }
                return k;
            }
            case "ip", "ip6", "tcp", "udp", "th", "icmp", "icmpv6", "ct" -> {
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
        if (op == NftMatch.Op.IMPLICIT && t.is(Kind.KEYWORD) && t.text().equals("vmap")) {
            return elems.vmap(key, keyLoc);
        }
        if (t.is(Kind.NOT)) {
            ts.next();
            NftToken v = ts.next();
            throw new NftError("negation can only be used with singleton bitmask values", keyLoc, v.loc());
        }
        if (t.is(Kind.LBRACE)) {
            List<NftAst.Elem> elems = elementList();
            return new NftAst.Anon(key, op, elems, keyLoc, keyLoc.to(ts.last().loc()));
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
            try {
                return stmts.flags(key, op, keyLoc);
            } catch (NftError e) {
                if (e.syntax) {
                    throw e;
                }
                return new NftAst.Failed(e, e.locs.get(0), key, keyLoc);
            }
        }
        NftAst.Elem e = elem();
        if (ts.at(Kind.COMMA)) {
            while (ts.accept(Kind.COMMA)) {
                elem();
            }
            return new NftAst.Failed(new NftError("Basetype of type " + key.type().desc() + " is not bitmask", e.loc()),
                    e.loc(), key, keyLoc);
        }
        NftMatch.Rhs rhs;
        try {
            rhs = NftValues.rhs(key, e, ns);
        } catch (NftError err) {
            return new NftAst.Failed(err, err.locs.get(0), key, keyLoc);
        }
        return new Ready(new NftMatch(key, op, rhs), keyLoc.to(ts.last().loc()), keyLoc);
    }

    NftAst.Elem elem() throws NftError {
        return elems.elem();
    }

    List<NftAst.Elem> elementList() throws NftError {
        return elems.elementList();
    }
}
