package io.netemu.node.cmd.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import io.netemu.stack.bridge.Bridge;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bridge} output and errors, byte for byte as iproute2 6.1 printed them on Linux 6.18 for
 * the same lab: br0 (02:..:b0) with ports p1 (02:..:11) and p2 (02:..:12), veths whose peers are
 * ifindex 2 and 3 in another namespace, IPv6 disabled.
 */
class BridgeCommandTest {
    static final long S = 1_000_000_000L;

    final NetNs ns = new NetNs("a");
    long now;
    final BridgeCommand bridge = new BridgeCommand(() -> now);
    NetDev br0;
    NetDev p1;
    NetDev p2;

    @BeforeEach
    void lab() {
        br0 = ns.addDevice("br0", DevKind.BRIDGE, 0x02_00_00_00_00_b0L, 1500);
        p1 = ns.addDevice("p1", DevKind.VETH, 0x02_00_00_00_00_11L, 1500);
        p2 = ns.addDevice("p2", DevKind.VETH, 0x02_00_00_00_00_12L, 1500);
        p1.setPeer(2, "b");
        p2.setPeer(3, "b");
        ns.linkSetMaster(p1, br0);
        ns.linkSetMaster(p2, br0);
    }

    void upAndLearn() {
        for (NetDev d : List.of(br0, p1, p2)) {
            ns.linkSetUp(d, true);
            ns.carrierChanged(d.ifindex(), true);
        }
        Bridge b = ns.bridge(br0.ifindex());
        b.learn(p1.ifindex(), 0x02_00_00_00_00_0aL, 0);
        b.learn(p1.ifindex(), 0x02_00_00_00_00_0bL, 0);
        b.learn(p2.ifindex(), 0x02_00_00_00_00_0cL, 0);
    }

    CommandResult run(String line) {
        List<String> argv = new ArrayList<>(List.of("bridge"));
        argv.addAll(Arrays.asList(line.split(" ")));
        return bridge.run(argv, ns);
    }

    String out(String line) {
        CommandResult r = run(line);
        assertEquals("", r.stderr());
        assertEquals(0, r.exit());
        return r.stdout();
    }

    void fails(String stderr, String line) {
        CommandResult r = run(line);
        assertEquals(stderr, r.stderr());
        assertEquals(255, r.exit());
    }

    @Test
    void fdbOfADownBridge() {
        assertEquals("""
                33:33:00:00:00:01 dev br0 self permanent
                02:00:00:00:00:b0 dev br0 master br0 permanent
                02:00:00:00:00:11 dev p1 master br0 permanent
                33:33:00:00:00:01 dev p1 self permanent
                02:00:00:00:00:12 dev p2 master br0 permanent
                33:33:00:00:00:01 dev p2 self permanent
                """, out("fdb show"));
    }

    @Test
    void fdbWithLearnedEntriesNewestFirst() {
        upAndLearn();
        assertEquals("""
                33:33:00:00:00:01 dev br0 self permanent
                01:00:5e:00:00:6a dev br0 self permanent
                33:33:00:00:00:6a dev br0 self permanent
                01:00:5e:00:00:01 dev br0 self permanent
                02:00:00:00:00:b0 dev br0 master br0 permanent
                02:00:00:00:00:0b dev p1 master br0\s
                02:00:00:00:00:0a dev p1 master br0\s
                02:00:00:00:00:11 dev p1 master br0 permanent
                33:33:00:00:00:01 dev p1 self permanent
                01:00:5e:00:00:01 dev p1 self permanent
                02:00:00:00:00:0c dev p2 master br0\s
                02:00:00:00:00:12 dev p2 master br0 permanent
                33:33:00:00:00:01 dev p2 self permanent
                01:00:5e:00:00:01 dev p2 self permanent
                """, out("fdb show"));
        assertEquals(out("fdb show"), out("fdb"));
        assertEquals(out("fdb show"), out("fdb show br br0"));
        assertEquals("""
                02:00:00:00:00:0c master br0\s
                02:00:00:00:00:12 master br0 permanent
                33:33:00:00:00:01 self permanent
                01:00:5e:00:00:01 self permanent
                """, out("fdb show br br0 brport p2"));
        assertEquals("""
                33:33:00:00:00:01 self permanent
                01:00:5e:00:00:6a self permanent
                33:33:00:00:00:6a self permanent
                01:00:5e:00:00:01 self permanent
                02:00:00:00:00:b0 master br0 permanent
                """, out("fdb show dev br0"));
        assertEquals("", out("fdb show br p1"));
        assertEquals("", out("fdb show vlan 1"));
        assertEquals("02:00:00:00:00:0b dev p1 master br0 \n02:00:00:00:00:0a dev p1 master br0 \n"
                + "02:00:00:00:00:0c dev p2 master br0 \n", out("fdb show dynamic"));
        assertEquals(11, out("fdb show state permanent").lines().count());
    }

