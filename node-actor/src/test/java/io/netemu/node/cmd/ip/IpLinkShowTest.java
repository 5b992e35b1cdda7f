package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.ip.IpFixture.fails;
import static io.netemu.node.cmd.ip.IpFixture.h1;
import static io.netemu.node.cmd.ip.IpFixture.ip;
import static io.netemu.node.cmd.ip.IpFixture.ok;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.CommandResult;
import io.netemu.packet.wire.MacAddress;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ip link show} in every format, against iproute2 6.1's output. */
class IpLinkShowTest {
    private static final String LO = """
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
                link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            """;
    private static final String ETH0 = """
            2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
                link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff link-netns r1
            """;

    @Test
    void showsAllLinks() {
        NetNs ns = h1();
        ok(ip(ns, "ip link"), LO + ETH0);
        ok(ip(ns, "ip link show"), LO + ETH0);
        ok(ip(ns, "ip l"), LO + ETH0);
        ok(ip(ns, "ip li sh eth0"), ETH0);
        ok(ip(ns, "ip link show dev eth0"), ETH0);
    }

    @Test
    void onelineJoinsWithBackslash() {
        ok(ip(h1(), "ip -o link"), """
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default \
                qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group \
                default qlen 1000\\    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff link-netns r1
                """);
    }

    @Test
    void brief() {
        ok(ip(h1(), "ip -br link"), """
                lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP>\s
                eth0@if2         UP             02:00:00:00:00:0a <BROADCAST,MULTICAST,UP,LOWER_UP>\s
                """);
        ok(ip(h1(), "ip -j -br link show lo"),
                "[{\"ifname\":\"lo\",\"operstate\":\"UNKNOWN\",\"address\":\"00:00:00:00:00:00\","
                        + "\"flags\":[\"LOOPBACK\",\"UP\",\"LOWER_UP\"]}]\n");
    }

    @Test
    void json() {
        ok(ip(h1(), "ip -j link"), "[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\",\"LOWER_UP\"],"
                + "\"mtu\":65536,\"qdisc\":\"noqueue\",\"operstate\":\"UNKNOWN\",\"linkmode\":\"DEFAULT\","
                + "\"group\":\"default\",\"txqlen\":1000,\"link_type\":\"loopback\",\"address\":\"00:00:00:00:00:00\","
                + "\"broadcast\":\"00:00:00:00:00:00\"},{\"ifindex\":2,\"link_index\":2,\"ifname\":\"eth0\","
                + "\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\",\"LOWER_UP\"],\"mtu\":1500,\"qdisc\":\"noqueue\","
                + "\"operstate\":\"UP\",\"linkmode\":\"DEFAULT\",\"group\":\"default\",\"txqlen\":1000,"
                + "\"link_type\":\"ether\",\"address\":\"02:00:00:00:00:0a\",\"broadcast\":\"ff:ff:ff:ff:ff:ff\","
                + "\"link_netnsid\":0}]\n");
    }

    @Test
    void prettyJson() {
        ok(ip(h1(), "ip -j -p link show eth0"), """
                [ {
                        "ifindex": 2,
                        "link_index": 2,
                        "ifname": "eth0",
                        "flags": [ "BROADCAST","MULTICAST","UP","LOWER_UP" ],
                        "mtu": 1500,
                        "qdisc": "noqueue",
                        "operstate": "UP",
                        "linkmode": "DEFAULT",
                        "group": "default",
                        "txqlen": 1000,
                        "link_type": "ether",
                        "address": "02:00:00:00:00:0a",
                        "broadcast": "ff:ff:ff:ff:ff:ff",
                        "link_netnsid": 0
                    } ]
                """);
        ok(ip(h1(), "ip --json --pretty link show eth0"), ip(h1(), "ip -j -p link show eth0").stdout());
    }

