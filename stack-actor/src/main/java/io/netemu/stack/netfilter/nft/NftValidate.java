package io.netemu.stack.netfilter.nft;

import io.netemu.stack.netfilter.NfHook;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's check of a table after a change (nft_table_validate, nft_chain_validate and the
 * expressions' validate hooks): from every base chain, through every chain it jumps or goes to,
 * NAT only in nat chains at the hooks each kind allows, reject only where it can answer, and no
 * jump loops or chains nested deeper than the jump stack (EMLINK).
 */
public final class NftValidate {
    /** Why a table does not validate: the kernel's errno text. */
    public static final String EOPNOTSUPP = "Operation not supported";
    public static final String EMLINK = "Too many links";

    private NftValidate() {}

    /** Null when every base chain's reach is valid, else the errno text. */
    public static String table(NftTable t) {
        for (NftChain c : t.chains()) {
            if (c.base() != null) {
                String err = walk(c.base(), c, new ArrayList<>());
                if (err != null) {
                    return err;
                }
            }
        }
        return null;
    }

    private static String walk(NftBaseChain base, NftChain c, List<NftChain> path) {
        if (path.contains(c) || path.size() > NftEval.JUMP_STACK) {
            return EMLINK;
        }
        path.add(c);
        for (NftRule r : c.rules()) {
            for (NftStmt s : r.stmts()) {
                if (s instanceof NftStmt.Nat n && !natAllowed(base, n)) {
                    return EOPNOTSUPP;
                }
                if (s instanceof NftStmt.Reject && !rejectAllowed(base.hook())) {
                    return EOPNOTSUPP;
                }
                List<NftStmt.Verdict> jumps = new ArrayList<>();
                if (s instanceof NftStmt.Verdict v) {
                    jumps.add(v);
                } else if (s instanceof NftVMap m) {
                    m.sorted().forEach(e -> jumps.add(e.verdict()));
                }
                for (NftStmt.Verdict v : jumps) {
                    if (v.target() != null) {
                        String err = walk(base, v.target(), path);
                        if (err != null) {
                            return err;
                        }
                    }
                }
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    /** nft_nat_validate, nft_masq_validate, nft_redir_validate. */
    public static boolean natAllowed(NftBaseChain base, NftStmt.Nat n) {
        if (!base.nat()) {
            return false;
        }
        NfHook h = base.hook();
        return switch (n.kind()) {
            case SNAT -> h == NfHook.POST_ROUTING || h == NfHook.LOCAL_IN;
            case MASQUERADE -> h == NfHook.POST_ROUTING;
            case DNAT, REDIRECT -> h == NfHook.PRE_ROUTING || h == NfHook.LOCAL_OUT;
        };
    }

    /** nft_reject_validate: not at postrouting. */
    public static boolean rejectAllowed(NfHook h) {
        return h != NfHook.POST_ROUTING;
    }
}
