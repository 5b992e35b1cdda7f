package io.netemu.stack.netfilter.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.packet.SkBuff;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfVerdict;
import io.netemu.stack.netfilter.nft.NftMatch.Op;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nft_do_chain on hand-built rulesets: matches, verdicts, jumps, counters, limits, reject, log, NAT chains. */
class NftEvalTest {
    private final FakeOps ops = new FakeOps();
    private final NftTable t = new NftTable(NftFamily.INET, "filter", 1);
    private final NetDev eth0 = new NetDev(2, "eth0", DevKind.VETH, 0x020000000001L, 1500);
    private final RecordingNat nat = new RecordingNat();

    private NftChain base(boolean policyDrop, NftStmt... first) {
        NftChain c = new NftChain(t, "input", t.allocHandle(), new NftBaseChain("filter", NfHook.LOCAL_IN, 0, policyDrop));
        t.putChain(c);
        if (first.length > 0) {
            rule(c, first);
        }
        return c;
    }

    private NftChain regular(String name) {
        NftChain c = new NftChain(t, name, t.allocHandle(), null);
        t.putChain(c);
        return c;
    }

    private static NftRule rule(NftChain c, NftStmt... stmts) {
        NftRule r = new NftRule(c.table().allocHandle(), List.of(stmts), null);
        c.rules().add(r);
        return r;
    }

    private static NftMatch m(NftKey k, long v) {
        return new NftMatch(k, Op.IMPLICIT, new NftMatch.Value(v));
    }

    private static NftStmt.Verdict v(NftStmt.Verdict.Kind k) {
        return new NftStmt.Verdict(k, null);
    }

    private static long ip(String a) {
        return io.netemu.packet.wire.Ipv4Address.parse(a) & 0xffffffffL;
    }

    private NfPacket in(SkBuff skb) {
        return new NfPacket(skb, NfHook.LOCAL_IN, eth0, null, ops);
    }

    private NfVerdict run(NftChain c, NfPacket p) {
        return NftEval.run(c, p, nat);
    }

    @Test
    void dropsBySourceAndAppliesThePolicy() {
        NftChain c = base(false, m(NftKey.IP_SADDR, ip("192.168.1.100")), v(NftStmt.Verdict.Kind.DROP));
        assertEquals(NfVerdict.DROP, run(c, in(NftPkts.icmpEcho("192.168.1.100", "192.168.1.1"))));
        assertEquals(NfVerdict.ACCEPT, run(c, in(NftPkts.icmpEcho("192.168.1.2", "192.168.1.1"))));
        c.setBase(c.base().withPolicy(true));
        assertEquals(NfVerdict.DROP, run(c, in(NftPkts.icmpEcho("192.168.1.2", "192.168.1.1"))));
    }

    @Test
    void countersCountPacketsAndBytesFromTheIpHeader() {
        NftStmt.Counter counter = new NftStmt.Counter(0, 0);
        NftChain c = base(false, m(NftKey.ICMP_TYPE, 8), counter);
        run(c, in(NftPkts.icmpEcho("10.0.0.2", "10.0.0.1")));
        run(c, in(NftPkts.icmpEcho("10.0.0.2", "10.0.0.1")));
        run(c, in(NftPkts.udp("10.0.0.2", "10.0.0.1", 1000, 53)));
        assertEquals(2, counter.packets);
        assertEquals(2 * 84, counter.bytes);
    }

    @Test
    void jumpReturnsGotoDoesNot() {
        NftChain sub = regular("sub");
        rule(sub, m(NftKey.IP_SADDR, ip("10.0.0.9")), v(NftStmt.Verdict.Kind.RETURN));
        rule(sub, v(NftStmt.Verdict.Kind.DROP));
        NftChain c = base(true, new NftStmt.Verdict(NftStmt.Verdict.Kind.JUMP, sub));
        rule(c, v(NftStmt.Verdict.Kind.ACCEPT));
        assertEquals(NfVerdict.ACCEPT, run(c, in(NftPkts.icmpEcho("10.0.0.9", "10.0.0.1"))));
        assertEquals(NfVerdict.DROP, run(c, in(NftPkts.icmpEcho("10.0.0.8", "10.0.0.1"))));

        NftChain empty = regular("empty");
        NftStmt.Counter after = new NftStmt.Counter(0, 0);
        c.rules().clear();
        rule(c, new NftStmt.Verdict(NftStmt.Verdict.Kind.GOTO, empty));
        rule(c, after, v(NftStmt.Verdict.Kind.ACCEPT));
        assertEquals(NfVerdict.DROP, run(c, in(NftPkts.icmpEcho("10.0.0.9", "10.0.0.1"))), "goto's chain ends: policy");
        assertEquals(0, after.packets);
        c.rules().clear();
        rule(c, new NftStmt.Verdict(NftStmt.Verdict.Kind.JUMP, empty));
        rule(c, after, v(NftStmt.Verdict.Kind.ACCEPT));
        assertEquals(NfVerdict.ACCEPT, run(c, in(NftPkts.icmpEcho("10.0.0.9", "10.0.0.1"))), "jump's chain ends: back");
        assertEquals(1, after.packets);
    }

