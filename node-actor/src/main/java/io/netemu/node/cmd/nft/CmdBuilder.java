package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftAst.Cmd;
import io.netemu.node.cmd.nft.NftAst.Name;
import io.netemu.node.cmd.nft.NftAst.Obj;
import io.netemu.node.cmd.nft.NftAst.TableRef;
import io.netemu.node.cmd.nft.NftAst.Verb;
import java.util.List;

/** Assembles a {@link Cmd}; its location runs from the command's first token to the last one read. */
final class CmdBuilder {
    private final Verb verb;
    private final Obj obj;
    private final TableRef table;
    private final Name name;
    private final NftToken start;
    private NftAst.Position pos;
    private NftAst.Rule rule;
    private NftAst.ChainBody chain;
    private NftAst.SetBody set;
    private NftAst.TableBody tableBody;
    private List<NftAst.Elem> elems;
    private Name newName;

    CmdBuilder(Verb verb, Obj obj, TableRef table, Name name, NftToken start) {
        this.verb = verb;
        this.obj = obj;
        this.table = table;
        this.name = name;
        this.start = start;
    }

    CmdBuilder pos(NftAst.Position p) { this.pos = p; return this; }
    CmdBuilder rule(NftAst.Rule r) { this.rule = r; return this; }
    CmdBuilder chain(NftAst.ChainBody c) { this.chain = c; return this; }
    CmdBuilder set(NftAst.SetBody s) { this.set = s; return this; }
    CmdBuilder table(NftAst.TableBody t) { this.tableBody = t; return this; }
    CmdBuilder elems(List<NftAst.Elem> e) { this.elems = e; return this; }
    CmdBuilder newName(Name n) { this.newName = n; return this; }

    Cmd build(NftTokens ts) {
        NftLoc loc = start.to(ts.last() == null ? start : ts.last());
        return new Cmd(verb, obj, table == null ? null : table.family(), table, name, pos, rule, chain, set, tableBody,
                elems, newName, loc);
    }
}
