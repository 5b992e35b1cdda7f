package io.netemu.stack.netfilter.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfVerdict;
import io.netemu.stack.netfilter.iptables.ext.ConntrackMatch;
import io.netemu.stack.netfilter.iptables.ext.IcmpMatch;
import io.netemu.stack.netfilter.iptables.ext.LimitMatch;
import io.netemu.stack.netfilter.iptables.ext.MarkMatch;
import io.netemu.stack.netfilter.iptables.ext.MarkTarget;
import io.netemu.stack.netfilter.iptables.ext.RejectTarget;
import io.netemu.stack.netfilter.iptables.ext.TcpMatch;
import io.netemu.stack.netfilter.iptables.ext.TcpmssTarget;
import io.netemu.packet.wire.Checksum;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ipt_do_table on hand-made packets: verdicts, counters, jumps, non-terminating targets, hooks created on demand. */
class IptDoTableTest {
    private NetNs ns;
    private XtTable filter;
    private NetDev eth0;
    private Pkts.Ops ops;

    @BeforeEach
    void setUp() {
        ns = new NetNs("t");
        eth0 = ns.addDevice("eth0", DevKind.VETH, 0x7ae4127da2c7L, 1500);
        filter = Xtables.of(ns).table("filter");
        ops = new Pkts.Ops();
    }

    private static IptIp src(String cidr) {
        String[] p = cidr.split("/");
        int len = p.length == 1 ? 32 : Integer.parseInt(p[1]);
        return new IptIp(Ipv4Address.parse(p[0]), Ipv4Address.mask(len), 0, 0, "", "", 0, false, 0);
    }

    private NfVerdict input(SkBuff skb) {
        return ns.netfilter().run(Pkts.at(NfHook.LOCAL_IN, skb, eth0, null, ops));
    }

    @Test
    void aRuleDropsItsSourceAndCountsPacketsAndIpBytes() {
        XtChain in = filter.chain("INPUT");
        assertTrue(filter.insert(in, -1, new XtRule(src("192.168.1.100"), List.of(), XtVerdict.DROP)));
        assertEquals(NfVerdict.DROP, input(Pkts.echo("192.168.1.100", "192.168.1.1", 1, 7, 1)));
        assertEquals(NfVerdict.ACCEPT, input(Pkts.echo("192.168.1.50", "192.168.1.1", 2, 7, 1)));
        XtRule r = in.rules().get(0);
        assertEquals(1, r.packets());
        assertEquals(84, r.bytes());
        // a base chain made by a rule has no counters (iptables-nft); a policy gives it some
        assertEquals(0, in.policyPackets());
        filter.setPolicy(in, false);
        input(Pkts.echo("192.168.1.50", "192.168.1.1", 3, 7, 2));
        assertEquals(1, in.policyPackets());
        assertEquals(84, in.policyBytes());
    }

    @Test
    void baseChainsRegisterTheirHookOnlyWhenCreated() {
        assertTrue(ns.netfilter().isEmpty(NfHook.LOCAL_IN));
        filter.insert(filter.chain("INPUT"), -1, new XtRule(IptIp.ANY, List.of(), XtVerdict.ACCEPT));
        assertEquals(List.of("iptables/filter/INPUT@0"), ns.netfilter().owners(NfHook.LOCAL_IN));
        assertTrue(ns.netfilter().isEmpty(NfHook.FORWARD));
        XtTable nat = Xtables.of(ns).table("nat");
        nat.setPolicy(nat.chain("POSTROUTING"), false);
        assertNotNull(ns.netfilter().conntrack(), "the nat table loads conntrack");
        assertTrue(ns.netfilter().owners(NfHook.POST_ROUTING).contains("iptables/nat/POSTROUTING@100"));
        filter.deleteChain(filter.chain("FORWARD"));
        filter.flush(filter.chain("INPUT"));
        filter.deleteChain(filter.chain("INPUT"));
        assertFalse(ns.netfilter().owners(NfHook.LOCAL_IN).contains("iptables/filter/INPUT@0"));
    }

