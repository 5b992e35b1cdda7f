package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.ip.IpFixture.fails;
import static io.netemu.node.cmd.ip.IpFixture.h1;
import static io.netemu.node.cmd.ip.IpFixture.ip;
import static io.netemu.node.cmd.ip.IpFixture.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import org.junit.jupiter.api.Test;

/** {@code ip link add ... type bridge|dummy} and {@code ip link del}. */
class IpLinkAddDelTest {
    @Test
    void addBridge() {
        NetNs ns = h1();
        ok(ip(ns, "ip link add name br0 address 02:00:00:00:00:b0 type bridge"), "");
        // made down, with no qdisc attached yet
        ok(ip(ns, "ip link show br0"), """
                3: br0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:b0 brd ff:ff:ff:ff:ff:ff
                """);
        ok(ip(ns, "ip link set br0 up"), "");
        // a bridge given its address at birth has no carrier until a port forwards
        ok(ip(ns, "ip link show br0"), """
                3: br0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:b0 brd ff:ff:ff:ff:ff:ff
                """);
        assertTrue(ns.sysctl().exists("net.ipv4.conf.br0.forwarding"));
        ok(ip(ns, "ip link add br1 mtu 9000 txqueuelen 5 up type bridge"), "");
        ok(ip(ns, "ip link show br1"), """
                4: br1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9000 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 5
                    link/ether 76:62:68:ac:f6:19 brd ff:ff:ff:ff:ff:ff
                """);
        ok(ip(ns, "ip link add name br2 type bridge stp_state 0 vlan_filtering 0"), "");
        ok(ip(ns, "ip link add type bridge"), "");
        assertEquals(DevKind.BRIDGE, ns.devs().byName("bridge0").kind());
        // rtnl_create_link takes no IFLA_IFALIAS: Linux 6.18 made t9hb0 with "alias foo" and showed none
        ok(ip(ns, "ip link add br3 alias foo type bridge"), "");
        assertNull(ns.devs().byName("br3").alias());
    }

    @Test
    void addDummy() {
        NetNs ns = h1();
        ok(ip(ns, "ip link add d0 up type dummy"), "");
        ok(ip(ns, "ip link show d0"), """
                3: d0: <BROADCAST,NOARP,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
                    link/ether aa:c2:90:c5:1d:fc brd ff:ff:ff:ff:ff:ff
                """);
        fails(ip(ns, "ip link add name x type dummy foo"), 1, "Garbage instead of arguments \"foo ...\". Try \"ip link help\".\n");
    }

    @Test
    void addRefusals() {
        NetNs ns = h1();
        fails(ip(ns, "ip link add eth0 type bridge"), 2, "RTNETLINK answers: File exists\n");
        fails(ip(ns, "ip link add foo type nope"), 2, "Error: Unknown device type.\n");
        fails(ip(ns, "ip link add foo"), 1, "Not enough information: \"type\" argument is required\n");
        fails(ip(ns, "ip link add name x y type bridge"), 255,
                "both \"name\" and \"dev\" cannot be used when creating devices.\n");
        fails(ip(ns, "ip link add verylongname12345 type bridge"), 2, "Error: Attribute failed policy validation.\n");
        fails(ip(ns, "ip link add a:b type bridge"), 2, "RTNETLINK answers: Invalid argument\n");
        fails(ip(ns, "ip link add name . type bridge"), 2, "RTNETLINK answers: Invalid argument\n");
        fails(ip(ns, "ip link add name br1 address 01:00:00:00:00:01 type bridge"), 2,
                "RTNETLINK answers: Cannot assign requested address\n");
        fails(ip(ns, "ip link add name br1 address 02:00:00:00:00 type bridge"), 2, "RTNETLINK answers: Invalid argument\n");
        fails(ip(ns, "ip link add name br1 mtu 60 type bridge"), 2, "Error: mtu less than device minimum.\n");
        fails(ip(ns, "ip link add name br1 mtu 70000 type bridge"), 2, "Error: mtu greater than device maximum.\n");
        // iproute2 parses "a" as "address": the classic "ip link add a type ..." trap
        fails(ip(ns, "ip link add a type bridge"), 1, "\"type\" is invalid lladdr.\n");
        ip(ns, "ip link add name br0 type bridge");
        fails(ip(ns, "ip link add name br1 master br0 type bridge"), 2, "Error: Can not enslave a bridge to a bridge.\n");
        String bridgeFoo = ip(ns, "ip link add name br8 type bridge foo").stderr();
        assertTrue(bridgeFoo.startsWith("bridge: unknown command \"foo\"?\nUsage: ... bridge [ fdb_flush ]\n"), bridgeFoo);
        fails(ip(ns, "ip link add name br8 type bridge stp_state x"), 255,
                "Error: argument \"x\" is wrong: invalid stp_state\n");
        fails(ip(ns, "ip link add name br8 type bridge stp_state 1"), 2,
                "Error: netemu: \"stp_state 1\" (netemu's bridge keeps Linux's default, 0) is not supported yet.\n");
        fails(ip(ns, "ip link add name v1 type vlan"), 2, "Error: netemu: link type \"vlan\" is not supported yet.\n");
        assertNull(ns.devs().byName("br8"));
    }

    @Test
    void delete() {
        NetNs ns = h1();
        ip(ns, "ip link add name br0 type bridge");
        ip(ns, "ip link set eth0 master br0");
        ok(ip(ns, "ip link del br0"), "");
        assertNull(ns.devs().byName("br0"));
        assertEquals(0, ns.devs().byName("eth0").master());
        ip(ns, "ip link add name br5 type bridge");
        ok(ip(ns, "ip link delete dev br5 type bridge"), "");
        fails(ip(ns, "ip link del lo"), 2, "RTNETLINK answers: Operation not supported\n");
        fails(ip(ns, "ip link del eth9"), 1, "Cannot find device \"eth9\"\n");
        fails(ip(ns, "ip link del dev eth0 lo"), 255, "Error: either \"dev\" is duplicate, or \"lo\" is a garbage.\n");
        // a veth goes with its peer, wherever that is: the namespace actor deletes both (IpLinkVethTest)
    }
}
