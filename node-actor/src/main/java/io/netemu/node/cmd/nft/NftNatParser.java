package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftAst.PStmt;
import io.netemu.node.cmd.nft.NftToken.Kind;
import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.nft.NftStmt;
import io.netemu.stack.netfilter.nft.NftType;
import java.util.List;

/** parser_bison.y's {@code nat_stmt}: snat, dnat, masquerade and redirect with their addresses, ports and flags. */
final class NftNatParser {
    private NftNatParser() {}

    /** {@code snat|dnat [ip] [to] [ADDR[-ADDR]][:PORT[-PORT]] [flags]}, {@code masquerade|redirect [to :PORT[-PORT]] [flags]}. */
    static PStmt nat(NftTokens ts, NetNs ns, NftToken kw, String w, List<PStmt> before) throws NftError {
        NftStmt.Nat.Kind kind = NftStmt.Nat.Kind.valueOf(w.toUpperCase());
        boolean ip = kind == NftStmt.Nat.Kind.SNAT || kind == NftStmt.Nat.Kind.DNAT ? ts.accept("ip") : false;
        if (ts.atWord("ip6")) {
            throw NftParser.unsupported(ts.peek());
        }
        boolean to = ts.accept("to");
        long amin = 0;
        long amax = 0;
        int pmin = 0;
        int pmax = 0;
        NftLoc portLoc = null;
        boolean addrAllowed = kind == NftStmt.Nat.Kind.SNAT || kind == NftStmt.Nat.Kind.DNAT;
        if (addrAllowed && NftValues.isValueToken(ts.peek())) {
            amin = NftValues.value(NftType.IPV4_ADDR, 32, ts.next(), ns);
            amax = amin;
            if (ts.at(Kind.DASH)) {
                ts.next();
                amax = NftValues.value(NftType.IPV4_ADDR, 32, ts.next(), ns);
            }
        } else if (addrAllowed && !ts.at(Kind.COLON)) {
            throw NftError.syntax(ts.peek());
        }
        if ((to || addrAllowed) && ts.at(Kind.COLON) || (kind == NftStmt.Nat.Kind.REDIRECT && to && ts.at(Kind.NUM))) {
            ts.accept(Kind.COLON);
            NftToken a = ts.expect(Kind.NUM, "number");
            pmin = (int) NftValues.value(NftType.INET_SERVICE, 16, a, ns);
            pmax = pmin;
            if (ts.accept(Kind.DASH)) {
                pmax = (int) NftValues.value(NftType.INET_SERVICE, 16, ts.expect(Kind.NUM, "number"), ns);
            }
            portLoc = a.to(ts.last());
        }
        boolean random = false;
        boolean fully = false;
        boolean persistent = false;
        while (ts.atWord("random") || ts.atWord("fully-random") || ts.atWord("persistent")) {
            String f = ts.next().text();
            random |= f.equals("random");
            fully |= f.equals("fully-random");
            persistent |= f.equals("persistent");
            ts.accept(Kind.COMMA);
        }
        NftStmt.Nat nat = new NftStmt.Nat(kind, ip, amin, amax, pmin, pmax, random, fully, persistent);
        return new NftAst.NatP(nat, kw.loc(), portLoc, NftRuleParser.hasL4(before, -1));
    }
}
