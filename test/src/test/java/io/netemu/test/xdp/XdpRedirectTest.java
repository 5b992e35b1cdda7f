package io.netemu.test.xdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.ns.NetnsDirectory;
import io.netemu.packet.SkBuff;
import io.netemu.test.e2e.Labs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * redirect_port.o on r1's eth0 in h1 - r1 - h2, fed with real frames: there is no UDP or TCP
 * sender in netemu yet, so a UDP datagram from shared/fixtures/pcap/udp-exchange.pcap and
 * a TCP segment from tcp-session.pcap get this lab's MACs and addresses, a destination port and
 * fixed checksums, and are sent straight out of h1's eth0 device actor ({@link NetDevice.Xmit}).
 * What a devmap slot names they leave through (r1's eth1, or across namespaces h2's eth0), as
 * Linux 6.18 counts it on veth (checked there with the same program and maps; Linux, and
 * netemu with it, also needs NAPI on the receiving peer — an XDP program or GRO — for
 * ndo_xdp_xmit to a veth, so h2's eth0 and r1's eth1 turn GRO on;
 * {@link #withoutNapiOnThePeerTheRedirectFailsOnTheSource} shows what happens without):
 * rx_queue_0_xdp_redirect on eth0, tx_queue_0_xdp_xmit on the
 * device that sent them, RX packets on the far end. A port without a slot goes up the stack
 * (iptables INPUT counts it, r1 answers with an ICMP port unreachable back to h1); a slot
 * without a devmap entry falls back to XDP_PASS (the flags of bpf_redirect_map); an entry for a
 * missing ifindex is refused with EINVAL, as the kernel refuses it.
 */
class XdpRedirectTest {
    /** As the packet module's tests find them: {@code -Dnetemu.fixtures}, else ../../shared/fixtures. */
    private static final Path PCAPS = Path.of(System.getProperty("netemu.fixtures", "../../shared/fixtures")).resolve("pcap");
    private static final long H1_MAC = 0x020000000a01L;
    private static final long R1_ETH0 = 0x020000000b01L;
    private static final long R1_ETH1 = 0x020000000b02L;
    private static final long H2_MAC = 0x020000000c01L;

    private ActorTestKit kit;
    private final Map<String, ActorRef<NsInbound>> ns = new HashMap<>();
    private ActorRef<NetDevice.Command> h1Eth0;

    @BeforeEach
    void lab() throws Exception {
        Path dir = XdpObjects.dir();
        kit = ActorTestKit.create(Labs.testConfig());
        ActorRef<NetnsDirectory.Command> directory = kit.spawn(NetnsDirectory.create(7), "netns");
        for (String n : List.of("h1", "r1", "h2")) {
            ActorRef<NsInbound> a = kit.spawn(NamespaceActor.create(n, n.hashCode(), -1, directory), n);
            directory.tell(new NetnsDirectory.Register(n, a));
            ns.put(n, a);
        }
        h1Eth0 = link("h1", "eth0", H1_MAC, "r1", "eth0", R1_ETH0);
        link("r1", "eth1", R1_ETH1, "h2", "eth0", H2_MAC);
        ok("h1", "ip addr add 10.0.1.2/24 dev eth0");
        ok("h1", "ip route add default via 10.0.1.1");
        ok("r1", "ip addr add 10.0.1.1/24 dev eth0");
        ok("r1", "ip addr add 10.0.2.1/24 dev eth1");
        ok("r1", "ip neigh add 10.0.1.2 lladdr 02:00:00:00:0a:01 dev eth0 nud permanent");
        ok("h2", "ip addr add 10.0.2.2/24 dev eth0");
        // ndo_xdp_xmit into a veth delivers only when its peer runs NAPI (GRO here; see the class comment)
        ok("h2", "ethtool -K eth0 gro on");
        ok("r1", "ethtool -K eth1 gro on");
        ok("r1", "ip link set dev eth0 xdp obj " + dir.resolve("redirect_port.o") + " sec xdp");
        ok("r1", "iptables -A INPUT -p udp --dport 7778");
    }

    @AfterEach
    void shutdown() {
        if (kit != null) {
            kit.shutdownTestKit();
        }
    }

    private ActorRef<NetDevice.Command> link(String a, String ai, long am, String b, String bi, long bm) {
        TestProbe<NamespaceActor.VethAdded> added = kit.createTestProbe();
        ns.get(a).tell(new NamespaceActor.AddVeth(ai, am, 1500, NetemConfig.NONE, 11, added.getRef()));
        NamespaceActor.VethAdded va = added.receiveMessage();
        ns.get(b).tell(new NamespaceActor.AddVeth(bi, bm, 1500, NetemConfig.NONE, 12, added.getRef()));
        NamespaceActor.VethAdded vb = added.receiveMessage();
        TestProbe<NamespaceActor.Ack> ack = kit.createTestProbe();
        ns.get(a).tell(new NamespaceActor.ConnectPeer(ai, vb.device(), vb.ifindex(), b, ack.getRef()));
        ns.get(b).tell(new NamespaceActor.ConnectPeer(bi, va.device(), va.ifindex(), a, ack.getRef()));
        ack.receiveSeveralMessages(2);
        return va.device();
    }

    private CommandResult exec(String node, String line) {
        TestProbe<CommandResult> r = kit.createTestProbe();
        ns.get(node).tell(new NamespaceActor.Exec(line, r.getRef()));
        return r.receiveMessage(Duration.ofSeconds(10));
    }

    private String ok(String node, String line) {
        CommandResult r = exec(node, line);
        assertEquals(0, r.exit(), () -> node + ": " + line + "\n" + r.stdout() + r.stderr());
        return r.stdout();
    }

    /** One counter of ethtool -S, e.g. rx_queue_0_xdp_redirect. */
    private long stat(String node, String dev, String name) {
        Matcher m = Pattern.compile("(?m)^\\s+" + name + ": (\\d+)$").matcher(ok(node, "ethtool -S " + dev));
        assertTrue(m.find(), name);
        return Long.parseLong(m.group(1));
    }

    /** RX or TX packets of ip -s link show. */
    private long packets(String node, String dev, String dir) {
        String[] lines = ok(node, "ip -s link show dev " + dev).split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].strip().startsWith(dir + ":")) {
                return Long.parseLong(lines[i + 1].strip().split("\\s+")[1]);
            }
        }
        throw new AssertionError("no " + dir + " in ip -s link show of " + node + " " + dev);
    }

    private int ifindex(String node, String dev) {
        Matcher m = Pattern.compile("\"ifindex\":(\\d+)").matcher(ok(node, "ip -j link show dev " + dev));
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private void send(byte[]... frames) {
        List<SkBuff> l = new ArrayList<>();
        for (byte[] f : frames) {
            l.add(SkBuff.wrap(f.clone()));
        }
        h1Eth0.tell(new NetDevice.Xmit(l));
    }

    @Test
    void udpAndTcpToTheSlottedPortLeaveThroughEth1() throws Exception {
        ok("r1", "bpftool map update name ports key 0x61 0x1e value 1 0 0 0");
        int eth1 = ifindex("r1", "eth1");
        ok("r1", "bpftool map update name tx_port key 1 0 0 0 value " + eth1 + " 0 0 0");
        byte[] udp = frame("udp-exchange.pcap", 0, 7777);
        byte[] tcp = frame("tcp-session.pcap", 0, 7777);
        send(udp, udp, tcp);
        await("3 frames at h2's eth0", () -> packets("h2", "eth0", "RX") == 3);
        assertEquals(3, stat("r1", "eth0", "rx_queue_0_xdp_packets"));
        assertEquals(3, stat("r1", "eth0", "rx_queue_0_xdp_redirect"));
        assertEquals(3, stat("r1", "eth1", "tx_queue_0_xdp_xmit"));
        assertEquals(0, stat("r1", "eth1", "tx_queue_0_xdp_xmit_errors"));
        assertEquals(3, packets("r1", "eth0", "RX"));
        assertEquals(0, packets("r1", "eth0", "TX"), "nothing went up r1's stack to be answered");
        assertTrue(ok("r1", "iptables -nvL INPUT").contains("    0     0"), "INPUT saw nothing");
    }

    @Test
    void aPortWithoutASlotGoesUpTheStack() throws Exception {
        ok("r1", "bpftool map update name ports key 0x61 0x1e value 1 0 0 0");
        ok("r1", "bpftool map update name tx_port key 1 0 0 0 value " + ifindex("r1", "eth1") + " 0 0 0");
        // 7778: not in ports; 7780: slot 5, which the devmap does not hold (bpf_redirect_map falls back to XDP_PASS)
        ok("r1", "bpftool map update name ports key 0x64 0x1e value 5 0 0 0");
        byte[] toR1 = rewrite(frame("udp-exchange.pcap", 0, 7778), new byte[] {10, 0, 1, 1});
        byte[] slot5 = rewrite(frame("udp-exchange.pcap", 0, 7780), new byte[] {10, 0, 1, 1});
        send(toR1, slot5);
        await("two ICMP port unreachable back at h1", () -> packets("h1", "eth0", "RX") == 2);
        assertEquals(2, stat("r1", "eth0", "rx_queue_0_xdp_packets"));
        assertEquals(0, stat("r1", "eth0", "rx_queue_0_xdp_redirect"));
        assertEquals(0, stat("r1", "eth1", "tx_queue_0_xdp_xmit"));
        assertEquals(2, packets("r1", "eth0", "TX"));
        assertEquals(0, packets("h2", "eth0", "RX"));
        String input = ok("r1", "iptables -nvL INPUT");   // -n: iptables-nft prints the protocol's number
        assertTrue(input.matches("(?s).*\\n\\s+1\\s+41\\s+17\\s+--.*dpt:7778.*"), input);
    }

    /**
     * Linux 6.18: without an XDP program or GRO on the target's peer, xdp_do_redirect fails on
     * the source (the target lacks NETDEV_XDP_ACT_NDO_XMIT): the frames count as
     * rx_queue_0_drops and RX dropped there, not as xdp_redirect, and nothing is sent.
     */
    @Test
    void withoutNapiOnThePeerTheRedirectFailsOnTheSource() throws Exception {
        ok("h2", "ethtool -K eth0 gro off");
        ok("r1", "bpftool map update name ports key 0x61 0x1e value 1 0 0 0");
        ok("r1", "bpftool map update name tx_port key 1 0 0 0 value " + ifindex("r1", "eth1") + " 0 0 0");
        send(frame("udp-exchange.pcap", 0, 7777), frame("tcp-session.pcap", 0, 7777));
        await("2 failed redirects on r1's eth0", () -> stat("r1", "eth0", "rx_queue_0_drops") == 2);
        assertEquals(0, stat("r1", "eth0", "rx_queue_0_xdp_redirect"));
        assertEquals(0, stat("r1", "eth1", "tx_queue_0_xdp_xmit"));
        String[] rx = ok("r1", "ip -s link show dev eth0").split("RX:[^\n]*\n")[1].strip().split("\\s+");
        assertEquals("2", rx[3], "RX dropped");
        assertEquals(0, packets("h2", "eth0", "RX"));
    }

    @Test
    void aSlotWrittenInAnotherNamespaceSendsOutOfItsDevice() throws Exception {
        ok("r1", "bpftool map update name ports key 0x63 0x1e value 2 0 0 0");   // 7779 -> slot 2
        // h2's eth0 is ifindex 2 in h2: the entry resolves there (r1 has an eth0 of ifindex 2 too)
        ok("r1", "ip netns exec h2 bpftool map update name tx_port key 2 0 0 0 value " + ifindex("h2", "eth0") + " 0 0 0");
        send(frame("udp-exchange.pcap", 0, 7779), frame("tcp-session.pcap", 0, 7779));
        await("2 frames back at r1's eth1", () -> packets("r1", "eth1", "RX") == 2);
        assertEquals(2, stat("r1", "eth0", "rx_queue_0_xdp_redirect"));
        assertEquals(2, stat("h2", "eth0", "tx_queue_0_xdp_xmit"));
        assertEquals(0, stat("r1", "eth1", "tx_queue_0_xdp_xmit"));
        assertEquals(0, stat("r1", "eth0", "tx_queue_0_xdp_xmit"));
    }

    @Test
    void anEntryForAMissingIfindexIsRefused() {
        CommandResult r = exec("r1", "bpftool map update name tx_port key 1 0 0 0 value 9 0 0 0");
        assertEquals(234, r.exit());
        assertEquals("Error: update failed: Invalid argument\n", r.stderr());
        // h2 has no ifindex 3 (r1 has: its eth1)
        r = exec("r1", "ip netns exec h2 bpftool map update name tx_port key 1 0 0 0 value 3 0 0 0");
        assertEquals(234, r.exit());
        assertEquals("Error: update failed: Invalid argument\n", r.stderr());
        assertTrue(ok("r1", "bpftool map dump name tx_port").contains("key: 01 00 00 00  value: <no entry>"));
    }

    /**
     * Frame {@code index} of a pcap fixture (10.0.1.2 to 10.0.2.2) with this lab's MACs (h1's
     * eth0 to r1's eth0), destination port {@code port} and the IPv4 and UDP/TCP checksums again.
     */
    static byte[] frame(String pcap, int index, int port) throws IOException {
        byte[] f = pcapFrame(PCAPS.resolve(pcap), index);
        putMac(f, 0, R1_ETH0);
        putMac(f, 6, H1_MAC);
        int ihl = (f[14] & 0x0f) * 4;
        int l4 = 14 + ihl;
        f[l4 + 2] = (byte) (port >> 8);
        f[l4 + 3] = (byte) port;
        return checksums(f);
    }

    /** The frame with another destination address, checksums again. */
    static byte[] rewrite(byte[] frame, byte[] dst) {
        byte[] f = frame.clone();
        System.arraycopy(dst, 0, f, 30, 4);
        return checksums(f);
    }

    private static byte[] checksums(byte[] f) {
        int ihl = (f[14] & 0x0f) * 4;
        int total = ((f[16] & 0xff) << 8) | (f[17] & 0xff);
        f[24] = 0;
        f[25] = 0;
        put16(f, 24, fold(sum(f, 14, ihl, 0)));
        int l4 = 14 + ihl;
        int len = total - ihl;
        int proto = f[23] & 0xff;
        int at = proto == 17 ? l4 + 6 : l4 + 16;
        f[at] = 0;
        f[at + 1] = 0;
        long pseudo = sum(f, 26, 8, 0) + proto + len;
        int c = fold(sum(f, l4, len, pseudo));
        put16(f, at, proto == 17 && c == 0 ? 0xffff : c);
        return f;
    }

    private static long sum(byte[] b, int off, int len, long acc) {
        for (int i = 0; i < len; i += 2) {
            int hi = b[off + i] & 0xff;
            int lo = i + 1 < len ? b[off + i + 1] & 0xff : 0;
            acc += (hi << 8) | lo;
        }
        return acc;
    }

    private static int fold(long s) {
        while ((s >> 16) != 0) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) (~s & 0xffff);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
    }

    private static void putMac(byte[] b, int at, long mac) {
        for (int i = 0; i < 6; i++) {
            b[at + i] = (byte) (mac >> (40 - 8 * i));
        }
    }

    /** Classic pcap, little-endian, Ethernet. */
    static byte[] pcapFrame(Path file, int index) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt(0), "classic little-endian pcap");
        int off = 24;
        for (int i = 0; ; i++) {
            int incl = b.getInt(off + 8);
            if (i == index) {
                byte[] f = new byte[incl];
                b.get(off + 16, f);
                return f;
            }
            off += 16 + incl;
        }
    }

    @Test
    void rewrittenFramesKeepValidChecksums() throws IOException {
        byte[] u = frame("udp-exchange.pcap", 0, 7777);
        byte[] t = frame("tcp-session.pcap", 0, 7777);
        for (byte[] f : List.of(u, t)) {
            int ihl = (f[14] & 0x0f) * 4;
            assertEquals(0, fold(sum(f, 14, ihl, 0)) , "IPv4 header sums to 0xffff");
            int total = ((f[16] & 0xff) << 8) | (f[17] & 0xff);
            assertEquals(0, fold(sum(f, 14 + ihl, total - ihl, sum(f, 26, 8, 0) + (f[23] & 0xff) + total - ihl)));
            assertEquals(7777, ((f[14 + ihl + 2] & 0xff) << 8) | (f[14 + ihl + 3] & 0xff));
        }
        // the original capture's checksums are right: recomputing them changes nothing but the port's share
        byte[] orig = pcapFrame(PCAPS.resolve("udp-exchange.pcap"), 0);
        byte[] same = checksums(orig.clone());
        assertEquals(java.util.Arrays.toString(orig), java.util.Arrays.toString(same));
    }
}
