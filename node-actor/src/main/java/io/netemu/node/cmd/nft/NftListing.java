package io.netemu.node.cmd.nft;

import io.netemu.stack.netfilter.nft.NftFamily;
import io.netemu.stack.netfilter.nft.NftKey;
import io.netemu.stack.netfilter.nft.NftMatch;
import io.netemu.stack.netfilter.nft.NftStmt;
import io.netemu.stack.netfilter.nft.NftVMap;
import java.util.List;

/**
 * Which statements nft leaves out when it lists a rule (netlink_delinearize.c's
 * payload_dependency_kill and the reject statement's postprocessing): protocol matches that
 * only restate what a later statement implies.
 */
final class NftListing {
    private NftListing() {}

    /**
     * A protocol match that only states what a later statement implies, which nft drops when it
     * lists (payload_dependency_kill): {@code meta l4proto tcp tcp dport 22} lists as
     * {@code tcp dport 22}; reject's own dependencies (tcp outside inet, ipv4 in inet) go when
     * nothing but matches stands between them and the reject.
     */
    static boolean dependency(NftStmt s, List<NftStmt> rest, NftFamily family) {
        if (!(s instanceof NftMatch m) || !(m.rhs() instanceof NftMatch.Value v)
                || (m.op() != NftMatch.Op.IMPLICIT && m.op() != NftMatch.Op.EQ)) {
            return false;
        }
        if (m.key() == NftKey.META_NFPROTO) {
            for (NftStmt next : rest) {
                NftKey k = next instanceof NftMatch n ? n.key() : next instanceof NftVMap vm ? vm.key() : null;
                if (k != null && (k.ipv6() || k.text().startsWith("ip ") || k.text().startsWith("icmp "))) {
                    return k.ipv6() == (v.v() == 10); // an ip6 or icmpv6 key implies nfproto ipv6, ip and icmp ipv4
                }
            }
            // reject with icmp's own dependency in inet: gone when only matches stand between
            NftStmt first = firstNonMatch(rest);
            return family == NftFamily.INET && first instanceof NftStmt.Reject rj
                    && (rj.kind() == NftStmt.Reject.Kind.ICMP || rj.kind() == NftStmt.Reject.Kind.ICMPV6);
        }
        if (m.key() != NftKey.META_L4PROTO && (m.key() != NftKey.IP_PROTOCOL || family == NftFamily.INET)) {
            return false; // in inet, transport dependencies are meta l4proto: an ip protocol match stays
        }
        for (NftStmt next : rest) {
            if (next instanceof NftMatch n && n.key().l4proto() >= 0) {
                return n.key().l4proto() == v.v();
            }
            if (next instanceof NftMatch n && (n.key() == NftKey.TH_DPORT || n.key() == NftKey.TH_SPORT)) {
                return v.v() == 6 || v.v() == 17;
            }
            if (next instanceof NftMatch n && (n.key() == NftKey.META_L4PROTO || n.key() == NftKey.IP_PROTOCOL)
                    && n.rhs() instanceof NftMatch.Value) {
                return false;
            }
        }
        NftStmt first = firstNonMatch(rest);
        return family != NftFamily.INET && v.v() == 6 && first instanceof NftStmt.Reject rj
                && rj.kind() == NftStmt.Reject.Kind.TCP_RESET;
    }

    private static NftStmt firstNonMatch(List<NftStmt> rest) {
        for (NftStmt n : rest) {
            if (!(n instanceof NftMatch)) {
                return n;
            }
        }
        return null;
    }

}