    @Test
    void fdbJsonAndStatistics() {
        upAndLearn();
        assertEquals("[{\"mac\":\"02:00:00:00:00:0b\",\"flags\":[],\"master\":\"br0\",\"state\":\"\"},"
                + "{\"mac\":\"02:00:00:00:00:0a\",\"flags\":[],\"master\":\"br0\",\"state\":\"\"},"
                + "{\"mac\":\"02:00:00:00:00:11\",\"flags\":[],\"master\":\"br0\",\"state\":\"permanent\"},"
                + "{\"mac\":\"33:33:00:00:00:01\",\"flags\":[\"self\"],\"state\":\"permanent\"},"
                + "{\"mac\":\"01:00:5e:00:00:01\",\"flags\":[\"self\"],\"state\":\"permanent\"}]\n",
                out("-j fdb show br br0 brport p1"));
        assertEquals("[ ]\n", out("-j -p fdb show state stale"));
        now = 42 * S;
        assertEquals("""
                02:00:00:00:00:0c used 42/42 master br0\s
                02:00:00:00:00:12 used 42/42 master br0 permanent
                33:33:00:00:00:01 self permanent
                01:00:5e:00:00:01 self permanent
                """, out("-s fdb show brport p2"));
        assertEquals("[{\"mac\":\"02:00:00:00:00:0c\",\"used\":42,\"updated\":42,\"flags\":[],\"master\":\"br0\","
                + "\"state\":\"\"}]\n", out("-s -j fdb show brport p2 dynamic"));
    }

    @Test
    void fdbPrettyJson() {
        assertEquals("""
                [ {
                        "mac": "33:33:00:00:00:01",
                        "flags": [ "self" ],
                        "state": "permanent"
                    },{
                        "mac": "02:00:00:00:00:b0",
                        "flags": [ ],
                        "master": "br0",
                        "state": "permanent"
                    } ]
                """, out("-j -p fdb show dev br0"));
    }

    @Test
    void learnedEntriesAgeOut() {
        upAndLearn();
        now = 300 * S;
        assertEquals("", out("fdb show dynamic"));
    }

    @Test
    void linkShow() {
        upAndLearn();
        assertEquals("""
                3: p1@br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2\s
                4: p2@p1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2\s
                """, out("link show"));
        assertEquals(out("link show"), out("link"));
        assertEquals("[{\"ifindex\":3,\"link\":\"br0\",\"ifname\":\"p1\",\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\","
                + "\"LOWER_UP\"],\"mtu\":1500,\"master\":\"br0\",\"state\":\"forwarding\",\"priority\":32,\"cost\":2}]\n",
                out("-j link show dev p1"));
        assertEquals("""
                3: p1@br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2\s
                    hairpin off guard off root_block off fastleave off learning on flood on mcast_flood on \
                bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off \
                locked off\s
                """, out("-d link show dev p1"));
        assertEquals("", out("link show dev br0"));
    }

    @Test
    void linkPrettyJsonWithDetails() {
        upAndLearn();
        assertEquals("""
                [ {
                        "ifindex": 4,
                        "link": "p1",
                        "ifname": "p2",
                        "flags": [ "BROADCAST","MULTICAST","UP","LOWER_UP" ],
                        "mtu": 1500,
                        "master": "br0",
                        "state": "forwarding",
                        "priority": 32,
                        "cost": 2,
                        "hairpin": false,
                        "guard": false,
                        "root_block": false,
                        "fastleave": false,
                        "learning": true,
                        "flood": true,
                        "mcast_flood": true,
                        "bcast_flood": true,
                        "mcast_router": 1,
                        "mcast_to_unicast": false,
                        "neigh_suppress": false,
                        "vlan_tunnel": false,
                        "isolated": false,
                        "locked": false
                    } ]
                """, out("-j -p -d link show dev p2"));
    }

