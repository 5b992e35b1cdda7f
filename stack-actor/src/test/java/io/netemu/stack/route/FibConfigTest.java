package io.netemu.stack.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.NetException;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.Scope;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** fib_create_info's checks and gateway resolution, and output route resolution (ip_route_output_key). */
class FibConfigTest {
    NetNs ns;
    NetDev eth0;
    NetDev eth1;

    static int ip(String s) { return Ipv4Address.parse(s); }

    @BeforeEach
    void setUp() throws NetException {
        ns = new NetNs("h1");
        eth0 = ns.addDevice("eth0", DevKind.VETH, 0x02_00_00_00_00_01L, 1500);
        eth1 = ns.addDevice("eth1", DevKind.VETH, 0x02_00_00_00_00_02L, 1500);
        ns.linkSetUp(eth0, true);
        ns.addrAdd(new InetAddr(eth0.ifindex(), ip("10.0.1.2"), 24, 0, Scope.UNIVERSE, "eth0", false));
    }

    FibConfig cfg(String prefix, int scope, int oif, String gw, boolean onlink) {
        String[] p = prefix.split("/");
        return new FibConfig(0, RouteType.UNICAST, ip(p[0]), Integer.parseInt(p[1]), 0, RouteProtocol.BOOT, scope, 0, 0,
                oif, gw == null ? 0 : ip(gw), onlink, List.of());
    }

    String error(FibConfig c) {
        return assertThrows(NetException.class, () -> c.toRoute(ns.fib(), ns.devs())).getMessage();
    }

    @Test
    void viaWithoutDevFindsTheDeviceOfTheConnectedRoute() throws NetException {
        Route r = cfg("10.0.2.0/24", 0, 0, "10.0.1.1", false).toRoute(ns.fib(), ns.devs());
        assertEquals(List.of(Nexthop.via(ip("10.0.1.1"), eth0.ifindex())), r.nexthops());
        assertEquals(RouteTable.MAIN, r.table());
    }

    @Test
    void aGatewayOffTheConnectedSubnetsIsInvalid() throws NetException {
        assertEquals("Error: Nexthop has invalid gateway.", error(cfg("10.0.2.0/24", 0, 0, "10.0.3.1", false)));
        assertEquals("Error: Nexthop has invalid gateway.", error(cfg("10.0.2.0/24", 0, eth1.ifindex(), "10.0.1.1", false)));
        ns.fib().add(cfg("10.0.3.0/24", 0, 0, "10.0.1.1", false).toRoute(ns.fib(), ns.devs()));
        assertEquals("Error: Nexthop has invalid gateway.", error(cfg("10.0.4.0/24", 0, 0, "10.0.3.1", false)),
                "a gateway behind a gateway is not on link");
    }

    @Test
    void deviceRoutesNeedAnUpDevice() {
        assertEquals("Error: Device for nexthop is not up.", error(cfg("10.0.2.0/24", Scope.LINK, eth1.ifindex(), null, false)));
        assertEquals("RTNETLINK answers: No such device", error(cfg("10.0.2.0/24", Scope.LINK, 0, null, false)));
    }

    @Test
    void onlinkTrustsTheDeviceButNotALocalGateway() throws NetException {
        assertEquals("Error: Nexthop device is not up.", error(cfg("10.0.2.0/24", 0, eth1.ifindex(), "192.0.2.1", true)));
        assertEquals("Error: Nexthop device required for onlink.", error(cfg("10.0.2.0/24", 0, 0, "192.0.2.1", true)));
        assertEquals("Error: Nexthop has invalid gateway.", error(cfg("10.0.2.0/24", 0, eth0.ifindex(), "10.0.1.2", true)));
        Route r = cfg("10.0.2.0/24", 0, eth0.ifindex(), "192.0.2.1", true).toRoute(ns.fib(), ns.devs());
        assertEquals(new Nexthop(ip("192.0.2.1"), eth0.ifindex(), 1, true), r.nexthop());
    }

    @Test
    void rejectTypesTakeNoNexthopAndPrefsrcMustBeLocal() {
        FibConfig bh = new FibConfig(0, RouteType.BLACKHOLE, ip("10.5.0.0"), 16, 0, RouteProtocol.BOOT, 0, 0, 0,
                eth0.ifindex(), 0, false, List.of());
        assertEquals("Error: Gateway, device and multipath can not be specified for this route type.", error(bh));
        FibConfig src = new FibConfig(0, RouteType.UNICAST, ip("10.5.0.0"), 16, 0, RouteProtocol.BOOT, 0, ip("10.0.1.9"), 0,
                0, ip("10.0.1.1"), false, List.of());
        assertEquals("Error: Invalid prefsrc address.", error(src));
        assertEquals("Error: Invalid prefix for given prefix length.", error(cfg("10.0.2.1/24", 0, 0, "10.0.1.1", false)));
    }

    @Test
    void outputRoutesChooseTheSourceAndKnowLocalDestinations() throws NetException {
        ns.fib().add(cfg("0.0.0.0/0", 0, 0, "10.0.1.1", false).toRoute(ns.fib(), ns.devs()));
        RouteOutput.Rt rt = RouteOutput.resolve(ns.fib(), ns.devs(), ns.addrs(), ip("8.8.8.8"), 0, 0, 0, 0);
        assertEquals(ip("10.0.1.1"), rt.gateway());
        assertEquals(ip("10.0.1.2"), rt.src());
        assertEquals(eth0.ifindex(), rt.oif());
        RouteOutput.Rt local = RouteOutput.resolve(ns.fib(), ns.devs(), ns.addrs(), ip("10.0.1.2"), 0, 0, 0, 0);
        assertEquals(RouteType.LOCAL, local.type());
        assertEquals(1, local.oif());
        assertEquals(RouteTable.LOCAL, local.table());
        NetException e = assertThrows(NetException.class,
                () -> RouteOutput.resolve(ns.fib(), ns.devs(), ns.addrs(), ip("8.8.8.8"), ip("1.2.3.4"), 0, 0, 0));
        assertEquals("RTNETLINK answers: Invalid argument", e.getMessage());
    }
}
