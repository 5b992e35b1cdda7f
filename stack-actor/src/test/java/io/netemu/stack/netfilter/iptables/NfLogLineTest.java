package io.netemu.stack.netfilter.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.packet.SkBuff;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.iptables.ext.LogTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The LOG target's lines against what Linux 6.18 wrote to dmesg for the same packets (captured
 * with net.netfilter.nf_log_all_netns=1 from a veth pair: ping, a UDP datagram to a closed port
 * and its ICMP error, a TCP SYN and the RST that answered it).
 */
class NfLogLineTest {
    private final NetNs ns = new NetNs("t");
    private final NetDev eth0 = ns.addDevice("eth0", DevKind.VETH, Pkts.DST_MAC, 1500);
    private final Pkts.Ops ops = new Pkts.Ops();

    private String log(NfHook hook, SkBuff skb, boolean in, String prefix) {
        XtPkt p = new XtPkt(Pkts.at(hook, skb, in ? eth0 : null, in ? null : eth0, ops));
        new LogTarget(4, 0, prefix).target(p);
        return ops.klog.remove(0);
    }

    @Test
    void echoRequestIn() {
        assertEquals("PING: IN=eth0 OUT= MAC=7a:e4:12:7d:a2:c7:ae:e4:0f:c1:3f:b2:08:00 SRC=10.9.0.1 DST=10.9.0.2 LEN=84 "
                + "TOS=0x00 PREC=0x00 TTL=64 ID=34696 DF PROTO=ICMP TYPE=8 CODE=0 ID=9487 SEQ=1 ",
                log(NfHook.LOCAL_IN, Pkts.echo("10.9.0.1", "10.9.0.2", 34696, 9487, 1), true, "PING: "));
    }

    @Test
    void udpInWithoutPrefix() {
        assertEquals("IN=eth0 OUT= MAC=7a:e4:12:7d:a2:c7:ae:e4:0f:c1:3f:b2:08:00 SRC=10.9.0.1 DST=10.9.0.2 LEN=31 "
                + "TOS=0x00 PREC=0x00 TTL=64 ID=51442 DF PROTO=UDP SPT=59330 DPT=5353 LEN=11 ",
                log(NfHook.LOCAL_IN, Pkts.udp("10.9.0.1", "10.9.0.2", 59330, 5353, 3), true, ""));
    }

    @Test
    void tcpSynInAndRstOut() {
        assertEquals("TCP: IN=eth0 OUT= MAC=7a:e4:12:7d:a2:c7:ae:e4:0f:c1:3f:b2:08:00 SRC=10.9.0.1 DST=10.9.0.2 LEN=60 "
                + "TOS=0x00 PREC=0x00 TTL=64 ID=13280 DF PROTO=TCP SPT=54964 DPT=80 WINDOW=64240 RES=0x00 SYN URGP=0 ",
                log(NfHook.LOCAL_IN, Pkts.tcp("10.9.0.1", "10.9.0.2", 54964, 80, 0x02, 64240), true, "TCP: "));
        byte[] rst = new byte[20];
        Pkts.put16(rst, 0, 80);
        Pkts.put16(rst, 2, 54964);
        rst[12] = 0x50;
        rst[13] = 0x14;
        assertEquals("OUT: IN= OUT=eth0 SRC=10.9.0.2 DST=10.9.0.1 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=0 DF PROTO=TCP "
                + "SPT=80 DPT=54964 WINDOW=0 RES=0x00 ACK RST URGP=0 ",
                log(NfHook.LOCAL_OUT, Pkts.ip("10.9.0.2", "10.9.0.1", 6, 0, 0x4000, 0, rst), false, "OUT: "));
    }

    @Test
    void icmpErrorOutShowsTheOffendingHeaderInBrackets() {
        byte[] inner = Pkts.udp("10.9.0.1", "10.9.0.2", 59330, 5353, 3).toByteArray();
        byte[] icmp = new byte[8 + inner.length];
        icmp[0] = 3;
        icmp[1] = 3;
        System.arraycopy(inner, 0, icmp, 8, inner.length);
        SkBuff err = Pkts.ip("10.9.0.2", "10.9.0.1", 1, 16896, 0, 0xC0, icmp);
        assertEquals("OUT: IN= OUT=eth0 SRC=10.9.0.2 DST=10.9.0.1 LEN=59 TOS=0x00 PREC=0xC0 TTL=64 ID=16896 PROTO=ICMP "
                + "TYPE=3 CODE=3 [SRC=10.9.0.1 DST=10.9.0.2 LEN=31 TOS=0x00 PREC=0x00 TTL=64 ID=51442 DF PROTO=UDP "
                + "SPT=59330 DPT=5353 LEN=11 ] ", log(NfHook.LOCAL_OUT, err, false, "OUT: "));
    }

    @Test
    void theLogTargetGoesOnToTheNextRule() {
        XtTable filter = Xtables.of(ns).table("filter");
        XtChain in = filter.chain("INPUT");
        filter.insert(in, -1, new XtRule(IptIp.ANY, List.of(), new LogTarget(4, 0, "X ")));
        filter.insert(in, -1, new XtRule(IptIp.ANY, List.of(), XtVerdict.DROP));
        ns.netfilter().run(Pkts.at(NfHook.LOCAL_IN, Pkts.echo("10.9.0.1", "10.9.0.2", 1, 1, 1), eth0, null, ops));
        assertEquals(1, ops.klog.size());
        assertEquals(1, in.rules().get(1).packets());
    }
}
