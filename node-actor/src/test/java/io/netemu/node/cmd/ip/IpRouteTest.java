package io.netemu.node.cmd.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.node.cmd.CommandResult;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.NetException;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.Scope;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ip route} show/add/del/replace/flush: iproute2's exact text, errors and exit statuses. */
class IpRouteTest {
    static final String LOCAL_LO = "local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1 \n"
            + "local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1 \n"
            + "broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1 \n";
    static final String CONNECTED = "10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.2 \n";

    NetNs ns;
    NetDev eth0;
    NetDev eth1;

    static NetDev up(NetNs ns, String name, long mac) {
        NetDev d = ns.addDevice(name, DevKind.VETH, mac, 1500);
        ns.linkSetUp(d, true);
        ns.carrierChanged(d.ifindex(), true);
        return d;
    }

    static void addr(NetNs ns, NetDev d, String a, int len) throws NetException {
        ns.addrAdd(new InetAddr(d.ifindex(), Ipv4Address.parse(a), len, 0, Scope.UNIVERSE, d.name(), false));
    }

    static CommandResult ip(NetNs ns, IpOptions o, String line) {
        return new IpRoute().run(o, Arrays.asList(line.isEmpty() ? new String[0] : line.split(" ")), ns);
    }

    CommandResult ip(String line) { return ip(ns, IpOptions.DEFAULT, line); }

    String ok(String line) {
        CommandResult r = ip(line);
        assertEquals("", r.stderr(), line);
        assertEquals(0, r.exit(), line);
        return r.stdout();
    }

    void fails(String line, int exit, String stderr) {
        CommandResult r = ip(line);
        assertEquals(stderr, r.stderr(), line);
        assertEquals(exit, r.exit(), line);
        assertEquals("", r.stdout(), line);
    }

    @BeforeEach
    void setUp() throws NetException {
        ns = new NetNs("h1");
        eth0 = up(ns, "eth0", 0x0200_0000_0001L);
        eth1 = up(ns, "eth1", 0x0200_0000_0002L);
        addr(ns, eth0, "10.0.1.2", 24);
    }

    @Test
    void showsTheConnectedRouteWithTrailingSpaces() {
        assertEquals(CONNECTED, ok(""));
        assertEquals(CONNECTED, ok("show"));
        assertEquals(CONNECTED, ok("list table main"));
    }

    @Test
    void defaultRouteAndStaticRoutesPrintWithoutProtoBoot() {
        ok("add default via 10.0.1.1");
        ok("add 10.0.2.0/24 via 10.0.1.1 dev eth0");
        ok("add 10.0.3.0/24 dev eth0 metric 100");
        assertEquals("default via 10.0.1.1 dev eth0 \n" + CONNECTED + "10.0.2.0/24 via 10.0.1.1 dev eth0 \n"
                + "10.0.3.0/24 dev eth0 scope link metric 100 \n", ok("show"));
    }

    @Test
    void routesViaADeviceWithoutCarrierSayLinkdown() {
        ok("add 10.0.2.0/24 via 10.0.1.1");
        ns.carrierChanged(eth0.ifindex(), false);
        assertEquals("10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.2 linkdown \n"
                + "10.0.2.0/24 via 10.0.1.1 dev eth0 linkdown \n", ok("show"));
    }

    @Test
    void multipathPrintsOneNexthopALine() throws NetException {
        addr(ns, eth1, "10.0.2.2", 24);
        ok("add 10.9.0.0/16 proto static nexthop via 10.0.1.1 dev eth0 weight 1 nexthop via 10.0.2.1 weight 2");
        assertEquals("10.9.0.0/16 proto static \n\tnexthop via 10.0.1.1 dev eth0 weight 1 \n"
                + "\tnexthop via 10.0.2.1 dev eth1 weight 2 \n", ok("show 10.9.0.0/16"));
        ns.linkSetUp(eth1, false);
        assertEquals("10.9.0.0/16 proto static \n\tnexthop via 10.0.1.1 dev eth0 weight 1 \n"
                + "\tnexthop via 10.0.2.1 dev eth1 weight 2 dead linkdown \n", ok("show 10.9.0.0/16"));
    }

