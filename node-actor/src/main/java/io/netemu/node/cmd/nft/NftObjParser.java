package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftAst.Cmd;
import io.netemu.node.cmd.nft.NftAst.Name;
import io.netemu.node.cmd.nft.NftAst.Obj;
import io.netemu.node.cmd.nft.NftAst.TableRef;
import io.netemu.node.cmd.nft.NftAst.Verb;
import io.netemu.node.cmd.nft.NftToken.Kind;
import io.netemu.stack.netfilter.nft.NftFamily;

/**
 * parser_bison.y's {@code delete_cmd}, {@code list_cmd}, {@code flush_cmd} and
 * {@code rename_cmd}: objects by name or by {@code handle N}, {@code list ruleset|tables|chains|sets}
 * with an optional family.
 */
final class NftObjParser {
    private final NftParser p;
    private final NftTokens ts;

    NftObjParser(NftParser p) {
        this.p = p;
        this.ts = p.ts;
    }

    Cmd deleteCmd(NftToken start) throws NftError {
        NftToken t = ts.next();
        String w = t.is(Kind.KEYWORD) ? t.text() : "";
        switch (w) {
            case "table" -> {
                TableRef tr = tableOrHandle(start);
                return tr.table() == null ? handleCmd(Obj.TABLE, tr, null, start)
                        : new CmdBuilder(Verb.DELETE, Obj.TABLE, tr, null, start).build(ts);
            }
            case "chain", "set" -> {
                Obj o = w.equals("chain") ? Obj.CHAIN : Obj.SET;
                TableRef tr = p.tableSpec();
                if (ts.atWord("handle")) {
                    return handleCmd(o, tr, null, start);
                }
                return new CmdBuilder(Verb.DELETE, o, tr, p.identifier(), start).build(ts);
            }
            case "rule" -> {
                TableRef tr = p.tableSpec();
                Name chain = p.identifier();
                if (!ts.atWord("handle")) {
                    throw NftError.syntax(ts.peek(), "handle");
                }
                return handleCmd(Obj.RULE, tr, chain, start);
            }
            case "element" -> {
                TableRef tr = p.tableSpec();
                Name n = p.identifier();
                return new CmdBuilder(Verb.DELETE, Obj.ELEMENT, tr, n, start).elems(p.rules.elementList()).build(ts);
            }
            default -> throw NftParser.UNSUPPORTED.contains(w) ? NftParser.unsupported(t) : NftError.syntax(t);
        }
    }

    /** {@code ... handle N}. */
    private Cmd handleCmd(Obj o, TableRef tr, Name chain, NftToken start) throws NftError {
        NftToken h = ts.next();
        NftToken n = ts.expect(Kind.NUM, "number");
        return new CmdBuilder(Verb.DELETE, o, tr, chain, start)
                .pos(new NftAst.Position("handle", NftParser.number(n), n.loc())).build(ts);
    }


    private TableRef tableOrHandle(NftToken start) throws NftError {
        NftFamily f = p.family();
        if (ts.atWord("handle")) {
            return new TableRef(f, null);
        }
        return new TableRef(f, p.identifier());
    }

    Cmd listOrFlush(Verb verb, NftToken start) throws NftError {
        NftToken t = ts.next();
        String w = t.is(Kind.KEYWORD) || t.is(Kind.STRING) ? t.text() : "";
        switch (w) {
            case "ruleset" -> {
                return new CmdBuilder(verb, Obj.RULESET, new TableRef(p.optFamily(), null), null, start).build(ts);
            }
            case "tables", "chains", "sets" -> {
                if (verb == Verb.FLUSH) {
                    throw NftError.syntax(t);
                }
                Obj o = w.equals("tables") ? Obj.TABLES : w.equals("chains") ? Obj.CHAINS : Obj.SETS;
                return new CmdBuilder(verb, o, new TableRef(p.optFamily(), null), null, start).build(ts);
            }
            case "table" -> {
                return new CmdBuilder(verb, Obj.TABLE, p.tableSpec(), null, start).build(ts);
            }
            case "chain", "set" -> {
                TableRef tr = p.tableSpec();
                return new CmdBuilder(verb, w.equals("chain") ? Obj.CHAIN : Obj.SET, tr, p.identifier(), start).build(ts);
            }
            default -> throw NftParser.UNSUPPORTED.contains(w) || w.equals("counters") || w.equals("maps") ? NftParser.unsupported(t)
                    : NftError.syntax(t);
        }
    }

    Cmd rename(NftToken start) throws NftError {
        if (!ts.atWord("chain")) {
            throw NftError.syntax(ts.peek());
        }
        ts.next();
        TableRef tr = p.tableSpec();
        Name n = p.identifier();
        Name to = p.identifier();
        return new CmdBuilder(Verb.RENAME, Obj.CHAIN, tr, n, start).newName(to).build(ts);
    }
}
