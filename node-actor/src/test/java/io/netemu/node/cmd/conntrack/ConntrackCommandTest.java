package io.netemu.node.cmd.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.CommandResult;
import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.IcmpPacket;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.packet.wire.Ipv4Repr;
import io.netemu.packet.wire.TcpPacket;
import io.netemu.packet.wire.UdpPacket;
import io.netemu.packet.wire.UdpRepr;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfStackOps;
import io.netemu.stack.netfilter.conntrack.Conntrack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code conntrack} of conntrack-tools 1.4.7 over a router namespace's table: listings, filters, flush, errors. */
class ConntrackCommandTest {
    private static final long SEC = 1_000_000_000L;
    private static final String HEAD = "conntrack v1.4.7 (conntrack-tools): ";
    private final NetNs ns = new NetNs("r1");
    private final NetDev eth0 = ns.addDevice("eth0", DevKind.VETH, 0x020000000001L, 1500);
    private final NetDev eth1 = ns.addDevice("eth1", DevKind.VETH, 0x020000000002L, 1500);
    private long now = 500 * SEC;
    private final NfStackOps ops = new NfStackOps() {
        public void sendIcmpError(SkBuff offending, int type, int code) {}
        public void sendTcpReset(SkBuff offending) {}
        public void klog(String line) {}
        public int selectSource(NetDev dev, int dst) { return 0; }
        public long now() { return now; }
    };

    private CommandResult conntrack(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("conntrack");
        argv.addAll(Arrays.asList(args));
        return new ConntrackCommand(() -> now).run(argv, ns);
    }

    private static void check(CommandResult r, int exit, String out, String err) {
        assertEquals(out, r.stdout(), "stdout");
        assertEquals(err, r.stderr(), "stderr");
        assertEquals(exit, r.exit(), "exit status");
    }

    /** Forwards a datagram through the router's hooks, as the data path does. */
    private void forward(SkBuff skb, boolean fromInside) {
        Conntrack.ensure(ns.netfilter(), ns.sysctl());
        for (NfHook h : List.of(NfHook.PRE_ROUTING, NfHook.FORWARD, NfHook.POST_ROUTING)) {
            NfPacket p = new NfPacket(skb, h, h == NfHook.POST_ROUTING ? null : fromInside ? eth0 : eth1,
                    h == NfHook.PRE_ROUTING ? null : fromInside ? eth1 : eth0, ops);
            ns.netfilter().run(p);
            skb = p.result();
        }
    }

    private static SkBuff datagram(String src, String dst, int proto, int l4len) {
        SkBuff skb = SkBuff.alloc(32, 20 + l4len).put(20 + l4len);
        Ipv4Repr.of(Ipv4Address.parse(src), Ipv4Address.parse(dst), proto, l4len, 64, 1).emit(Ipv4Packet.of(skb));
        return skb;
    }

    private static SkBuff echo(String src, String dst, int type, int id) {
        SkBuff skb = datagram(src, dst, 1, 64);
        IcmpPacket p = IcmpPacket.of(skb.array(), skb.dataOffset() + 20, 64);
        p.setType(type);
        p.setEchoIdent(id);
        p.setEchoSeq(1);
        p.fillChecksum();
        return skb;
    }

    private static SkBuff udp(String src, String dst, int sport, int dport) {
        SkBuff skb = datagram(src, dst, 17, 8);
        new UdpRepr(sport, dport, 0).emit(UdpPacket.of(skb.array(), skb.dataOffset() + 20, 8),
                Ipv4Address.parse(src), Ipv4Address.parse(dst));
        return skb;
    }

    private static SkBuff tcp(String src, String dst, int sport, int dport, int flags, int seq, int ack) {
        SkBuff skb = datagram(src, dst, 6, 20);
        TcpPacket t = TcpPacket.of(skb.array(), skb.dataOffset() + 20, 20);
        t.setSrcPort(sport);
        t.setDstPort(dport);
        t.setSeq(seq);
        t.setAck(ack);
        t.setHeaderLen(20);
        t.setFlags(flags);
        t.setWindow(64240);
        t.fillChecksum(Ipv4Address.parse(src), Ipv4Address.parse(dst));
        return skb;
    }

    private void ping() {
        forward(echo("10.0.1.2", "10.0.2.2", 8, 1234), true);
        forward(echo("10.0.2.2", "10.0.1.2", 0, 1234), false);
    }

