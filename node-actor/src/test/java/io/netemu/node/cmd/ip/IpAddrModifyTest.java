package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.ip.IpFixture.check;
import static io.netemu.node.cmd.ip.IpFixture.fails;
import static io.netemu.node.cmd.ip.IpFixture.h1;
import static io.netemu.node.cmd.ip.IpFixture.ip;
import static io.netemu.node.cmd.ip.IpFixture.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.stack.NetNs;
import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.Scope;
import org.junit.jupiter.api.Test;

/** {@code ip addr add|change|replace|del|flush} and the kernel's answers. */
class IpAddrModifyTest {
    private static String oneline(NetNs ns) {
        return ip(ns, "ip -o -4 addr show dev eth0").stdout();
    }

    @Test
    void addWithBroadcastScopeAndLabel() {
        NetNs ns = h1();
        ok(ip(ns, "ip addr add 10.1/16 dev eth0"), "");
        ok(ip(ns, "ip addr add 10.0.6.1/255.255.255.0 dev eth0"), "");
        ok(ip(ns, "ip addr add 10.0.7.1/24 brd 10.0.7.200 dev eth0"), "");
        ok(ip(ns, "ip addr add 10.0.9.5/24 brd - dev eth0"), "");
        ok(ip(ns, "ip addr add 10.0.9.9/32 dev eth0 brd +"), "");
        ok(ip(ns, "ip addr add 10.0.9.10/31 dev eth0 brd +"), "");
        ok(ip(ns, "ip addr add 10.0.8.1/24 dev eth0 label foo"), "");
        ok(ip(ns, "ip addr add local 10.0.13.10 dev eth0"), "");
        ok(ip(ns, "ip addr add 10.0.5.1/24 dev eth0 scope link"), "");
        ok(ip(ns, "ip addr add 0.0.0.0/0 dev eth0"), ""); // dropped silently by the kernel
        assertEquals("""
                2: eth0    inet 10.0.5.1/24 scope link eth0\\       valid_lft forever preferred_lft forever
                2: eth0    inet 10.1.0.0/16 scope global eth0\\       valid_lft forever preferred_lft forever
                2: eth0    inet 10.0.6.1/24 scope global eth0\\       valid_lft forever preferred_lft forever
                2: eth0    inet 10.0.7.1/24 brd 10.0.7.200 scope global eth0\\       valid_lft forever preferred_lft forever
                2: eth0    inet 10.0.9.5/24 brd 10.0.9.0 scope global eth0\\       valid_lft forever preferred_lft forever
                2: eth0    inet 10.0.9.9/32 scope global eth0\\       valid_lft forever preferred_lft forever
                2: eth0    inet 10.0.9.10/31 scope global eth0\\       valid_lft forever preferred_lft forever
                2: eth0    inet 10.0.8.1/24 scope global foo\\       valid_lft forever preferred_lft forever
                2: eth0    inet 10.0.13.10/32 scope global eth0\\       valid_lft forever preferred_lft forever
                """, oneline(ns));
        ok(ip(ns, "ip addr add 127.0.0.2/8 dev lo"), "");
        InetAddr lo2 = ns.addrs().find(1, 0x7F000002, 8);
        assertEquals(Scope.HOST, lo2.scope());
        assertTrue(lo2.secondary());
    }

    @Test
    void addRefusals() {
        NetNs ns = h1();
        ip(ns, "ip addr add 10.0.1.2/24 dev eth0");
        fails(ip(ns, "ip addr add 10.0.1.2/24 dev eth0"), 2, "Error: ipv4: Address already assigned.\n");
        fails(ip(ns, "ip addr add 10.0.0.256/24 dev eth0"), 1,
                "Error: any valid prefix is expected rather than \"10.0.0.256/24\".\n");
        fails(ip(ns, "ip addr add 10.0.5.1/33 dev eth0"), 1,
                "Error: any valid prefix is expected rather than \"10.0.5.1/33\".\n");
        fails(ip(ns, "ip addr add 10.0.1.9/24"), 1, "Not enough information: \"dev\" argument is required.\n");
        fails(ip(ns, "ip addr add 10.0.1.9/24 dev eth9"), 1, "Cannot find device \"eth9\"\n");
        fails(ip(ns, "ip addr add 10.0.5.1/24 dev eth0 scope foo"), 255,
                "Error: argument \"foo\" is wrong: invalid scope value.\n");
        fails(ip(ns, "ip addr add 10.0.1.5/24 dev eth0 scope link"), 2, "Error: ipv4: Invalid scope value.\n");
        fails(ip(ns, "ip addr add 10.0.8.2/24 dev eth0 label eth0:verylonglabel123"), 2,
                "Error: Attribute failed policy validation.\n");
        fails(ip(ns, "ip addr add 10.0.9.1/24 10.0.9.2/24 dev eth0"), 255,
                "Error: either \"local\" is duplicate, or \"10.0.9.2/24\" is a garbage.\n");
        fails(ip(ns, "ip addr add 10.0.13.5/24 dev eth0 brd foo"), 1,
                "Error: inet address is expected rather than \"foo\".\n");
        fails(ip(ns, "ip -6 addr add 10.0.13.6/24 dev eth0"), 1,
                "Error: inet6 prefix is expected rather than \"10.0.13.6/24\".\n");
        fails(ip(ns, "ip -0 addr add 10.0.13.7/24 dev eth0"), 1,
                "Error: \"10.0.13.7/24\" may be inet prefix, but it is not allowed in this context.\n");
        fails(ip(ns, "ip addr add dev eth0"), 2, "RTNETLINK answers: Operation not supported\n");
        fails(ip(ns, "ip -4 addr add dev eth0"), 2, "Error: ipv4: Local address is not supplied.\n");
        fails(ip(ns, "ip addr add 10.0.13.1/24 dev eth0 valid_lft 100"), 1, "preferred_lft is greater than valid_lft\n");
        fails(ip(ns, "ip addr add 10.0.13.3/24 dev eth0 valid_lft abc"), 255,
                "Error: argument \"abc\" is wrong: valid_lft value\n");
        fails(ip(ns, "ip addr add 2001:db8::1/64 dev eth0"), 2,
                "Error: netemu: IPv6 is not emulated (IPv4 only).\n");
        fails(ip(ns, "ip addr foo"), 255, "Command \"foo\" is unknown, try \"ip address help\".\n");
        assertEquals(255, ip(ns, "ip addr help").exit());
    }

