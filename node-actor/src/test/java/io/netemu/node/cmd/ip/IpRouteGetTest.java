package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.ip.IpRouteTest.addr;
import static io.netemu.node.cmd.ip.IpRouteTest.up;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetException;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ip route get} and {@code ip -j route}: iproute2's exact output. */
class IpRouteGetTest {
    static final IpOptions JSON = new IpOptions(false, false, 0, false, true, false, false, false);
    static final IpOptions PRETTY = new IpOptions(false, false, 0, false, true, true, false, false);

    NetNs ns;
    NetDev eth0;
    NetDev eth1;

    CommandResult ip(IpOptions o, String line) { return IpRouteTest.ip(ns, o, line); }

    String ok(String line) { return ok(IpOptions.DEFAULT, line); }

    String ok(IpOptions o, String line) {
        CommandResult r = ip(o, line);
        assertEquals("", r.stderr(), line);
        assertEquals(0, r.exit(), line);
        return r.stdout();
    }

    void fails(String line, String stderr) {
        CommandResult r = ip(IpOptions.DEFAULT, line);
        assertEquals(stderr, r.stderr(), line);
        assertEquals(2, r.exit(), line);
    }

    @BeforeEach
    void setUp() throws NetException {
        ns = new NetNs("h1");
        eth0 = up(ns, "eth0", 0x0200_0000_0001L);
        eth1 = up(ns, "eth1", 0x0200_0000_0002L);
        addr(ns, eth0, "10.0.1.2", 24);
    }

    @Test
    void viaTheDefaultRoute() {
        fails("get 8.8.8.8", "RTNETLINK answers: Network is unreachable\n");
        ok("add default via 10.0.1.1");
        assertEquals("8.8.8.8 via 10.0.1.1 dev eth0 src 10.0.1.2 uid 0 \n    cache \n", ok("get 8.8.8.8"));
        assertEquals("8.8.8.8 via 10.0.1.1 dev eth0 src 10.0.1.2 uid 0 \n    cache \n", ok("g to 8.8.8.8"));
        assertEquals("8.8.8.8 from 10.0.1.2 via 10.0.1.1 dev eth0 uid 0 \n    cache \n", ok("get 8.8.8.8 from 10.0.1.2"));
        assertEquals("default via 10.0.1.1 dev eth0 \n", ok("get fibmatch 8.8.8.8"));
        fails("get 8.8.8.8 from 1.2.3.4", "RTNETLINK answers: Invalid argument\n");
    }

    @Test
    void onLinkLocalAndBroadcast() {
        assertEquals("10.0.1.5 dev eth0 src 10.0.1.2 uid 0 \n    cache \n", ok("get 10.0.1.5"));
        assertEquals("local 10.0.1.2 dev lo table local src 10.0.1.2 uid 0 \n    cache <local> \n", ok("get 10.0.1.2"));
        assertEquals("local 127.0.0.1 dev lo table local src 127.0.0.1 uid 0 \n    cache <local> \n", ok("get 127.0.0.1"));
        assertEquals("broadcast 10.0.1.255 dev eth0 table local src 10.0.1.2 uid 0 \n    cache <local,brd> \n",
                ok("get 10.0.1.255"));
    }

    @Test
    void anOifWithoutARouteAssumesTheDestinationOnLink() {
        assertEquals("8.8.8.8 dev eth1 src 10.0.1.2 uid 0 \n    cache \n", ok("get 8.8.8.8 oif eth1"));
    }

    @Test
    void rejectRoutesAnswerWithTheirErrors() {
        ok("add unreachable 10.5.0.0/16");
        ok("add prohibit 10.6.0.0/16");
        ok("add blackhole 10.7.0.0/16");
        fails("get 10.5.0.1", "RTNETLINK answers: No route to host\n");
        fails("get 10.6.0.1", "RTNETLINK answers: Permission denied\n");
        fails("get 10.7.0.1", "RTNETLINK answers: Invalid argument\n");
    }

    @Test
    void aPrefixIsWarnedAbout() {
        CommandResult r = ip(IpOptions.DEFAULT, "get 10.0.1.0/24");
        assertEquals("Warning: /24 as prefix is invalid, only /32 (or none) is supported.\n", r.stderr());
        assertEquals("10.0.1.0 dev eth0 src 10.0.1.2 uid 0 \n    cache \n", r.stdout());
        assertEquals(1, ip(IpOptions.DEFAULT, "get").exit());
    }

    @Test
    void forwardedInputRoute() throws NetException {
        addr(ns, eth1, "10.0.3.2", 24);
        fails("get 10.0.3.9 from 10.0.1.5 iif eth0", "RTNETLINK answers: No route to host\n");
        ns.sysctl().set("net.ipv4.ip_forward", "1");
        assertEquals("10.0.3.9 from 10.0.1.5 dev eth1 \n    cache iif eth0 \n", ok("get 10.0.3.9 from 10.0.1.5 iif eth0"));
        assertEquals("local 10.0.3.2 from 10.0.1.5 dev lo table local \n    cache <local> iif eth0 \n",
                ok("get 10.0.3.2 from 10.0.1.5 iif eth0"));
    }

