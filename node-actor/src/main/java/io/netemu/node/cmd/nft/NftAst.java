package io.netemu.node.cmd.nft;

import io.netemu.stack.netfilter.nft.NftFamily;
import io.netemu.stack.netfilter.nft.NftKey;
import io.netemu.stack.netfilter.nft.NftMatch;
import io.netemu.stack.netfilter.nft.NftStmt;
import io.netemu.stack.netfilter.nft.NftType;
import java.util.List;

/** What the parser hands the executor (nftables' struct cmd and the objects it carries), with locations for errors. */
final class NftAst {
    private NftAst() {}

    /** A name as written. */
    record Name(String text, NftLoc loc) {}

    /** {@code [family] table}: the family is ip when not written. */
    record TableRef(NftFamily family, Name table) {}

    record ChainRef(TableRef table, Name chain) {}

    record SetRef(TableRef table, Name set) {}

    enum Verb { ADD, CREATE, INSERT, REPLACE, DELETE, LIST, FLUSH, RENAME }

    enum Obj { TABLE, TABLES, CHAIN, CHAINS, RULE, SET, SETS, ELEMENT, RULESET }

    /** {@code handle N}, {@code position N} or {@code index N} after a chain. */
    record Position(String kind, long value, NftLoc loc) {}

    /** One element of a set as written: a value, a range {@code lo-hi} or a prefix {@code v/len}. */
    record Elem(NftToken lo, NftToken hi, NftToken prefixLen, NftLoc loc) {}

    /** A statement not resolvable at parse time, or a ready one. */
    sealed interface PStmt permits Ready, Failed, Jump, Lookup, Anon, NatP, VMapP {
        NftLoc loc();
    }

    /**
     * A statement resolved at parse time; {@code aux} is where nft points for checks made later:
     * the key of a match (conflicting protocols), the code of a reject (icmpx outside inet).
     */
    record Ready(NftStmt stmt, NftLoc loc, NftLoc aux) implements PStmt {
        Ready(NftStmt stmt, NftLoc loc) {
            this(stmt, loc, null);
        }
    }

    /**
     * A statement whose symbols did not evaluate: its error is raised in statement order, as nft
     * evaluates, after its key has had its say (a key conflicting with the protocol comes first).
     */
    record Failed(NftError error, NftLoc loc, NftKey key, NftLoc keyLoc) implements PStmt {}

    /** {@code jump NAME} / {@code goto NAME}: the chain is found when the rule is added. */
    record Jump(NftStmt.Verdict.Kind kind, Name target, NftLoc loc) implements PStmt {}

    /** {@code KEY [op] @set}. */
    record Lookup(NftKey key, NftMatch.Op op, Name set, NftLoc keyLoc, NftLoc loc) implements PStmt {}

    /** {@code KEY [op] { elements }}: an anonymous set, or a plain match when it holds one element. */
    record Anon(NftKey key, NftMatch.Op op, List<Elem> elems, NftLoc keyLoc, NftLoc loc) implements PStmt {}

    /** A NAT statement with what its checks need: the keyword's and the ports' locations, and whether a transport match came first. */
    record NatP(NftStmt.Nat nat, NftLoc loc, NftLoc portLoc, boolean l4Match) implements PStmt {}

    /** One {@code key : verdict} of a verdict map; {@code target} names the chain of jump and goto. */
    record MapElem(Elem key, NftStmt.Verdict.Kind verdict, Name target) {}

    /** {@code KEY vmap { ... }}: an anonymous verdict map, built when the rule is added. */
    record VMapP(NftKey key, List<MapElem> elems, NftLoc keyLoc, NftLoc loc) implements PStmt {}

    record Rule(List<PStmt> stmts, String comment, NftLoc loc) {}

    /** {@code priority P}: a number, or a standard name with an optional offset. */
    record Prio(String name, long offset, NftLoc loc) {}

    record Hook(Name type, Name hook, Prio prio) {}

    record ChainBody(Hook hook, Boolean policyDrop, String comment, List<Rule> rules) {}

    record SetBody(NftType type, NftKey typeof, NftLoc typeLoc, int flags, boolean autoMerge, long size, String comment,
                   List<Elem> elements, NftLoc loc) {}

    record TableBody(Boolean dormant, String comment, List<ChainDecl> chains, List<SetDecl> sets) {}

    record ChainDecl(Name name, ChainBody body) {}

    record SetDecl(Name name, SetBody body) {}

    /** One command; {@code loc} spans all of it (some kernel errors point at the whole command). */
    record Cmd(Verb verb, Obj obj, NftFamily family, TableRef table, Name name, Position pos, Rule rule,
               ChainBody chain, SetBody set, TableBody tableBody, List<Elem> elems, Name newName, NftLoc loc) {
        /** The command with its location reaching over the separator that ends it (nft's command location does). */
        Cmd through(NftToken sep) {
            return new Cmd(verb, obj, family, table, name, pos, rule, chain, set, tableBody, elems, newName, loc.to(sep.loc()));
        }
    }
}
