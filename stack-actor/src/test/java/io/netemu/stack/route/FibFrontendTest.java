package io.netemu.stack.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.NetException;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.Scope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FibFrontend through NetNs: the routes Linux 6.x shows for addresses and device state changes. */
class FibFrontendTest {
    NetNs ns;
    NetDev eth0;
    NetDev eth1;

    static int ip(String s) { return Ipv4Address.parse(s); }

    /** A route as {@code ip route show table all} would name it, enough to compare. */
    static String show(Route r, NetNs ns) {
        StringBuilder b = new StringBuilder();
        if (r.type() != RouteType.UNICAST) {
            b.append(RouteType.name(r.type())).append(' ');
        }
        b.append(r.prefixLen() == 0 ? "default" : Ipv4Address.format(r.dst()) + (r.prefixLen() == 32 ? "" : "/" + r.prefixLen()));
        for (Nexthop nh : r.nexthops()) {
            b.append(nh.gateway() != 0 ? " via " + Ipv4Address.format(nh.gateway()) : "")
                    .append(" dev ").append(ns.devs().get(nh.ifindex()).name());
        }
        if (r.table() != RouteTable.MAIN) {
            b.append(" table ").append(RouteTable.name(r.table()));
        }
        if (r.protocol() != RouteProtocol.BOOT) {
            b.append(" proto ").append(RouteProtocol.name(r.protocol()));
        }
        if (r.scope() != 0) {
            b.append(" scope ").append(Scope.name(r.scope()));
        }
        if (r.prefSrc() != 0) {
            b.append(" src ").append(Ipv4Address.format(r.prefSrc()));
        }
        return b.toString();
    }

    List<String> all() {
        List<String> out = new ArrayList<>();
        for (int t : ns.fib().tableIds()) {
            for (Route r : ns.fib().table(t)) {
                out.add(show(r, ns));
            }
        }
        return out;
    }

    InetAddr addr(NetDev d, String cidr) throws NetException {
        String[] p = cidr.split("/");
        return ns.addrAdd(new InetAddr(d.ifindex(), ip(p[0]), Integer.parseInt(p[1]), 0, Scope.UNIVERSE, d.name(), false));
    }

    @BeforeEach
    void setUp() {
        ns = new NetNs("h1");
        eth0 = ns.addDevice("eth0", DevKind.VETH, 0x02_00_00_00_00_01L, 1500);
        eth1 = ns.addDevice("eth1", DevKind.VETH, 0x02_00_00_00_00_02L, 1500);
        ns.linkSetUp(eth0, true);
        ns.linkSetUp(eth1, true);
    }

    static final List<String> LO = List.of(
            "local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1",
            "local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1",
            "broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1");

    @Test
    void aFreshNamespaceHasTheLoopbackRoutes() {
        assertEquals(LO, all());
    }

    @Test
    void anAddressBringsItsPrefixLocalAndBroadcastRoutes() throws NetException {
        addr(eth0, "10.0.1.2/24");
        List<String> want = new ArrayList<>(List.of(
                "10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.2",
                "local 10.0.1.2 dev eth0 table local proto kernel scope host src 10.0.1.2",
                "broadcast 10.0.1.255 dev eth0 table local proto kernel scope link src 10.0.1.2"));
        want.add(3, LO.get(0));
        assertEquals(List.of(want.get(0), want.get(1), want.get(2), LO.get(0), LO.get(1), LO.get(2)), all());
    }

    @Test
    void slash32AndSlash31HaveNoPrefixOrBroadcastRouteAsDue() throws NetException {
        addr(eth0, "10.0.1.2/32");
        addr(eth1, "10.0.2.0/31");
        assertEquals(List.of(
                "10.0.2.0/31 dev eth1 proto kernel scope link src 10.0.2.0",
                "local 10.0.1.2 dev eth0 table local proto kernel scope host src 10.0.1.2",
                "local 10.0.2.0 dev eth1 table local proto kernel scope host src 10.0.2.0",
                LO.get(0), LO.get(1), LO.get(2)), all());
    }

    @Test
    void aSecondaryGetsOnlyALocalRouteSourcedFromThePrimary() throws NetException {
        addr(eth0, "10.0.1.2/24");
        InetAddr sec = addr(eth0, "10.0.1.3/24");
        assertTrue(sec.secondary());
        assertTrue(all().contains("local 10.0.1.3 dev eth0 table local proto kernel scope host src 10.0.1.2"));
        assertEquals(7, all().size());
        ns.addrDel(sec);
        assertEquals(6, all().size());
        assertTrue(all().contains("broadcast 10.0.1.255 dev eth0 table local proto kernel scope link src 10.0.1.2"));
    }

