package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.ip.IpFixture.fails;
import static io.netemu.node.cmd.ip.IpFixture.h1;
import static io.netemu.node.cmd.ip.IpFixture.ip;
import static io.netemu.node.cmd.ip.IpFixture.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.stack.NetNs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code promisc on|off} and {@code allmulticast on|off}: the PROMISC and ALLMULTI flags, the
 * {@code -d} counters and the kernel log, as Linux 6.18 with iproute2 6.1 showed them on a veth
 * (t9hv7/t9hv8): flags in print_link_flags' order, one "entered"/"left" line per change
 * (promisc first, a repeated "off" logs nothing), "promisc yes", "allmulticast On" and a
 * missing value refused.
 */
class IpLinkPromiscTest {
    private static final String ETH0_LINK = "    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff link-netns r1\n";

    @Test
    void flagsAndCounters() {
        NetNs ns = h1();
        ok(ip(ns, "ip link set eth0 allmulticast on promisc on"), "");
        ok(ip(ns, "ip link show eth0"), "2: eth0@if2: <BROADCAST,MULTICAST,ALLMULTI,PROMISC,UP,LOWER_UP> mtu 1500"
                + " qdisc noqueue state UP mode DEFAULT group default qlen 1000\n" + ETH0_LINK);
        assertTrue(ip(ns, "ip -d link show eth0").stdout().contains(" promiscuity 1  allmulti 1 minmtu 68 "));
        assertTrue(ip(ns, "ip -j link show eth0").stdout()
                .contains("\"flags\":[\"BROADCAST\",\"MULTICAST\",\"ALLMULTI\",\"PROMISC\",\"UP\",\"LOWER_UP\"]"));
        ok(ip(ns, "ip link set eth0 promisc off"), "");
        ok(ip(ns, "ip -br link show eth0"), "eth0@if2         UP             02:00:00:00:00:0a "
                + "<BROADCAST,MULTICAST,ALLMULTI,UP,LOWER_UP> \n");
        assertTrue(ip(ns, "ip -d link show eth0").stdout().contains(" promiscuity 0  allmulti 1 minmtu 68 "));
        // a device that is down shows them too
        ok(ip(ns, "ip link set lo down promisc on"), "");
        assertTrue(ip(ns, "ip link show lo").stdout().startsWith("1: lo: <LOOPBACK,PROMISC> mtu 65536 "));
    }

    @Test
    void kernelLog() {
        NetNs ns = h1();
        ip(ns, "ip link set eth0 allmulticast on promisc on");
        ip(ns, "ip link set eth0 promisc off");
        ip(ns, "ip link set eth0 promisc off");
        ip(ns, "ip link set eth0 allmulticast off");
        assertEquals(List.of("[    0.000000] eth0: entered promiscuous mode",
                "[    0.000000] eth0: entered allmulticast mode",
                "[    0.000000] eth0: left promiscuous mode",
                "[    0.000000] eth0: left allmulticast mode"),
                ns.klog().lines());
    }

    @Test
    void aBridgePortCountsAlreadyAndLogsNothing() {
        NetNs ns = h1();
        ip(ns, "ip link add br0 type bridge");
        ip(ns, "ip link set eth0 master br0");
        ip(ns, "ip link set eth0 promisc on");
        assertTrue(ip(ns, "ip -d link show eth0").stdout().contains(" promiscuity 2  allmulti 1 minmtu 68 "));
        assertEquals(List.of(), ns.klog().lines());
    }

    @Test
    void onCreation() {
        NetNs ns = h1();
        ok(ip(ns, "ip link add br1 promisc on type bridge"), "");
        assertTrue(ip(ns, "ip link show br1").stdout().startsWith("3: br1: <BROADCAST,MULTICAST,PROMISC> mtu 1500 "));
        assertEquals(List.of("[    0.000000] br1: entered promiscuous mode"), ns.klog().lines());
    }

    @Test
    void refusals() {
        NetNs ns = h1();
        fails(ip(ns, "ip link set eth0 promisc yes"), 1,
                "Error: argument of \"promisc\" must be \"on\" or \"off\", not \"yes\"\n");
        fails(ip(ns, "ip link set eth0 allmulticast On"), 1,
                "Error: argument of \"allmulticast\" must be \"on\" or \"off\", not \"On\"\n");
        fails(ip(ns, "ip link set eth0 promisc"), 255, "Command line is not complete. Try option \"help\"\n");
    }
}