    @Test
    void carrierLostAndAdminDown() {
        NetNs ns = h1();
        NetDev eth0 = ns.devs().byName("eth0");
        ns.carrierChanged(eth0.ifindex(), false);
        // the peer's ifindex equals ours (2): default_operstate says DOWN, not LOWERLAYERDOWN
        ok(ip(ns, "ip link show eth0"), """
                2: eth0@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff link-netns r1
                """);
        NetDev eth1 = ns.addDevice("eth1", DevKind.VETH, 0x02000000000bL, 1500);
        eth1.setPeer(7, "r2");
        ns.linkSetUp(eth1, true);
        // Linux 6.12+ looks the lower device (ifindex 7) up in this namespace: none here, so DOWN
        ok(ip(ns, "ip link show eth1"), """
                3: eth1@if7: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:0b brd ff:ff:ff:ff:ff:ff link-netns r2
                """);
        assertTrue(ip(ns, "ip -j link show eth1").stdout().contains("\"link_netnsid\":1"), "r2 is the second nsid");
        ok(ip(ns, "ip -br link show eth1"),
                "eth1@if7         DOWN           02:00:00:00:00:0b <NO-CARRIER,BROADCAST,MULTICAST,UP> \n");
        // a device here has the peer's ifindex (eth0, 2) and no carrier: LOWERLAYERDOWN, as 6.18 shows
        eth1.setPeer(2, "r2");
        ok(ip(ns, "ip -br link show eth1"),
                "eth1@if2         LOWERLAYERDOWN 02:00:00:00:00:0b <NO-CARRIER,BROADCAST,MULTICAST,UP> \n");
        ip(ns, "ip link set eth0 down");
        ok(ip(ns, "ip link show eth0"), """
                2: eth0@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff link-netns r1
                """);
    }

    @Test
    void vethPairInOneNamespace() {
        NetNs ns = h1();
        NetDev a = ns.addDevice("veth0", DevKind.VETH, 0x020000000001L, 1500);
        NetDev b = ns.addDevice("veth1", DevKind.VETH, 0x020000000002L, 1500);
        a.setPeer(b.ifindex(), "h1");
        b.setPeer(a.ifindex(), "h1");
        ns.linkSetUp(a, true);
        ok(ip(ns, "ip link show veth0"), """
                3: veth0@veth1: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue state LOWERLAYERDOWN mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff
                """);
        ok(ip(ns, "ip -j -br link show veth1"), "[{\"link\":\"veth0\",\"ifname\":\"veth1\",\"operstate\":\"DOWN\","
                + "\"address\":\"02:00:00:00:00:02\",\"flags\":[\"BROADCAST\",\"MULTICAST\"]}]\n");
    }

    @Test
    void aliasIsShownByIpLinkOnly() {
        NetNs ns = h1();
        ok(ip(ns, "ip link set eth0 alias 'my uplink'"), "");
        ok(ip(ns, "ip link show eth0"), ETH0 + "    alias my uplink\n");
        ok(ip(ns, "ip -o link show eth0"), ETH0.replace("\n    link", "\\    link").replace("r1\n", "r1\\    alias my uplink\n"));
        ok(ip(ns, "ip -j link show eth0"), "[{\"ifindex\":2,\"link_index\":2,\"ifname\":\"eth0\","
                + "\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\",\"LOWER_UP\"],\"mtu\":1500,\"qdisc\":\"noqueue\","
                + "\"operstate\":\"UP\",\"linkmode\":\"DEFAULT\",\"group\":\"default\",\"txqlen\":1000,"
                + "\"link_type\":\"ether\",\"address\":\"02:00:00:00:00:0a\",\"broadcast\":\"ff:ff:ff:ff:ff:ff\","
                + "\"link_netnsid\":0,\"ifalias\":\"my uplink\"}]\n");
        ok(ip(ns, "ip link set eth0 alias ''"), "");
        ok(ip(ns, "ip link show eth0"), ETH0);
    }