    @Test
    void portsRangesSetsAndTheProtocolDependency() {
        NftSet ports = new NftSet("ports", 9, NftType.INET_SERVICE, null, NftSet.F_INTERVAL, false, false, 0, null);
        ports.ranges().addAll(new long[] {22, 1000}, new long[] {22, 2000}, 2, false);
        NftChain c = base(true, new NftMatch(NftKey.TCP_DPORT, Op.IMPLICIT, new NftMatch.SetRef(ports)),
                v(NftStmt.Verdict.Kind.ACCEPT));
        assertEquals(NfVerdict.ACCEPT, run(c, in(NftPkts.tcp("1.1.1.1", "2.2.2.2", 40000, 22, 0x02))));
        assertEquals(NfVerdict.ACCEPT, run(c, in(NftPkts.tcp("1.1.1.1", "2.2.2.2", 40000, 1500, 0x02))));
        assertEquals(NfVerdict.DROP, run(c, in(NftPkts.tcp("1.1.1.1", "2.2.2.2", 40000, 2001, 0x02))));
        assertEquals(NfVerdict.DROP, run(c, in(NftPkts.udp("1.1.1.1", "2.2.2.2", 40000, 22))), "udp is not tcp");
        c.rules().clear();
        rule(c, new NftMatch(NftKey.IP_SADDR, Op.NEQ, new NftMatch.Prefix(ip("10.0.0.0"), 8)), v(NftStmt.Verdict.Kind.ACCEPT));
        assertEquals(NfVerdict.ACCEPT, run(c, in(NftPkts.udp("11.1.1.1", "2.2.2.2", 1, 2))));
        assertEquals(NfVerdict.DROP, run(c, in(NftPkts.udp("10.1.1.1", "2.2.2.2", 1, 2))));
    }

    @Test
    void laterFragmentsHaveNoPorts() {
        byte[] l4 = new byte[20];
        l4[3] = 22;
        SkBuff frag = NftPkts.ip("1.1.1.1", "2.2.2.2", 6, l4, 64, 1480);
        NftChain c = base(true, m(NftKey.TCP_DPORT, 22), v(NftStmt.Verdict.Kind.ACCEPT));
        rule(c, m(NftKey.META_L4PROTO, 6), new NftStmt.Counter(0, 0));
        assertEquals(NfVerdict.DROP, run(c, in(frag)));
        assertEquals(1, ((NftStmt.Counter) c.rules().get(1).stmts().get(1)).packets, "meta l4proto still matches");
    }

    @Test
    void ctStateFlagsAndTcpFlags() {
        NftChain c = base(true, new NftMatch(NftKey.CT_STATE, Op.IMPLICIT, new NftMatch.Value(2 | 4)),
                v(NftStmt.Verdict.Kind.ACCEPT));
        NfPacket p = in(NftPkts.icmpEcho("1.1.1.1", "2.2.2.2"));
        p.ctState = NfPacket.CtState.ESTABLISHED;
        assertEquals(NfVerdict.ACCEPT, run(c, p));
        p.ctState = NfPacket.CtState.NEW;
        assertEquals(NfVerdict.DROP, run(c, p));
        p.ctState = null;
        assertEquals(1, NftKey.ctStateBit(p), "no conntrack entry reads as invalid");

        c.rules().clear();
        rule(c, m(NftKey.TCP_FLAGS, 0x02), v(NftStmt.Verdict.Kind.ACCEPT));
        assertEquals(NfVerdict.ACCEPT, run(c, in(NftPkts.tcp("1.1.1.1", "2.2.2.2", 1, 2, 0x12))), "syn,ack has syn");
        c.rules().clear();
        rule(c, new NftMatch(NftKey.TCP_FLAGS, Op.EQ, new NftMatch.Value(0x02)), v(NftStmt.Verdict.Kind.ACCEPT));
        assertEquals(NfVerdict.DROP, run(c, in(NftPkts.tcp("1.1.1.1", "2.2.2.2", 1, 2, 0x12))), "== syn is exact");
        c.rules().clear();
        rule(c, new NftMatch(NftKey.TCP_FLAGS, Op.IMPLICIT, new NftMatch.Masked(0x02, 0x12)), v(NftStmt.Verdict.Kind.ACCEPT));
        assertEquals(NfVerdict.ACCEPT, run(c, in(NftPkts.tcp("1.1.1.1", "2.2.2.2", 1, 2, 0x02))));
        assertEquals(NfVerdict.DROP, run(c, in(NftPkts.tcp("1.1.1.1", "2.2.2.2", 1, 2, 0x12))));
    }