    @Test
    void multipathGetIsStablePerFlow() throws NetException {
        addr(ns, eth1, "10.0.2.2", 24);
        ok("add 10.9.0.0/16 nexthop via 10.0.1.1 nexthop via 10.0.2.1");
        String first = ok("get 10.9.0.1");
        for (int i = 0; i < 10; i++) {
            assertEquals(first, ok("get 10.9.0.1"));
        }
    }

    @Test
    void jsonShowAndGet() throws NetException {
        ok("add default via 10.0.1.1");
        assertEquals("[{\"dst\":\"default\",\"gateway\":\"10.0.1.1\",\"dev\":\"eth0\",\"flags\":[]},"
                + "{\"dst\":\"10.0.1.0/24\",\"dev\":\"eth0\",\"protocol\":\"kernel\",\"scope\":\"link\","
                + "\"prefsrc\":\"10.0.1.2\",\"flags\":[]}]\n", ok(JSON, "show"));
        assertEquals("[{\"dst\":\"8.8.8.8\",\"gateway\":\"10.0.1.1\",\"dev\":\"eth0\",\"prefsrc\":\"10.0.1.2\","
                + "\"flags\":[],\"uid\":0,\"cache\":[]}]\n", ok(JSON, "get 8.8.8.8"));
        assertEquals("[{\"type\":\"local\",\"dst\":\"10.0.1.2\",\"dev\":\"lo\",\"table\":\"local\",\"prefsrc\":\"10.0.1.2\","
                + "\"flags\":[],\"uid\":0,\"cache\":[\"local\"]}]\n", ok(JSON, "get 10.0.1.2"));
        assertEquals("[]\n", ok(JSON, "show table main proto static"));
        addr(ns, eth1, "10.0.2.2", 24);
        ok("add 10.9.0.0/16 nexthop via 10.0.1.1 weight 3 nexthop via 10.0.2.1");
        assertEquals("[{\"dst\":\"10.9.0.0/16\",\"flags\":[],\"nexthops\":[{\"gateway\":\"10.0.1.1\",\"dev\":\"eth0\","
                + "\"weight\":3,\"flags\":[]},{\"gateway\":\"10.0.2.1\",\"dev\":\"eth1\",\"weight\":1,\"flags\":[]}]}]\n",
                ok(JSON, "show 10.9.0.0/16"));
    }

    @Test
    void prettyJsonNestsNexthopsAndCache() throws NetException {
        addr(ns, eth1, "10.0.2.2", 24);
        ok("add 10.9.0.0/16 nexthop via 10.0.1.1 weight 3 nexthop via 10.0.2.1");
        assertEquals("""
                [ {
                        "dst": "10.9.0.0/16",
                        "flags": [ ],
                        "nexthops": [ {
                                "gateway": "10.0.1.1",
                                "dev": "eth0",
                                "weight": 3,
                                "flags": [ ]
                            },{
                                "gateway": "10.0.2.1",
                                "dev": "eth1",
                                "weight": 1,
                                "flags": [ ]
                            } ]
                    } ]
                """, ok(PRETTY, "show 10.9.0.0/16"));
        assertEquals("""
                [ {
                        "type": "local",
                        "dst": "10.0.1.2",
                        "dev": "lo",
                        "table": "local",
                        "prefsrc": "10.0.1.2",
                        "flags": [ ],
                        "uid": 0,
                        "cache": [ "local" ]
                    } ]
                """, ok(PRETTY, "get 10.0.1.2"));
    }

    @Test
    void jsonDetails() {
        ok("add 10.8.0.0/16 dev eth0 metric 5 table 100 proto static");
        IpOptions details = new IpOptions(false, false, 0, true, true, false, false, false);
        assertEquals("[{\"type\":\"unicast\",\"dst\":\"10.8.0.0/16\",\"dev\":\"eth0\",\"table\":\"100\","
                + "\"protocol\":\"static\",\"scope\":\"link\",\"metric\":5,\"flags\":[]}]\n",
                ok(details, "show table all 10.8.0.0/16"));
    }

    /** As netemu has always written it, and as iproute2 6.1 does: {@code '} as is. */
    @Test
    void jsonLeavesAnApostropheInADeviceName() throws NetException {
        NetDev q = up(ns, "q'x", 0x0200_0000_0003L);
        addr(ns, q, "10.0.3.2", 24);
        assertEquals("[{\"dst\":\"10.0.3.0/24\",\"dev\":\"q'x\",\"protocol\":\"kernel\",\"scope\":\"link\","
                + "\"prefsrc\":\"10.0.3.2\",\"flags\":[]}]\n", ok(JSON, "show 10.0.3.0/24"));
    }

    @Test
    void prettyJsonIndentsAsJsonWriter() {
        ok("add default via 10.0.1.1");
        assertEquals("""
                [ {
                        "dst": "default",
                        "gateway": "10.0.1.1",
                        "dev": "eth0",
                        "flags": [ ]
                    } ]
                """, ok(PRETTY, "show default"));
        assertEquals("[ ]\n", ok(PRETTY, "show 10.99.0.0/16"));
    }
}