    @Test
    void filters() {
        NetNs ns = h1();
        ip(ns, "ip link add name br0 type bridge");
        ok(ip(ns, "ip -br link show up"), """
                lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP>\s
                eth0@if2         UP             02:00:00:00:00:0a <BROADCAST,MULTICAST,UP,LOWER_UP>\s
                """);
        // a link filtered by "up" still leaves an empty object in JSON, as iproute2 does
        ok(ip(ns, "ip -j -br link show up"),
                "[{\"ifname\":\"lo\",\"operstate\":\"UNKNOWN\",\"address\":\"00:00:00:00:00:00\","
                        + "\"flags\":[\"LOOPBACK\",\"UP\",\"LOWER_UP\"]},{\"link_index\":2,\"ifname\":\"eth0\","
                        + "\"operstate\":\"UP\",\"address\":\"02:00:00:00:00:0a\","
                        + "\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\",\"LOWER_UP\"]},{}]\n");
        // iproute2 6.1 has no "down" selector: the word is a device name
        fails(ip(ns, "ip link show down"), 1, "Device \"down\" does not exist.\n");
        ok(ip(ns, "ip -br link show type bridge"), "br0              DOWN           1a:46:b2:7f:b3:69 <BROADCAST,MULTICAST> \n");
        ok(ip(ns, "ip link show type bridge_slave"), "");
        ip(ns, "ip link set eth0 master br0");
        ok(ip(ns, "ip -br link show master br0"), "eth0@if2         UP             02:00:00:00:00:0a <BROADCAST,MULTICAST,UP,LOWER_UP> \n");
        ok(ip(ns, "ip -br link show nomaster"), """
                lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP>\s
                br0              DOWN           1a:46:b2:7f:b3:69 <BROADCAST,MULTICAST>\s
                """);
    }

    @Test
    void showErrors() {
        NetNs ns = h1();
        fails(ip(ns, "ip link show eth9"), 1, "Device \"eth9\" does not exist.\n");
        fails(ip(ns, "ip -j link show eth9"), 1, "Device \"eth9\" does not exist.\n");
        fails(ip(ns, "ip link show dev"), 255, "Command line is not complete. Try option \"help\"\n");
        fails(ip(ns, "ip link show lo lo"), 255, "Error: either \"dev\" is duplicate, or \"lo\" is a garbage.\n");
        fails(ip(ns, "ip link show master br0"), 255, "Error: argument \"br0\" is wrong: Device does not exist\n\n");
        fails(ip(ns, "ip link foo"), 255, "Command \"foo\" is unknown, try \"ip link help\".\n");
        fails(ip(ns, "ip link show to 10.0.0.1"), 1,
                "Error: \"10.0.0.1\" may be inet prefix, but it is not allowed in this context.\n");
    }

    /** As netemu has always written it: {@code '} escaped; iproute2 6.1 leaves it as is. */
    @Test
    void jsonEscapesNamesAndAliases() {
        NetNs ns = h1();
        ok(run(ns, "ip", "link", "add", "q'x", "type", "dummy"), "");
        ok(run(ns, "ip", "link", "set", "q'x", "alias", "it's\"\\odd"), "");
        String mac = new MacAddress(ns.devs().byName("q'x").mac()).toString();
        ok(run(ns, "ip", "-j", "-br", "link", "show", "q'x"), "[{\"ifname\":\"q\\'x\",\"operstate\":\"DOWN\","
                + "\"address\":\"" + mac + "\",\"flags\":[\"BROADCAST\",\"NOARP\"]}]\n");
        assertTrue(run(ns, "ip", "-j", "link", "show", "q'x").stdout()
                .endsWith(",\"ifalias\":\"it\\'s\\\"\\\\odd\"}]\n"));
    }

    /** Words as given, for the quote characters {@link IpFixture#words} would take as quoting. */
    private static CommandResult run(NetNs ns, String... argv) {
        return new IpCommand(() -> 0L).run(List.of(argv), ns);
    }
}