    private void http() {
        forward(tcp("10.0.1.2", "10.0.2.2", 40000, 80, TcpPacket.SYN, 100, 0), true);
        forward(tcp("10.0.2.2", "10.0.1.2", 80, 40000, TcpPacket.SYN | TcpPacket.ACK, 900, 101), false);
        forward(tcp("10.0.1.2", "10.0.2.2", 40000, 80, TcpPacket.ACK, 101, 901), true);
    }

    private static final String ICMP = "icmp     1 29 src=10.0.1.2 dst=10.0.2.2 type=8 code=0 id=1234 "
            + "src=10.0.2.2 dst=10.0.1.2 type=0 code=0 id=1234 mark=0 use=1\n";
    private static final String TCP = "tcp      6 431999 ESTABLISHED src=10.0.1.2 dst=10.0.2.2 sport=40000 dport=80 "
            + "src=10.0.2.2 dst=10.0.1.2 sport=80 dport=40000 [ASSURED] mark=0 use=1\n";
    private static final String UDP = "udp      17 29 src=10.0.1.2 dst=10.0.2.2 sport=5353 dport=53 [UNREPLIED] "
            + "src=10.0.2.2 dst=10.0.1.2 sport=53 dport=5353 mark=0 use=1\n";

    private void all() {
        ping();
        http();
        forward(udp("10.0.1.2", "10.0.2.2", 5353, 53), true);
        now += SEC / 2;
    }

    @Test
    void withoutConntrackLoadedTheTableIsEmpty() {
        check(conntrack("-L"), 0, "", HEAD + "0 flow entries have been shown.\n");
        check(conntrack("-C"), 0, "0\n", "");
        check(conntrack("-F"), 0, "", HEAD + "connection tracking table has been emptied.\n");
    }

    @Test
    void listsAsConntrackToolsPrints() {
        all();
        check(conntrack("-L"), 0, ICMP + TCP + UDP, HEAD + "3 flow entries have been shown.\n");
        check(conntrack("--dump"), 0, ICMP + TCP + UDP, HEAD + "3 flow entries have been shown.\n");
        check(conntrack("-L", "conntrack"), 0, ICMP + TCP + UDP, HEAD + "3 flow entries have been shown.\n");
        check(conntrack("-C"), 0, "3\n", "");
        check(conntrack("-L", "-o", "extended"), 0, "ipv4     2 " + ICMP + "ipv4     2 " + TCP + "ipv4     2 " + UDP,
                HEAD + "3 flow entries have been shown.\n");
        check(conntrack("-L", "expect"), 0, "", HEAD + "0 expectations have been shown.\n");
    }

    @Test
    void countersShowWithAccounting() {
        ns.sysctl().set("net.netfilter.nf_conntrack_acct", "1");
        ping();
        check(conntrack("-L"), 0, "icmp     1 30 src=10.0.1.2 dst=10.0.2.2 type=8 code=0 id=1234 packets=1 bytes=84 "
                + "src=10.0.2.2 dst=10.0.1.2 type=0 code=0 id=1234 packets=1 bytes=84 mark=0 use=1\n",
                HEAD + "1 flow entries have been shown.\n");
        conntrack("-L", "-z");
        assertTrue(conntrack("-L").stdout().contains("packets=0 bytes=0 src"), "zeroed by -z");
    }

    @Test
    void filters() {
        all();
        String shown1 = HEAD + "1 flow entries have been shown.\n";
        check(conntrack("-L", "-p", "tcp"), 0, TCP, shown1);
        check(conntrack("-L", "-p", "6"), 0, TCP, shown1);
        check(conntrack("-L", "-p", "udp", "--dport", "53"), 0, UDP, shown1);
        check(conntrack("-L", "-p", "tcp", "--state", "ESTABLISHED"), 0, TCP, shown1);
        check(conntrack("-L", "-p", "tcp", "--state", "SYN_SENT"), 0, "", HEAD + "0 flow entries have been shown.\n");
        check(conntrack("-L", "-p", "icmp", "--icmp-id", "1234"), 0, ICMP, shown1);
        check(conntrack("-L", "-s", "10.0.1.2", "-p", "tcp"), 0, TCP, shown1);
        check(conntrack("-L", "-d", "10.0.2.0/24"), 0, ICMP + TCP + UDP, HEAD + "3 flow entries have been shown.\n");
        check(conntrack("-L", "-d", "10.0.3.0/24"), 0, "", HEAD + "0 flow entries have been shown.\n");
        check(conntrack("-L", "-r", "10.0.2.2", "-q", "10.0.1.2", "-p", "udp"), 0, UDP, shown1);
        check(conntrack("-L", "-u", "ASSURED"), 0, TCP, shown1);
        check(conntrack("-L", "-u", "UNREPLIED"), 0, UDP, shown1);
        check(conntrack("-L", "-m", "1"), 0, "", HEAD + "0 flow entries have been shown.\n");
        check(conntrack("-L", "-n"), 0, "", HEAD + "0 flow entries have been shown.\n");
        check(conntrack("-L", "-f", "ipv6"), 0, "", HEAD + "0 flow entries have been shown.\n");
    }

