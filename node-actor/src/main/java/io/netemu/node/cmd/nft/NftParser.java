package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftAst.Cmd;
import io.netemu.node.cmd.nft.NftAst.Name;
import io.netemu.node.cmd.nft.NftAst.Obj;
import io.netemu.node.cmd.nft.NftAst.TableRef;
import io.netemu.node.cmd.nft.NftAst.Verb;
import io.netemu.node.cmd.nft.NftToken.Kind;
import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.nft.NftFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * nft's grammar (nftables src/parser_bison.y, 1.0.6) for commands: {@code add|create|insert|
 * replace|delete|list|flush|rename} of tables, chains, rules, sets and elements, {@code define},
 * and the implicit {@code add rule}. A syntax error skips to the next newline or semicolon and
 * parsing goes on, as bison's error recovery does, up to ten errors.
 */
final class NftParser {
    static final int MAX_ERRORS = 10;
    private static final Set<String> FAMILIES = Set.of("ip", "ip6", "inet", "arp", "bridge", "netdev");
    static final Set<String> UNSUPPORTED = Set.of("reset", "get", "describe", "monitor", "export", "import",
            "map", "flowtable", "counter", "quota", "limit", "ct", "synproxy", "secmark", "update",
            "redefine", "undefine");

    final NftTokens ts;
    final List<NftError> errors = new ArrayList<>();
    final NftRuleParser rules;
    final NftBlockParser blocks;
    private final NftObjParser objs;

    NftParser(List<NftToken> tokens, NetNs ns, java.nio.file.Path cwd) {
        this.ts = new NftTokens(tokens, cwd);
        this.rules = new NftRuleParser(this, ns);
        this.blocks = new NftBlockParser(this);
        this.objs = new NftObjParser(this);
    }

    /** Parses everything; the commands are only to be run when {@link #errors} is empty. */
    List<Cmd> parse() {
        List<Cmd> cmds = new ArrayList<>();
        while (errors.size() < MAX_ERRORS) {
            try {
                if (ts.at(Kind.EOF)) {
                    break;
                }
                if (ts.accept(Kind.NEWLINE) || ts.accept(Kind.SEMI)) {
                    continue;
                }
                if (ts.atWord("define")) {
                    define();
                    continue;
                }
                Cmd c = baseCmd();
                NftToken t = ts.peek();
                if (!(t.is(Kind.NEWLINE) || t.is(Kind.SEMI) || t.is(Kind.EOF))) {
                    throw NftError.syntax(t, "end of file", "newline", "semicolon");
                }
                cmds.add(t.is(Kind.EOF) ? c : c.through(t));
            } catch (NftError e) {
                errors.add(e);
                if (e.fatal) {
                    break;
                }
                ts.recover();
            }
        }
        return cmds;
    }

    /** {@code define NAME = VALUE}: the value's tokens, up to the end of the line (braces may span lines). */
    private void define() throws NftError {
        ts.next();
        NftToken name = ts.next();
        if (!(name.is(Kind.STRING) || name.is(Kind.KEYWORD))) {
            throw NftError.syntax(name, "string");
        }
        ts.expect(Kind.ASSIGN, "'='");
        List<NftToken> value = new ArrayList<>();
        int depth = 0;
        while (true) {
            NftToken t = ts.peek();
            if (t.is(Kind.EOF) || (depth == 0 && (t.is(Kind.NEWLINE) || t.is(Kind.SEMI)))) {
                break;
            }
            ts.next();
            depth += t.is(Kind.LBRACE) ? 1 : t.is(Kind.RBRACE) ? -1 : 0;
            if (!t.is(Kind.NEWLINE)) {
                value.add(t);
            }
        }
        if (value.isEmpty()) {
            throw NftError.syntax(ts.peek());
        }
        ts.defines.put(name.text(), value);
    }

    private Cmd baseCmd() throws NftError {
        NftToken t = ts.peek();
        String w = t.is(Kind.KEYWORD) ? t.text() : "";
        switch (w) {
            case "add", "create", "insert", "replace" -> {
                ts.next();
                Verb v = Verb.valueOf(w.toUpperCase());
                return v == Verb.INSERT || v == Verb.REPLACE ? ruleCmd(v, t, true) : addCmd(v, t);
            }
            case "delete" -> {
                ts.next();
                return objs.deleteCmd(t);
            }
            case "list", "flush" -> {
                ts.next();
                return objs.listOrFlush(w.equals("list") ? Verb.LIST : Verb.FLUSH, t);
            }
            case "rename" -> {
                ts.next();
                return objs.rename(t);
            }
            case "table", "chain", "rule", "set", "element" -> {
                return addCmd(Verb.ADD, t);
            }
            default -> {
                if (UNSUPPORTED.contains(w)) {
                    throw unsupported(t);
                }
                if (t.is(Kind.STRING) || FAMILIES.contains(w)) {
                    return ruleCmd(Verb.ADD, t, false);
                }
                throw NftError.syntax(t);
            }
        }
    }