    @Test
    void adminDownRemovesKernelAndStaticRoutesButNotLocalOnesAndUpRestoresKernelOnes() throws NetException {
        addr(eth0, "10.0.1.2/24");
        ns.fib().add(Route.via(ip("10.0.9.0"), 24, ip("10.0.1.1"), eth0.ifindex()));
        ns.linkSetUp(eth0, false);
        assertEquals(List.of("local 10.0.1.2 dev eth0 table local proto kernel scope host src 10.0.1.2",
                LO.get(0), LO.get(1), LO.get(2)), all());
        assertNull(ns.fib().lookup(ip("10.0.9.1"), 0));
        ns.linkSetUp(eth0, true);
        assertEquals(6, all().size());
        assertNull(ns.fib().lookup(ip("10.0.9.1"), 0), "static routes do not come back");
    }

    @Test
    void carrierLossKeepsRoutes() throws NetException {
        addr(eth0, "10.0.1.2/24");
        ns.carrierChanged(eth0.ifindex(), false);
        assertEquals(6, all().size());
        assertEquals(eth0.ifindex(), ns.fib().lookup(ip("10.0.1.9"), 0).ifindex());
    }

    @Test
    void multipathLosesOnlyTheDownDevicesNexthopThenAll() throws NetException {
        addr(eth0, "10.0.1.2/24");
        addr(eth1, "10.0.2.2/24");
        Route mp = new Route(RouteTable.MAIN, RouteType.UNICAST, ip("10.9.0.0"), 16, 0, RouteProtocol.STATIC, 0, 0, 0,
                List.of(Nexthop.via(ip("10.0.1.1"), eth0.ifindex()), Nexthop.via(ip("10.0.2.1"), eth1.ifindex())));
        ns.fib().add(mp);
        ns.linkSetUp(eth1, false);
        assertEquals(List.of("10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.2",
                "10.9.0.0/16 via 10.0.1.1 dev eth0 via 10.0.2.1 dev eth1 proto static"),
                ns.fib().table(RouteTable.MAIN).stream().map(r -> show(r, ns)).toList());
        assertTrue(ns.fib().nexthopDead(mp, 1));
        for (int h = 0; h < 100; h++) {
            assertEquals(eth0.ifindex(), ns.fib().lookup(ip("10.9.1.1"), h * 20_000_000).ifindex());
        }
        ns.linkSetUp(eth1, true);
        assertTrue(!ns.fib().nexthopDead(mp, 1));
        ns.linkSetUp(eth0, false);
        ns.linkSetUp(eth1, false);
        assertTrue(ns.fib().table(RouteTable.MAIN).isEmpty());
    }

    @Test
    void deletingTheAddressRemovesItsRoutesAndRoutesUsingItAsSource() throws NetException {
        InetAddr a = addr(eth0, "10.0.1.2/24");
        addr(eth1, "10.0.2.2/24");
        ns.fib().add(new Route(RouteTable.MAIN, RouteType.UNICAST, ip("10.0.9.0"), 24, 0, RouteProtocol.BOOT, 0,
                ip("10.0.1.2"), 0, List.of(Nexthop.via(ip("10.0.2.1"), eth1.ifindex()))));
        ns.addrDel(a);
        assertEquals(List.of("10.0.2.0/24 dev eth1 proto kernel scope link src 10.0.2.2",
                "local 10.0.2.2 dev eth1 table local proto kernel scope host src 10.0.2.2",
                "broadcast 10.0.2.255 dev eth1 table local proto kernel scope link src 10.0.2.2",
                LO.get(0), LO.get(1), LO.get(2)), all());
    }

    @Test
    void theLastAddressGoneTakesStaticRoutesViaTheDevice() throws NetException {
        InetAddr a = addr(eth0, "10.0.1.2/24");
        InetAddr b = addr(eth0, "192.168.0.1/24");
        ns.fib().add(Route.via(ip("10.0.9.0"), 24, ip("10.0.1.1"), eth0.ifindex()));
        ns.addrDel(b);
        assertEquals(eth0.ifindex(), ns.fib().lookup(ip("10.0.9.1"), 0).ifindex());
        ns.addrDel(a);
        assertEquals(LO, all());
    }

    @Test
    void deletingTheDeviceFlushesEverything() throws NetException {
        addr(eth0, "10.0.1.2/24");
        ns.fib().add(Route.via(ip("10.0.9.0"), 24, ip("10.0.1.1"), eth0.ifindex()));
        ns.linkDelete(eth0);
        assertEquals(LO, all());
    }
}