    @Test
    void localTableAndTableAll() {
        assertEquals("local 10.0.1.2 dev eth0 proto kernel scope host src 10.0.1.2 \n"
                + "broadcast 10.0.1.255 dev eth0 proto kernel scope link src 10.0.1.2 \n" + LOCAL_LO, ok("show table local"));
        assertEquals(CONNECTED + "local 10.0.1.2 dev eth0 table local proto kernel scope host src 10.0.1.2 \n"
                + "broadcast 10.0.1.255 dev eth0 table local proto kernel scope link src 10.0.1.2 \n"
                + LOCAL_LO.replace(" dev lo ", " dev lo table local "), ok("show table all"));
        assertEquals("local 10.0.1.2 dev eth0 proto kernel scope host src 10.0.1.2 \n"
                + "local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1 \n"
                + "local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1 \n", ok("show table local type local"));
    }

    @Test
    void filtersLeaveOutWhatTheyFix() {
        ok("add default via 10.0.1.1");
        assertEquals("default via 10.0.1.1 \n10.0.1.0/24 proto kernel scope link src 10.0.1.2 \n", ok("show dev eth0"));
        assertEquals("10.0.1.0/24 dev eth0 scope link src 10.0.1.2 \n", ok("show proto kernel"));
        assertEquals("default via 10.0.1.1 dev eth0 \n", ok("show default"));
        assertEquals("default via 10.0.1.1 dev eth0 \n" + CONNECTED, ok("show root 0.0.0.0/0"));
        assertEquals("default via 10.0.1.1 dev eth0 \n" + CONNECTED, ok("show match 10.0.1.7"));
        assertEquals("", ok("show 10.0.1.7"));
    }

    @Test
    void abbreviations() {
        ok("a 10.0.2.0/24 via 10.0.1.1");
        assertEquals(CONNECTED + "10.0.2.0/24 via 10.0.1.1 dev eth0 \n", ok("s"));
        assertEquals(ok("s"), ok("sh"));
        assertEquals(ok("s"), ok("ls"));
        assertEquals(ok("s"), ok("lst"));
        ok("repl 10.0.2.0/24 dev eth0");
        assertEquals(CONNECTED + "10.0.2.0/24 dev eth0 scope link \n", ok("l"));
        ok("d 10.0.2.0/24");
        assertEquals(CONNECTED, ok("list"));
        ok("a 10.0.2.0/24 via 10.0.1.1");
        ok("del 10.0.2.0/24 via 10.0.1.1");
        ok("a 10.0.2.0/24 via 10.0.1.1");
        ok("delete 10.0.2.0/24 dev eth0");
        assertEquals(CONNECTED, ok(""));
    }

    @Test
    void kernelRefusalsExitTwo() {
        fails("add 10.0.2.0/24 via 10.0.9.1", 2, "Error: Nexthop has invalid gateway.\n");
        fails("add 10.0.2.0/24 dev eth1 via 10.0.1.1", 2, "Error: Nexthop has invalid gateway.\n");
        ns.linkSetUp(eth1, false);
        fails("add 10.0.2.0/24 dev eth1", 2, "Error: Device for nexthop is not up.\n");
        ok("add 10.0.2.0/24 via 10.0.1.1");
        fails("add 10.0.2.0/24 via 10.0.1.3", 2, "RTNETLINK answers: File exists\n");
        fails("del 10.0.5.0/24", 2, "RTNETLINK answers: No such process\n");
        fails("del 10.0.2.0/24 via 10.0.1.3", 2, "RTNETLINK answers: No such process\n");
        fails("change 10.0.7.0/24 via 10.0.1.1", 2, "RTNETLINK answers: No such file or directory\n");
        fails("add 10.0.2.1/24 via 10.0.1.1", 2, "Error: Invalid prefix for given prefix length.\n");
        fails("add 10.0.8.0/24 via 10.0.1.1 src 10.9.9.9", 2, "Error: Invalid prefsrc address.\n");
        fails("show table 100", 2, "Error: ipv4: FIB table does not exist.\nDump terminated\n");
    }