    @Test
    void interfaceNamesWithWildcards() {
        NftChain c = base(true, new NftMatch(NftKey.META_IIFNAME, Op.IMPLICIT, new NftMatch.Str("eth*")),
                v(NftStmt.Verdict.Kind.ACCEPT));
        assertEquals(NfVerdict.ACCEPT, run(c, in(NftPkts.icmpEcho("1.1.1.1", "2.2.2.2"))));
        NfPacket local = new NfPacket(NftPkts.icmpEcho("1.1.1.1", "2.2.2.2"), NfHook.LOCAL_OUT, null, eth0, ops);
        assertEquals(NfVerdict.DROP, run(c, local), "no input device: no match");
    }

    @Test
    void limitIsATokenBucket() {
        NftStmt.Limit limit = new NftStmt.Limit(2, 1, 2, false, false);
        NftChain c = base(true, limit, v(NftStmt.Verdict.Kind.ACCEPT));
        ops.now = 1_000_000_000L;
        assertEquals(NfVerdict.ACCEPT, run(c, in(NftPkts.icmpEcho("1.1.1.1", "2.2.2.2"))));
        assertEquals(NfVerdict.ACCEPT, run(c, in(NftPkts.icmpEcho("1.1.1.1", "2.2.2.2"))));
        assertEquals(NfVerdict.DROP, run(c, in(NftPkts.icmpEcho("1.1.1.1", "2.2.2.2"))), "burst spent");
        ops.now += 500_000_000L;
        assertEquals(NfVerdict.ACCEPT, run(c, in(NftPkts.icmpEcho("1.1.1.1", "2.2.2.2"))), "one token per 500 ms");
        assertEquals(NfVerdict.DROP, run(c, in(NftPkts.icmpEcho("1.1.1.1", "2.2.2.2"))));
    }

    @Test
    void rejectAnswersAndStealsMarkSetsLogWrites() {
        NftChain c = base(false, new NftStmt.Reject(NftStmt.Reject.Kind.ICMPX, 1));
        assertEquals(NfVerdict.STOLEN, run(c, in(NftPkts.udp("1.1.1.1", "2.2.2.2", 1, 2))));
        c.rules().clear();
        rule(c, new NftStmt.Reject(NftStmt.Reject.Kind.TCP_RESET, 0));
        run(c, in(NftPkts.tcp("1.1.1.1", "2.2.2.2", 1, 2, 0x02)));
        c.rules().clear();
        rule(c, new NftStmt.Reject(NftStmt.Reject.Kind.ICMP, 13));
        run(c, in(NftPkts.udp("1.1.1.1", "2.2.2.2", 1, 2)));
        assertEquals(List.of("icmp 3/3", "rst", "icmp 3/13"), ops.sent);

        c.rules().clear();
        rule(c, new NftStmt.MetaSet(NftKey.META_MARK, 5));
        rule(c, m(NftKey.META_MARK, 5), new NftStmt.Log("mark5: ", null));
        NfPacket p = in(NftPkts.icmpEcho("10.0.1.2", "10.0.1.1"));
        assertEquals(NfVerdict.ACCEPT, run(c, p));
        assertEquals(5, p.mark);
        assertEquals(List.of("mark5: IN=eth0 OUT= MAC=02:03:04:05:06:07:12:13:14:15:16:17:08:00 SRC=10.0.1.2 "
                + "DST=10.0.1.1 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=4660 DF PROTO=ICMP TYPE=8 CODE=0 ID=7 SEQ=1 MARK=0x5 "),
                ops.log);
    }

    @Test
    void natStatementsEndTheChainWithNatsVerdict() {
        NftStmt.Nat masq = new NftStmt.Nat(NftStmt.Nat.Kind.MASQUERADE, false, 0, 0, 0, 0, false, false, false);
        NftStmt.Counter after = new NftStmt.Counter(0, 0);
        NftChain c = new NftChain(t, "post", t.allocHandle(), new NftBaseChain("nat", NfHook.POST_ROUTING, 100, false));
        rule(c, masq);
        rule(c, after);
        NfPacket p = new NfPacket(NftPkts.icmpEcho("1.1.1.1", "2.2.2.2"), NfHook.POST_ROUTING, null, eth0, ops);
        assertEquals(NfVerdict.ACCEPT, run(c, p));
        assertEquals(List.of(masq), nat.applied);
        assertEquals(0, after.packets);
    }

    /** Records NAT statements instead of binding anything. */
    static final class RecordingNat implements NftNatLink {
        final List<NftStmt.Nat> applied = new ArrayList<>();
        boolean needs = true;
        int ensured;

        @Override
        public void ensureConntrack(io.netemu.stack.NetNs ns) {
            ensured++;
        }

        @Override
        public boolean needsNatLookup(NfPacket p, boolean source) {
            return needs;
        }

        @Override
        public NfVerdict apply(NfPacket p, NftStmt.Nat n) {
            applied.add(n);
            return NfVerdict.ACCEPT;
        }
    }
}
