package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.ip.IpFixture.fails;
import static io.netemu.node.cmd.ip.IpFixture.h1;
import static io.netemu.node.cmd.ip.IpFixture.ip;
import static io.netemu.node.cmd.ip.IpFixture.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.stack.DevEffect;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ip link set}: what changes, in the kernel's order, and every refusal. */
class IpLinkSetTest {
    @Test
    void upDownAndMtuGoThroughTheNamespace() {
        NetNs ns = h1();
        ns.drainEffects();
        ok(ip(ns, "ip link set eth0 down"), "");
        ok(ip(ns, "ip link set dev eth0 mtu 1400 up"), "");
        NetDev eth0 = ns.devs().byName("eth0");
        assertTrue(eth0.adminUp());
        assertEquals(1400, eth0.mtu());
        assertEquals(List.of(new DevEffect.AdminUp(2, false), new DevEffect.Mtu(2, 1400), new DevEffect.AdminUp(2, true)),
                ns.drainEffects());
        ok(ip(ns, "ip link set eth0 mtu 0x5dc"), "");
        assertEquals(1500, eth0.mtu());
        ok(ip(ns, "ip link set eth0 up up down"), "");
        assertFalse(eth0.adminUp());
        ok(ip(ns, "ip l s eth0 up"), "");
        assertTrue(eth0.adminUp());
    }

    @Test
    void mtuRefusals() {
        NetNs ns = h1();
        fails(ip(ns, "ip link set eth0 mtu 70000"), 2, "Error: mtu greater than device maximum.\n");
        fails(ip(ns, "ip link set eth0 mtu 10"), 2, "Error: mtu less than device minimum.\n");
        fails(ip(ns, "ip link set eth0 mtu -1"), 2, "Error: mtu less than device minimum.\n");
        fails(ip(ns, "ip link set eth0 mtu x"), 255, "Error: argument \"x\" is wrong: Invalid \"mtu\" value\n\n");
        fails(ip(ns, "ip link set eth0 mtu 2147483648"), 255,
                "Error: argument \"2147483648\" is wrong: Invalid \"mtu\" value\n\n");
        fails(ip(ns, "ip link set eth0 mtu 1500 mtu 1400"), 255, "Error: duplicate \"mtu\": \"1400\" is the second value.\n");
        ok(ip(ns, "ip link set lo mtu 100000"), "");
        assertEquals(100000, ns.devs().byName("lo").mtu());
    }

    @Test
    void addressNameAliasQueue() {
        NetNs ns = h1();
        NetDev eth0 = ns.devs().byName("eth0");
        ok(ip(ns, "ip link set eth0 address 02:11:22:33:44:55 txqueuelen 500"), "");
        assertEquals(0x021122334455L, eth0.mac());
        assertEquals(500, eth0.txqueuelen());
        fails(ip(ns, "ip link set eth0 address zz:00"), 1, "\"zz\" is invalid lladdr.\n");
        fails(ip(ns, "ip link set eth0 address 01:00:00:00:00:01"), 2, "RTNETLINK answers: Cannot assign requested address\n");
        fails(ip(ns, "ip link set eth0 address 02:00:00:00:00"), 1, "Invalid address length 5 - must be 6 bytes\n");
        fails(ip(ns, "ip link set eth0 txqueuelen abc"), 255,
                "Error: argument \"abc\" is wrong: Invalid \"txqueuelen\" value\n\n");
        fails(ip(ns, "ip link set eth0 qlen 5 txqueuelen 6"), 255,
                "Error: duplicate \"txqueuelen\": \"6\" is the second value.\n");
        ok(ip(ns, "ip link set eth0 alias uplink"), "");
        assertEquals("uplink", eth0.alias());
        ok(ip(ns, "ip link set eth0 alias ''"), "");
        assertNull(eth0.alias());
        fails(ip(ns, "ip link set eth0 alias " + "x".repeat(256)), 255,
                "Error: argument \"" + "x".repeat(256) + "\" is wrong: alias too long\n\n");
    }