    static NftError unsupported(NftToken t) {
        NftError e = NftError.syntaxAt("netemu's nft does not support '" + t.text() + "' here", t.loc());
        e.fatal = true;
        return e;
    }

    private Cmd addCmd(Verb verb, NftToken start) throws NftError {
        NftToken t = ts.peek();
        String w = t.is(Kind.KEYWORD) ? t.text() : "";
        switch (w) {
            case "table" -> {
                ts.next();
                TableRef tr = tableSpec();
                NftAst.TableBody body = ts.at(Kind.LBRACE) ? blocks.tableBlock() : null;
                return new CmdBuilder(verb, Obj.TABLE, tr, null, start).table(body).build(ts);
            }
            case "chain" -> {
                ts.next();
                TableRef tr = tableSpec();
                Name n = identifier();
                NftAst.ChainBody body = ts.at(Kind.LBRACE) ? blocks.chainBlock() : null;
                return new CmdBuilder(verb, Obj.CHAIN, tr, n, start).chain(body).build(ts);
            }
            case "rule" -> {
                ts.next();
                return ruleCmd(verb, start, false);
            }
            case "set" -> {
                ts.next();
                TableRef tr = tableSpec();
                Name n = identifier();
                NftAst.SetBody body = blocks.setBlock();
                return new CmdBuilder(verb, Obj.SET, tr, n, start).set(body).build(ts);
            }
            case "element" -> {
                ts.next();
                TableRef tr = tableSpec();
                Name n = identifier();
                List<NftAst.Elem> elems = rules.elementList();
                return new CmdBuilder(verb, Obj.ELEMENT, tr, n, start).elems(elems).build(ts);
            }
            default -> {
                if (UNSUPPORTED.contains(w)) {
                    throw unsupported(t);
                }
                if (verb == Verb.ADD && (t.is(Kind.STRING) || FAMILIES.contains(w))) {
                    return ruleCmd(verb, start, false);
                }
                throw NftError.syntax(t, t.is(Kind.NEWLINE) || t.is(Kind.EOF) ? new String[] {"string"} : new String[0]);
            }
        }
    }

    /** {@code [add|insert|replace] [rule] CHAIN [position|handle|index N] STATEMENTS}. */
    private Cmd ruleCmd(Verb verb, NftToken start, boolean keyword) throws NftError {
        if (keyword) {
            if (!ts.atWord("rule")) {
                throw NftError.syntax(ts.peek());
            }
            ts.next();
        }
        TableRef tr = tableSpec();
        Name chain = identifier();
        NftAst.Position pos = null;
        NftToken p = ts.peek();
        if (p.isWord("position") || p.isWord("handle") || p.isWord("index")) {
            ts.next();
            NftToken n = ts.expect(Kind.NUM, "number");
            pos = new NftAst.Position(p.text(), number(n), p.to(n));
        } else if (verb == Verb.REPLACE) {
            throw NftError.syntax(p, "handle");
        }
        NftAst.Rule rule = rules.rule();
        return new CmdBuilder(verb, Obj.RULE, tr, chain, start).pos(pos).rule(rule).build(ts);
    }

    static long number(NftToken n) {
        Long v = io.netemu.stack.netfilter.nft.NftType.number(n.text());
        return v == null ? 0 : v;
    }

    NftFamily optFamily() throws NftError {
        NftToken t = ts.peek();
        return t.is(Kind.KEYWORD) && FAMILIES.contains(t.text()) ? family() : null;
    }

    NftFamily family() throws NftError {
        NftToken t = ts.peek();
        if (t.is(Kind.KEYWORD) && FAMILIES.contains(t.text())) {
            ts.next();
            return NftFamily.byText(t.text());
        }
        return NftFamily.IP;
    }

    TableRef tableSpec() throws NftError {
        NftFamily f = family();
        return new TableRef(f, identifier());
    }

    /** identifier: a STRING token (keywords and quoted strings are refused, as nft 1.0.6 does). */
    Name identifier() throws NftError {
        NftToken t = ts.peek();
        if (!t.is(Kind.STRING)) {
            throw NftError.syntax(t, "string");
        }
        ts.next();
        return new Name(t.text(), t.loc());
    }
}