    @Test
    void parseErrorsUseIproute2sWordsAndStatuses() {
        fails("add 10.0.2.0/24 dev eth9", 1, "Cannot find device \"eth9\"\n");
        fails("show dev eth9", 1, "Cannot find device \"eth9\"\n");
        fails("add 10.0.0.300/24 via 10.0.1.1", 1, "Error: any valid prefix is expected rather than \"10.0.0.300/24\".\n");
        fails("add foo dev eth0", 1, "Error: any valid prefix is expected rather than \"foo\".\n");
        fails("add x dev eth0", 1, "Error: any valid prefix is expected rather than \"dev\".\n");
        fails("show x", 1, "Error: any valid prefix is expected rather than \"x\".\n");
        fails("add 10.0.2.0/24 via 10.0.1.300", 1, "Error: inet address is expected rather than \"10.0.1.300\".\n");
        CommandResult r = ip(ns, new IpOptions(true, false, 0, false, false, false, false, false), "add 10.0.0.300 dev eth0");
        assertEquals("Error: inet prefix is expected rather than \"10.0.0.300\".\n", r.stderr());
        fails("foo", 255, "Command \"foo\" is unknown, try \"ip route help\".\n");
        fails("add 10.0.2.0/24 via", 255, "Command line is not complete. Try option \"help\"\n");
        fails("add 10.0.2.0/24 via 10.0.1.1 via 10.0.1.2", 255,
                "Error: argument \"via\" is wrong: use nexthop syntax to specify multiple via\n\n");
        fails("add 10.0.2.0/24 10.0.3.0/24", 255, "Error: either \"to\" is duplicate, or \"10.0.3.0/24\" is a garbage.\n");
        fails("flush", 1, "\"ip route flush\" requires arguments.\n");
        assertEquals(255, ip("help").exit());
    }

    @Test
    void iproute2sLenientAddressesAndTypes() {
        ok("add 10/8 via 10.0.1.1 table 100");
        ok("add unreachable 192.168.0.0/16");
        ok("add blackhole 172.16.0.0/12 proto static");
        ok("add prohibit 198.51.100.0/24 metric 0x10");
        assertEquals("10.0.0.0/8 via 10.0.1.1 dev eth0 \n", ok("show table 100"));
        assertEquals(CONNECTED + "blackhole 172.16.0.0/12 proto static \nunreachable 192.168.0.0/16 \n"
                + "prohibit 198.51.100.0/24 metric 16 \n", ok("show"));
        assertEquals("10.0.0.0/8 via 10.0.1.1 dev eth0 table 100 \n" + CONNECTED
                + "local 10.0.1.2 dev eth0 table local proto kernel scope host src 10.0.1.2 \n"
                + "broadcast 10.0.1.255 dev eth0 table local proto kernel scope link src 10.0.1.2 \n",
                ok("show table all root 10/8"));
    }

    @Test
    void flushRemovesWhatMatchesAndCountsWithStats() {
        ok("add default via 10.0.1.1");
        ok("add 10.0.2.0/24 via 10.0.1.1");
        CommandResult r = ip(ns, new IpOptions(false, false, 1, false, false, false, false, false), "flush dev eth0");
        assertEquals("\n*** Round 1, deleting 3 entries ***\n*** Flush is complete after 1 round ***\n", r.stdout());
        assertEquals("", ok("show"));
        r = ip(ns, new IpOptions(false, false, 1, false, false, false, false, false), "flush table main");
        assertEquals("Nothing to flush.\n", r.stdout());
        assertEquals("", ok("flush cache"));
    }

    @Test
    void detailsShowTypeProtoAndScopeAlways() {
        ok("add 10.0.2.0/24 via 10.0.1.1");
        CommandResult r = ip(ns, new IpOptions(false, false, 0, true, false, false, false, false), "show");
        assertEquals("unicast 10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.2 \n"
                + "unicast 10.0.2.0/24 via 10.0.1.1 dev eth0 proto boot scope global \n", r.stdout());
    }

    @Test
    void appendAndPrependKeepBothRoutes() {
        ok("add 10.0.2.0/24 via 10.0.1.1");
        ok("append 10.0.2.0/24 via 10.0.1.3");
        ok("prepend 10.0.2.0/24 via 10.0.1.4");
        assertEquals(CONNECTED + "10.0.2.0/24 via 10.0.1.4 dev eth0 \n10.0.2.0/24 via 10.0.1.1 dev eth0 \n"
                + "10.0.2.0/24 via 10.0.1.3 dev eth0 \n", ok("show"));
        fails("append 10.0.2.0/24 via 10.0.1.3", 2, "RTNETLINK answers: File exists\n");
    }

    @Test
    void onlinkGatewayOffSubnet() {
        ok("add 10.0.2.0/24 via 192.0.2.1 dev eth0 onlink");
        assertEquals(CONNECTED + "10.0.2.0/24 via 192.0.2.1 dev eth0 onlink \n", ok("show"));
    }
}