    /** A veth without a peer has a null link; {@code '} is escaped as netemu always did (iproute2 6.1 does not). */
    @Test
    void linkJsonOfAPeerlessPortWithAnApostrophe() {
        NetDev q = ns.addDevice("q'x", DevKind.VETH, 0x02_00_00_00_00_15L, 1500);
        ns.linkSetMaster(q, br0);
        assertEquals("[{\"ifindex\":5,\"link\":null,\"ifname\":\"q\\'x\",\"flags\":[\"BROADCAST\",\"MULTICAST\"],"
                + "\"mtu\":1500,\"master\":\"br0\",\"state\":\"disabled\",\"priority\":32,\"cost\":2}]\n",
                out("-j link show dev q'x"));
        assertTrue(out("-j fdb show br br0").contains("{\"mac\":\"02:00:00:00:00:15\",\"ifname\":\"q\\'x\",\"flags\":[],"
                + "\"master\":\"br0\",\"state\":\"permanent\"}"));
    }

    @Test
    void emptyListingsInPrettyJson() {
        assertEquals("[ ]\n", out("-j -p vlan show"));
        assertEquals("[ ]\n", out("-j -p vni"));
        assertEquals("[ {\n        \"mdb\": [ ],\n        \"router\": {}\n    } ]\n", out("-j -p mdb"));
    }

    @Test
    void linkStatesFollowTheDevices() {
        upAndLearn();
        ns.linkSetUp(br0, false);
        assertEquals("""
                3: p1@br0: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 master br0 state disabled priority 32 cost 2\s
                4: p2@p1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state disabled priority 32 cost 2\s
                """, out("link show"));
        ns.linkSetUp(br0, true);
        ns.carrierChanged(p1.ifindex(), false);
        ns.linkSetUp(p2, false);
        assertEquals("""
                3: p1@br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 master br0 state disabled priority 32 cost 2\s
                4: p2@p1: <BROADCAST,MULTICAST> mtu 1500 master br0 state disabled priority 32 cost 2\s
                """, out("link show"));
        NetDev p4 = ns.addDevice("p4", DevKind.VETH, 0x02_00_00_00_00_14L, 1500);
        p4.setPeer(9, "c");
        ns.linkSetMaster(p4, br0);
        assertEquals("5: p4@if9: <BROADCAST,MULTICAST> mtu 1500 master br0 state disabled priority 32 cost 2 \n",
                out("link show dev p4"));
        assertEquals("[{\"ifindex\":5,\"link\":\"if9\",\"ifname\":\"p4\",\"flags\":[\"BROADCAST\",\"MULTICAST\"],"
                + "\"mtu\":1500,\"master\":\"br0\",\"state\":\"disabled\",\"priority\":32,\"cost\":2}]\n",
                out("-j link show dev p4"));
    }

    @Test
    void otherObjects() {
        assertEquals("port              vlan-id  \n", out("vlan show"));
        assertEquals("[]\n", out("-j vlan show"));
        assertEquals("", out("mdb show"));
        assertEquals("[{\"mdb\":[],\"router\":{}}]\n", out("-j mdb"));
        assertEquals("bridge utility, 6.1.0\n", out("-V"));
    }

    @Test
    void errorsAsIproute2() {
        fails("Cannot find bridge device \"nope\"\n", "fdb show br nope");
        fails("Cannot find device \"nope\"\n", "fdb show brport nope");
        fails("Cannot find device \"nope\"\n", "link show dev nope");
        fails("Object \"foo\" is unknown, try \"bridge help\".\n", "foo");
        fails("Command \"foo\" is unknown, try \"bridge fdb help\".\n", "fdb foo");
        fails("Command \"foo\" is unknown, try \"bridge link help\".\n", "link foo");
        fails("Command \"foo\" is unknown, try \"bridge vlan help\".\n", "vlan foo");
        fails("Command line is not complete. Try option \"help\"\n", "fdb show br");
        fails("Option \"-x\" is unknown, try \"bridge help\".\n", "-x fdb");
        fails("Option \"-jp\" is unknown, try \"bridge help\".\n", "-jp fdb");
        fails("Error: argument \"bogus\" is wrong: invalid state\n", "fdb show state bogus");
        fails("Cannot open network namespace \"nope\": No such file or directory\n", "-n nope fdb");
        fails(BridgeUsage.FDB, "fdb help");
        fails(BridgeUsage.LINK, "link help");
        fails("RTNETLINK answers: Operation not supported\n", "fdb add 02:00:00:00:00:01 dev p1");
        CommandResult none = bridge.run(List.of("bridge"), ns);
        assertEquals(BridgeUsage.MAIN, none.stderr());
        assertEquals(255, none.exit());
        assertEquals("""
                Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }
                       bridge [ -force ] -batch filename
                where  OBJECT := { link | fdb | mdb | vlan | monitor }
                       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |
                                    -o[neline] | -t[imestamp] | -n[etns] name |
                                    -c[ompressvlans] -color -p[retty] -j[son] }
                """, BridgeUsage.MAIN);
    }
}