    @Test
    void getFindsOneTuple() {
        all();
        check(conntrack("-G", "-s", "10.0.1.2", "-d", "10.0.2.2", "-p", "tcp", "--sport", "40000", "--dport", "80"),
                0, TCP, HEAD + "1 flow entries have been shown.\n");
        check(conntrack("-G", "-s", "10.0.1.2", "-d", "10.0.2.2", "-p", "tcp"), 1, "",
                HEAD + "Operation failed: such conntrack doesn't exist\n");
        check(conntrack("-G", "-s", "10.0.1.2", "-p", "tcp"), 2, "",
                HEAD + "you have to specify `--src' and `--dst'\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
    }

    @Test
    void deleteAndFlush() {
        all();
        check(conntrack("-D", "-p", "udp"), 0, UDP, HEAD + "1 flow entries have been deleted.\n");
        check(conntrack("-D", "-p", "udp"), 1, "", HEAD + "0 flow entries have been deleted.\n");
        check(conntrack("-C"), 0, "2\n", "");
        check(conntrack("-F"), 0, "", HEAD + "connection tracking table has been emptied.\n");
        check(conntrack("-L"), 0, "", HEAD + "0 flow entries have been shown.\n");
    }

    @Test
    void entriesTimeOut() {
        ping();
        now += 31 * SEC;
        check(conntrack("-L"), 0, "", HEAD + "0 flow entries have been shown.\n");
    }

    @Test
    void errorsAsTheToolGivesThem() {
        String tryHelp = "Try `conntrack -h' or 'conntrack --help' for more information.\n";
        check(conntrack("-L", "-X"), 2, "", HEAD + "unknown option `-X'\n" + tryHelp);
        check(conntrack("-L", "--sport", "80"), 2, "", HEAD + "unknown option `--sport'\n" + tryHelp);
        check(conntrack("-L", "-F"), 2, "", HEAD + "Invalid commands combination\n" + tryHelp);
        check(conntrack("-F", "-s", "10.0.0.1"), 2, "", HEAD + "Illegal option `--src' with this command\n" + tryHelp);
        check(conntrack("-L", "-p", "foo"), 2, "", HEAD + "`foo' unsupported protocol\n" + tryHelp);
        check(conntrack("-L", "-s", "10.0.0.300"), 2, "", HEAD + "Invalid IP address `10.0.0.300'\n" + tryHelp);
        check(conntrack("-L", "-s"), 2, "", HEAD + "option `-s' requires an argument\n" + tryHelp);
        check(conntrack("-L", "-p", "tcp", "--state", "OPEN"), 2, "", HEAD + "unknown TCP state `OPEN'\n" + tryHelp);
        check(conntrack("-L", "-u", "FOO"), 2, "", HEAD + "Bad parameter `FOO'\n" + tryHelp);
        check(conntrack("-L", "-o", "json"), 2, "", HEAD + "Bad parameter `json'\n" + tryHelp);
        check(conntrack("-L", "-r", "10.0.0.0/8"), 2, "", HEAD + "CIDR notation unavailable for `--reply-src'\n" + tryHelp);
        check(conntrack("-L", "bogus"), 2, "", HEAD + "unknown type `bogus'\n" + tryHelp);
        check(conntrack("-E"), 1, "", HEAD + "Operation failed: Operation not supported\n");
    }

    @Test
    void versionStatsAndHelp() {
        check(conntrack("-V"), 0, "conntrack v1.4.7 (conntrack-tools)\n", "");
        http();
        check(conntrack("-S"), 0, "cpu=0   \tfound=2 invalid=0 insert=1 insert_failed=0 drop=0 early_drop=0 error=0 "
                + "search_restart=0 clash_resolve=0 chaintoolong=0 \n", "");
        CommandResult h = conntrack("-h");
        assertEquals(0, h.exit());
        assertTrue(h.stdout().startsWith("Command line interface for the connection tracking system. Version 1.4.7\n"
                + "Usage: conntrack [commands] [options]\n\nCommands:\n  -L [table] [options]\t\tList conntrack"));
        assertEquals(h.stdout(), conntrack().stdout(), "no command: usage");
    }
}
