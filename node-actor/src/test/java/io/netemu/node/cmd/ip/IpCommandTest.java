package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.ip.IpFixture.fails;
import static io.netemu.node.cmd.ip.IpFixture.h1;
import static io.netemu.node.cmd.ip.IpFixture.ip;
import static io.netemu.node.cmd.ip.IpFixture.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.Commands;
import io.netemu.stack.NetNs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code ip} front end: global options, objects and their abbreviations, usage. */
class IpCommandTest {
    private static final String LO_LINK = """
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
                link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            """;

    @Test
    void versionAndUsage() {
        NetNs ns = h1();
        ok(ip(ns, "ip -V"), "ip utility, iproute2-6.1.0\n");
        ok(ip(ns, "ip -Version"), "ip utility, iproute2-6.1.0\n");
        CommandResult usage = ip(ns, "ip");
        assertEquals(255, usage.exit());
        assertTrue(usage.stderr().startsWith("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
                + "       ip [ -force ] -batch filename\n"
                + "where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |\n"), usage.stderr());
        assertTrue(usage.stderr().endsWith("-rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n"
                + "                    -c[olor]}\n"), usage.stderr());
        assertEquals(usage, ip(ns, "ip help"));
        assertEquals(usage, ip(ns, "ip -help"));
        assertEquals(usage, ip(ns, "ip -b"));
        CommandResult link = ip(ns, "ip link help");
        assertEquals(255, link.exit());
        assertTrue(link.stderr().startsWith("Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME\n"));
    }

    @Test
    void optionErrors() {
        NetNs ns = h1();
        fails(ip(ns, "ip -foo link"), 255, "Option \"-foo\" is unknown, try \"ip -help\".\n");
        fails(ip(ns, "ip -family bogus link"), 255, "Error: argument \"bogus\" is wrong: invalid protocol family\n");
        fails(ip(ns, "ip -n"), 255, "Cannot open network namespace \"(null)\": No such file or directory\n");
        fails(ip(ns, "ip -rc x link"), 255, "Invalid rcvbuf size 'x'\n");
        fails(ip(ns, "ip foo"), 1, "Object \"foo\" is unknown, try \"ip help\".\n");
        fails(ip(ns, "ip xfrm"), 2, "Error: netemu: \"ip xfrm\" is not supported yet.\n");
    }

    @Test
    void optionsAreMatchedByPrefix() {
        NetNs ns = h1();
        ok(ip(ns, "ip -details -statistics -oneline link show lo"),
                ip(ns, "ip -d -s -o link show lo").stdout());
        ok(ip(ns, "ip -c link show lo"), LO_LINK);
        ok(ip(ns, "ip -color=never -r -t -N link show lo"), LO_LINK);
        ok(ip(ns, "ip -p link show lo"), LO_LINK);
        ok(ip(ns, "ip -4 link show lo"), LO_LINK);
        ok(ip(ns, "ip -loops 3 -rc 1000 -- link show lo"), LO_LINK);
        ok(ip(ns, "ip --brief link show lo"), "lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n");
        ok(ip(ns, "ip -s -s -d -o link show lo"), "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN "
                + "mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 "
                + "promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 addrgenmode eui64 numtxqueues 1 numrxqueues 1 "
                + "gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 "
                + "\\    RX:  bytes packets errors dropped  missed   mcast           \\             0       0      0"
                + "       0       0       0 \\    RX errors:  length    crc   frame    fifo overrun\\                "
                + "     0      0       0       0       0 \\    TX:  bytes packets errors dropped carrier collsns     "
                + "      \\             0       0      0       0       0       0 \\    TX errors: aborted   fifo  "
                + "window heartbt transns\\                     0      0       0       0       0 \n");
    }

    @Test
    void objectsAreMatchedByPrefixInIproute2Order() {
        NetNs ns = h1();
        String addr = ip(ns, "ip address").stdout();
        assertEquals(addr, ip(ns, "ip a").stdout());
        assertEquals(addr, ip(ns, "ip addr").stdout());
        assertEquals(ip(ns, "ip link").stdout(), ip(ns, "ip l").stdout());
        // "ip r" is route, "ip n" is neighbor, "ip ru" is rule (not emulated)
        assertEquals(ip(ns, "ip route").stdout(), ip(ns, "ip r").stdout());
        assertEquals(ip(ns, "ip neighbor").stdout(), ip(ns, "ip n").stdout());
        assertEquals(ip(ns, "ip neighbour").stdout(), ip(ns, "ip neigh").stdout());
        fails(ip(ns, "ip ru"), 2, "Error: netemu: \"ip rule\" is not supported yet.\n");
        // IPv6 is not emulated: an IPv6 listing is empty
        ok(ip(ns, "ip -6 route"), "");
        ok(ip(ns, "ip -6 -j neigh show"), "[]\n");
    }

    @Test
    void registry() {
        Command c = Commands.lookup("ip").orElseThrow();
        CommandResult r = c.run(List.of("ip", "-br", "link", "show", "lo"), h1());
        assertEquals("lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n", r.stdout());
        assertTrue(Commands.lookup("sysctl").isPresent());
        assertTrue(Commands.lookup("nosuch").isEmpty());
        assertEquals(new CommandResult(127, "", "nosuch: command not found\n"), Commands.notFound("nosuch"));
    }
}