    @Test
    void flagsWarnButAdd() {
        NetNs ns = h1();
        check(ip(ns, "ip addr add 10.0.11.1/24 dev eth0 nodad"), 0, "",
                "Warning: nodad option can be set only for IPv6 addresses\n");
        check(ip(ns, "ip addr add 10.0.11.2/24 dev eth0 secondary"), 0, "",
                "Warning: secondary option is not mutable from userspace\n");
        ok(ip(ns, "ip addr add 10.0.13.2/24 dev eth0 valid_lft forever preferred_lft forever"), "");
        assertEquals(3, ns.addrs().onDev(2).size());
    }

    @Test
    void changeAndReplace() {
        NetNs ns = h1();
        ip(ns, "ip addr add 10.0.11.1/24 dev eth0");
        ok(ip(ns, "ip addr change 10.0.11.1/24 dev eth0"), "");
        ok(ip(ns, "ip addr change 10.0.12.1/24 dev eth0"), "");
        // replace of an existing address changes lifetimes only: no brd appears
        ok(ip(ns, "ip addr replace 10.0.12.1/24 dev eth0 brd +"), "");
        assertEquals(0, ns.addrs().find(2, 0x0A000C01, 24).broadcast());
    }

    @Test
    void delete() {
        NetNs ns = h1();
        ip(ns, "ip addr add 10.0.1.2/24 dev eth0");
        ip(ns, "ip addr add 10.0.1.3/24 dev eth0");
        ip(ns, "ip addr add 10.0.2.2/24 dev eth0");
        fails(ip(ns, "ip addr del 10.9.9.9/24 dev eth0"), 2, "Error: ipv4: Address not found.\n");
        fails(ip(ns, "ip addr del 10.0.2.2/24 dev eth0 label foo"), 2, "Error: ipv4: Address not found.\n");
        ok(ip(ns, "ip addr del dev eth0 10.0.2.2/24"), "");
        // without a length: a wildcard deletion, with iproute2's warning; the secondary goes too
        check(ip(ns, "ip addr del 10.0.1.2 dev eth0"), 0, "", """
                Warning: Executing wildcard deletion to stay compatible with old scripts.
                         Explicitly specify the prefix length (10.0.1.2/32) to avoid this warning.
                         This special behaviour is likely to disappear in further releases,
                         fix your scripts!
                """);
        assertEquals("", oneline(ns));
        assertTrue(ns.addrs().onDev(2).isEmpty());
    }

    @Test
    void flush() {
        NetNs ns = h1();
        ip(ns, "ip addr add 10.0.5.1/24 dev eth0 scope link");
        ip(ns, "ip addr add 10.0.6.1/24 dev eth0");
        ip(ns, "ip addr add 10.0.6.2/24 dev eth0");
        ip(ns, "ip addr add 10.0.9.1/24 dev lo");
        ok(ip(ns, "ip -s addr flush dev eth0 scope link"),
                "\n*** Round 1, deleting 1 addresses ***\n*** Flush is complete after 1 round ***\n");
        ok(ip(ns, "ip -s addr flush dev eth0 scope link"), "Nothing to flush.\n");
        ok(ip(ns, "ip -s -s addr flush dev lo to 10.0.9.0/24"), """
                1: lo    inet 10.0.9.1/24 scope global lo
                       valid_lft forever preferred_lft forever

                *** Round 1, deleting 1 addresses ***
                *** Flush is complete after 1 round ***
                """);
        ok(ip(ns, "ip addr flush dev eth0"), "");
        assertTrue(ns.addrs().onDev(2).isEmpty());
        assertEquals(1, ns.addrs().onDev(1).size());
        fails(ip(ns, "ip addr flush"), 1, "Flush requires arguments.\n");
        fails(ip(ns, "ip addr flush dev eth9"), 1, "Device \"eth9\" does not exist.\n");
        fails(ip(ns, "ip -0 addr flush dev eth0"), 1, "Cannot flush link addresses.\n");
    }
}