    @Test
    void jumpReturnsGotoDoesNotAndReturnEndsInThePolicy() {
        XtChain in = filter.chain("INPUT");
        XtChain a = filter.newChain("A");
        XtChain b = filter.newChain("B");
        filter.insert(a, -1, new XtRule(src("10.0.0.1"), List.of(), XtVerdict.RETURN));
        filter.insert(a, -1, new XtRule(src("10.0.0.2"), List.of(), new XtJump(b, true)));
        filter.insert(b, -1, new XtRule(src("10.0.0.3"), List.of(), XtVerdict.DROP));
        filter.insert(in, -1, new XtRule(IptIp.ANY, List.of(), new XtJump(a, false)));
        filter.insert(in, -1, new XtRule(src("10.0.0.1"), List.of(), XtVerdict.DROP));
        filter.setPolicy(in, false);
        // 10.0.0.1 returns from A to INPUT's next rule, which drops it
        assertEquals(NfVerdict.DROP, input(Pkts.echo("10.0.0.1", "10.0.0.9", 1, 1, 1)));
        // 10.0.0.2 goes to B and falls off its end: back past INPUT (the goto pushed nothing) to the policy
        assertEquals(NfVerdict.ACCEPT, input(Pkts.echo("10.0.0.2", "10.0.0.9", 2, 1, 1)));
        assertEquals(1, in.rules().get(1).packets());
        assertEquals(1, in.policyPackets());
        assertEquals(2, filter.references(a) + filter.references(b));
        // a loop reachable from INPUT is refused and leaves the chain as it was
        assertFalse(filter.insert(b, -1, new XtRule(IptIp.ANY, List.of(), new XtJump(a, false))));
        assertEquals(1, b.rules().size());
    }

    @Test
    void markTargetGoesOnAndLaterRulesSeeTheMark() {
        XtChain in = filter.chain("INPUT");
        filter.insert(in, -1, new XtRule(IptIp.ANY, List.of(), new MarkTarget(0x2, 0xf)));
        filter.insert(in, -1, new XtRule(IptIp.ANY, List.of(new MarkMatch(0x2, 0xff, false)), XtVerdict.DROP));
        NfPacket p = Pkts.at(NfHook.LOCAL_IN, Pkts.echo("10.0.0.1", "10.0.0.9", 1, 1, 1), eth0, null, ops);
        assertEquals(NfVerdict.DROP, ns.netfilter().run(p));
        assertEquals(2, p.mark);
    }

    @Test
    void rejectAnswersThenDrops() {
        XtChain in = filter.chain("INPUT");
        filter.insert(in, -1, new XtRule(new IptIp(0, 0, 0, 0, "", "", 6, false, 0), List.of(), new RejectTarget(6)));
        filter.insert(in, -1, new XtRule(IptIp.ANY, List.of(), new RejectTarget(3)));
        assertEquals(NfVerdict.DROP, input(Pkts.tcp("10.0.0.1", "10.0.0.9", 40000, 80, 0x02, 64240)));
        assertEquals(NfVerdict.DROP, input(Pkts.tcp("10.0.0.1", "10.0.0.9", 40000, 80, 0x04, 0)));
        assertEquals(NfVerdict.DROP, input(Pkts.udp("10.0.0.1", "10.0.0.9", 5000, 53, 3)));
        assertEquals(List.of("rst", "icmp 3/3"), ops.calls, "no RST answers a RST");
    }

    @Test
    void tcpAndIcmpMatchesReadTheTransportHeader() {
        XtChain in = filter.chain("INPUT");
        IptIp tcp = new IptIp(0, 0, 0, 0, "", "", 6, false, 0);
        IptIp icmp = new IptIp(0, 0, 0, 0, "", "", 1, false, 0);
        filter.insert(in, -1, new XtRule(tcp, List.of(new TcpMatch(0, 0xFFFF, 22, 22, 0x17, 0x02, 0)), XtVerdict.DROP));
        filter.insert(in, -1, new XtRule(icmp, List.of(new IcmpMatch(8, 0, 0xFF, false)), XtVerdict.DROP));
        assertEquals(NfVerdict.DROP, input(Pkts.tcp("10.0.0.1", "10.0.0.9", 40000, 22, 0x02, 1)));
        assertEquals(NfVerdict.ACCEPT, input(Pkts.tcp("10.0.0.1", "10.0.0.9", 40000, 22, 0x12, 1)), "SYN+ACK is not --syn");
        assertEquals(NfVerdict.ACCEPT, input(Pkts.tcp("10.0.0.1", "10.0.0.9", 40000, 23, 0x02, 1)));
        assertEquals(NfVerdict.DROP, input(Pkts.echo("10.0.0.1", "10.0.0.9", 1, 1, 1)));
        // the second 8 bytes of a TCP header in a fragment of their own are dropped (hotdrop)
        SkBuff frag = Pkts.ip("10.0.0.1", "10.0.0.9", 6, 5, 0x2001, 0, new byte[16]);
        assertEquals(NfVerdict.DROP, input(frag));
        assertEquals(0, in.rules().get(0).packets() - 1);
    }