    @Test
    void renameMovesSysctlsAndRelabelsAddresses() {
        NetNs ns = h1();
        ip(ns, "ip addr add 10.5.5.1/24 dev eth0");
        ip(ns, "ip addr add 10.5.5.2/24 dev eth0");
        ip(ns, "ip addr add 10.5.6.2/24 dev eth0 label eth0:foo");
        ns.sysctl().set("net.ipv4.conf.eth0.rp_filter", "2");
        ok(ip(ns, "ip link set eth0 name wan0"), "");
        assertTrue(ns.sysctl().get("net.ipv4.conf.eth0.rp_filter").isEmpty());
        assertEquals("2", ns.sysctl().get("net.ipv4.conf.wan0.rp_filter").orElseThrow());
        // inetdev_changename: first address the new name, later ones keep their :suffix or get :N
        ok(ip(ns, "ip -4 addr show dev wan0"), """
                2: wan0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000 link-netns r1
                    inet 10.5.5.1/24 scope global wan0
                       valid_lft forever preferred_lft forever
                    inet 10.5.6.2/24 scope global wan0:foo
                       valid_lft forever preferred_lft forever
                    inet 10.5.5.2/24 scope global secondary wan0:3
                       valid_lft forever preferred_lft forever
                """);
        fails(ip(ns, "ip link set wan0 name lo"), 2, "RTNETLINK answers: File exists\n");
        fails(ip(ns, "ip link set wan0 name a:b"), 2, "RTNETLINK answers: Invalid argument\n");
        fails(ip(ns, "ip link set wan0 name verylongname123456"), 255,
                "Error: argument \"verylongname123456\" is wrong: \"name\" not a valid ifname\n");
        fails(ip(ns, "ip link set wan0 name a name b"), 255, "Error: duplicate \"name\": \"b\" is the second value.\n");
        // dev_change_name logs each rename (Linux 6.18: "t9hr: renamed from t9hq (while UP)")
        ok(ip(ns, "ip link set wan0 down"), "");
        ok(ip(ns, "ip link set wan0 name eth0"), "");
        assertEquals(List.of("[    0.000000] wan0: renamed from eth0 (while UP)", "[    0.000000] eth0: renamed from wan0"),
                ns.klog().lines());
    }

    @Test
    void masterAndNomaster() {
        NetNs ns = h1();
        ip(ns, "ip link add name br0 type bridge");
        ip(ns, "ip link set br0 up");
        // a bridge that never had a port keeps its carrier: UNKNOWN, as on Linux
        ok(ip(ns, "ip -br link show br0"), "br0              UNKNOWN        1a:46:b2:7f:b3:69 <BROADCAST,MULTICAST,UP,LOWER_UP> \n");
        ok(ip(ns, "ip link set eth0 master br0"), "");
        ok(ip(ns, "ip link show eth0"), """
                2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff link-netns r1
                """);
        ok(ip(ns, "ip -br link show br0"), "br0              UP             1a:46:b2:7f:b3:69 <BROADCAST,MULTICAST,UP,LOWER_UP> \n");
        ip(ns, "ip link set eth0 down");
        ok(ip(ns, "ip -br link show br0"), "br0              DOWN           1a:46:b2:7f:b3:69 <NO-CARRIER,BROADCAST,MULTICAST,UP> \n");
        ip(ns, "ip link set eth0 up");
        ok(ip(ns, "ip link set eth0 master br0"), "");
        ok(ip(ns, "ip link set eth0 nomaster"), "");
        assertEquals(0, ns.devs().byName("eth0").master());
        ok(ip(ns, "ip -br link show br0"), "br0              DOWN           1a:46:b2:7f:b3:69 <NO-CARRIER,BROADCAST,MULTICAST,UP> \n");
        ok(ip(ns, "ip link set eth0 nomaster"), "");
    }

    @Test
    void masterRefusals() {
        NetNs ns = h1();
        ip(ns, "ip link add name br0 type bridge");
        ip(ns, "ip link set eth0 master br0");
        fails(ip(ns, "ip link set eth0 master nope"), 255, "Error: argument \"nope\" is wrong: Device does not exist\n\n");
        fails(ip(ns, "ip link set br0 master br0"), 2, "Error: Can not enslave a bridge to a bridge.\n");
        fails(ip(ns, "ip link set lo master br0"), 2, "RTNETLINK answers: Invalid argument\n");
        // do_set_master leaves the old master before the new one refuses
        fails(ip(ns, "ip link set eth0 master lo"), 2, "RTNETLINK answers: Operation not supported\n");
        assertEquals(0, ns.devs().byName("eth0").master());
    }

    @Test
    void parseRefusals() {
        NetNs ns = h1();
        fails(ip(ns, "ip link set eth9 up"), 1, "Cannot find device \"eth9\"\n");
        fails(ip(ns, "ip link set eth0 foo"), 255, "Error: either \"dev\" is duplicate, or \"foo\" is a garbage.\n");
        fails(ip(ns, "ip link set dev eth0 dev lo"), 255, "Error: either \"dev\" is duplicate, or \"lo\" is a garbage.\n");
        fails(ip(ns, "ip link set"), 255, "Not enough information: \"dev\" argument is required.\n");
        fails(ip(ns, "ip link set eth0 mtu"), 255, "Command line is not complete. Try option \"help\"\n");
        fails(ip(ns, "ip link set eth0 arp maybe"), 1, "Error: argument of \"arp\" must be \"on\" or \"off\", not \"maybe\"\n");
        fails(ip(ns, "ip link set eth0 multicast maybe"), 1,
                "Error: argument of \"multicast\" must be \"on\" or \"off\", not \"maybe\"\n");
        fails(ip(ns, "ip link set eth0 carrier maybe"), 22,
                "Error: argument of \"carrier\" must be one of \"off\", \"on\", not \"maybe\"\n");
        ok(ip(ns, "ip link set eth0"), "");
        ok(ip(ns, "ip link set eth0 arp on group default mode default"), "");
        fails(ip(ns, "ip link set eth0 trailers on"), 2, "Error: netemu: \"trailers on\" is not supported yet.\n");
        assertEquals(255, ip(ns, "ip link set eth0 help").exit());
    }
}
