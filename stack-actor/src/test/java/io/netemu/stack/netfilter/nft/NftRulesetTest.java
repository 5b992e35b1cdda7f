package io.netemu.stack.netfilter.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-namespace ruleset: transactions, and base chains attached to the namespace's hooks. */
class NftRulesetTest {
    private final NetNs ns = new NetNs("r1");
    private final NftEvalTest.RecordingNat nat = new NftEvalTest.RecordingNat();
    private final NftRuleset rs = new NftRuleset(ns, nat);
    private final FakeOps ops = new FakeOps();
    private final NetDev eth0 = ns.addDevice("eth0", DevKind.VETH, 0x020000000001L, 1500);

    private NftChain base(NftTable t, String name, String type, NfHook hook, int prio) {
        NftChain c = new NftChain(t, name, t.allocHandle(), new NftBaseChain(type, hook, prio, false));
        t.putChain(c);
        return c;
    }

    @Test
    void committedBaseChainsRunAtTheirHooksInPriorityOrder() {
        NftTable t = rs.addTable(NftFamily.INET, "filter");
        NftChain late = base(t, "late", "filter", NfHook.LOCAL_IN, 10);
        NftChain early = base(t, "early", "filter", NfHook.LOCAL_IN, -150);
        rs.commit();
        assertEquals(List.of("nft inet filter early #2@-150", "nft inet filter late #1@10"),
                ns.netfilter().owners(NfHook.LOCAL_IN));
        NftStmt.Counter c = new NftStmt.Counter(0, 0);
        late.rules().add(new NftRule(t.allocHandle(), List.of(c, new NftStmt.Verdict(NftStmt.Verdict.Kind.DROP, null)), null));
        NfPacket p = new NfPacket(NftPkts.icmpEcho("1.1.1.1", "2.2.2.2"), NfHook.LOCAL_IN, eth0, null, ops);
        assertEquals(NfVerdict.DROP, ns.netfilter().run(p));
        assertEquals(1, c.packets);
        early.rules().add(new NftRule(t.allocHandle(), List.of(new NftStmt.Verdict(NftStmt.Verdict.Kind.ACCEPT, null)), null));
        assertEquals(NfVerdict.DROP, ns.netfilter().run(p), "accept ends one base chain only");

        t.setDormant(true);
        rs.commit();
        assertEquals(List.of(), ns.netfilter().owners(NfHook.LOCAL_IN));
        t.setDormant(false);
        rs.removeTable(t);
        rs.commit();
        assertEquals(List.of(), ns.netfilter().owners(NfHook.LOCAL_IN));
    }

    @Test
    void abortUndoesEverythingSinceTheLastCommit() {
        NftTable kept = rs.addTable(NftFamily.IP, "kept");
        rs.commit();
        NftTable t = rs.addTable(NftFamily.IP, "gone");
        rs.removeTable(kept);
        rs.abort();
        assertEquals(List.of(kept), rs.tables());
        assertNull(rs.table(NftFamily.IP, "gone"));
        assertEquals(3, rs.addTable(NftFamily.IP, "next").handle(), "handles are not given back");
        assertSame(kept, rs.tableByHandle(NftFamily.IP, 1));
        assertEquals("gone", t.name());
    }

    @Test
    void natChainsSeeOnlyPacketsThatNeedABindingAndLoadConntrack() {
        NftTable t = rs.addTable(NftFamily.IP, "nat");
        NftChain post = base(t, "post", "nat", NfHook.POST_ROUTING, 100);
        NftStmt.Nat masq = new NftStmt.Nat(NftStmt.Nat.Kind.MASQUERADE, false, 0, 0, 0, 0, false, false, false);
        post.rules().add(new NftRule(t.allocHandle(), List.of(masq), null));
        rs.commit();
        assertEquals(1, nat.ensured);
        NfPacket p = new NfPacket(NftPkts.icmpEcho("1.1.1.1", "2.2.2.2"), NfHook.POST_ROUTING, null, eth0, ops);
        nat.needs = false;
        ns.netfilter().run(p);
        assertEquals(List.of(), nat.applied);
        nat.needs = true;
        ns.netfilter().run(p);
        assertEquals(List.of(masq), nat.applied);
        rs.commit();
        assertEquals(1, nat.ensured, "loaded once");
    }
}
