package io.netemu.stack.netfilter.nft;

import java.util.List;

/** A rule (struct nft_rule): its handle, statements in order and an optional comment (userdata). */
public record NftRule(long handle, List<NftStmt> stmts, String comment) {
    public NftRule {
        stmts = List.copyOf(stmts);
    }

    /** The chains this rule jumps or goes to. */
    public boolean targets(NftChain c) {
        for (NftStmt s : stmts) {
            if ((s instanceof NftStmt.Verdict v && v.target() == c) || (s instanceof NftVMap m && m.targets(c))) {
                return true;
            }
        }
        return false;
    }

    public boolean uses(NftSet set) {
        for (NftStmt s : stmts) {
            if (s instanceof NftMatch m && m.rhs() instanceof NftMatch.SetRef r && r.set() == set) {
                return true;
            }
        }
        return false;
    }
}