    @Test
    void conntrackStateOfAnUntrackedPacketIsInvalid() {
        XtChain in = filter.chain("INPUT");
        ConntrackMatch established = new ConntrackMatch(false, 8 | 4, false);
        ConntrackMatch invalid = new ConntrackMatch(false, 1, false);
        filter.insert(in, -1, new XtRule(IptIp.ANY, List.of(established), XtVerdict.ACCEPT));
        filter.insert(in, -1, new XtRule(IptIp.ANY, List.of(invalid), XtVerdict.DROP));
        NfPacket p = Pkts.at(NfHook.LOCAL_IN, Pkts.echo("10.0.0.1", "10.0.0.9", 1, 1, 1), eth0, null, ops);
        assertEquals(NfVerdict.DROP, ns.netfilter().run(p));
        NfPacket q = Pkts.at(NfHook.LOCAL_IN, Pkts.echo("10.0.0.1", "10.0.0.9", 1, 1, 1), eth0, null, ops);
        q.ctState = NfPacket.CtState.ESTABLISHED;
        assertEquals(NfVerdict.ACCEPT, ns.netfilter().run(q));
    }

    @Test
    void limitIsATokenBucketOnTheRunClock() {
        XtChain in = filter.chain("INPUT");
        // --limit 1/sec --limit-burst 2: avg = 10000 (XT_LIMIT_SCALE) per packet
        filter.insert(in, -1, new XtRule(IptIp.ANY, List.of(new LimitMatch(10000, 2)), XtVerdict.ACCEPT));
        filter.insert(in, -1, new XtRule(IptIp.ANY, List.of(), XtVerdict.DROP));
        assertEquals(NfVerdict.ACCEPT, input(Pkts.echo("10.0.0.1", "10.0.0.9", 1, 1, 1)));
        assertEquals(NfVerdict.ACCEPT, input(Pkts.echo("10.0.0.1", "10.0.0.9", 1, 1, 2)));
        assertEquals(NfVerdict.DROP, input(Pkts.echo("10.0.0.1", "10.0.0.9", 1, 1, 3)));
        ops.now += 999_000_000L;
        assertEquals(NfVerdict.DROP, input(Pkts.echo("10.0.0.1", "10.0.0.9", 1, 1, 4)));
        ops.now += 1_000_000L;
        assertEquals(NfVerdict.ACCEPT, input(Pkts.echo("10.0.0.1", "10.0.0.9", 1, 1, 5)));
    }

    @Test
    void interfaceWildcardsAndInversions() {
        IptIp ethPlus = new IptIp(0, 0, 0, 0, "eth+", "", 0, false, 0);
        IptIp notLo = new IptIp(0, 0, 0, 0, "lo", "", 0, false, IptIp.INV_VIA_IN);
        NfPacket p = Pkts.at(NfHook.LOCAL_IN, Pkts.echo("10.0.0.1", "10.0.0.9", 1, 1, 1), eth0, null, ops);
        XtPkt x = new XtPkt(p);
        assertTrue(ethPlus.match(x));
        assertTrue(notLo.match(x));
        assertFalse(new IptIp(0, 0, 0, 0, "eth", "", 0, false, 0).match(x), "without + the name is exact");
        assertTrue(new IptIp(0, 0, 0, 0, "eth0", "", 0, false, 0).match(x));
    }
    @Test
    void tcpmssLowersTheMssOptionAndPatchesTheChecksum() {
        XtChain fwd = filter.chain("FORWARD");
        filter.insert(fwd, -1, new XtRule(new IptIp(0, 0, 0, 0, "", "", 6, false, 0), List.of(), new TcpmssTarget(1400)));
        byte[] t = new byte[24];
        Pkts.put16(t, 0, 40000);
        Pkts.put16(t, 2, 80);
        t[12] = 0x60;
        t[13] = 0x02;
        t[20] = 2;
        t[21] = 4;
        Pkts.put16(t, 22, 1460);
        SkBuff syn = Pkts.ip("10.0.0.1", "10.0.0.9", 6, 1, 0x4000, 0, t);
        byte[] b = syn.array();
        int th = syn.dataOffset() + 20;
        int sum = Checksum.fold(Checksum.sum(b, th, 24, Checksum.pseudoHeader(Ipv4Address.parse("10.0.0.1"),
                Ipv4Address.parse("10.0.0.9"), 6, 24)));
        Pkts.put16(b, th + 16, sum);
        NfPacket p = Pkts.at(NfHook.FORWARD, syn, eth0, eth0, ops);
        assertEquals(NfVerdict.ACCEPT, ns.netfilter().run(p));
        byte[] out = p.skb.array();
        int o = p.skb.dataOffset() + 20;
        assertEquals(1400, ((out[o + 22] & 0xff) << 8) | (out[o + 23] & 0xff));
        assertEquals(0, Checksum.fold(Checksum.sum(out, o, 24, Checksum.pseudoHeader(Ipv4Address.parse("10.0.0.1"),
                Ipv4Address.parse("10.0.0.9"), 6, 24))), "the checksum still verifies");
    }
}
