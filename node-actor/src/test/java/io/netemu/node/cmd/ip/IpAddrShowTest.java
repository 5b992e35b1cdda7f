package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.ip.IpFixture.h1;
import static io.netemu.node.cmd.ip.IpFixture.ip;
import static io.netemu.node.cmd.ip.IpFixture.ok;

import io.netemu.stack.NetNs;
import org.junit.jupiter.api.Test;

/** {@code ip addr show} in every format, with primaries, secondaries, labels and brd. */
class IpAddrShowTest {
    private static NetNs configured() {
        NetNs ns = h1();
        ok(ip(ns, "ip addr add 10.0.1.2/24 dev eth0"), "");
        ok(ip(ns, "ip addr add 10.0.1.3/24 brd + dev eth0"), "");
        ok(ip(ns, "ip addr add 10.0.2.2/16 dev eth0 label eth0:x"), "");
        return ns;
    }

    private static final String LO = """
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                inet 127.0.0.1/8 scope host lo
                   valid_lft forever preferred_lft forever
            """;
    /** Primaries first (10.0.2.2 was added after the secondary 10.0.1.3), as __inet_insert_ifa keeps them. */
    private static final String ETH0_ADDRS = """
                inet 10.0.1.2/24 scope global eth0
                   valid_lft forever preferred_lft forever
                inet 10.0.2.2/16 scope global eth0:x
                   valid_lft forever preferred_lft forever
                inet 10.0.1.3/24 brd 10.0.1.255 scope global secondary eth0
                   valid_lft forever preferred_lft forever
            """;

    @Test
    void text() {
        NetNs ns = configured();
        String all = LO + """
                2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff link-netns r1
                """ + ETH0_ADDRS;
        ok(ip(ns, "ip addr"), all);
        ok(ip(ns, "ip a"), all);
        ok(ip(ns, "ip address show"), all);
        ok(ip(ns, "ip a l"), all);
        ok(ip(ns, "ip addr lst"), all);
    }

    @Test
    void inet4OnlyDropsTheLinkLine() {
        ok(ip(configured(), "ip -4 addr"), """
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000 link-netns r1
                """ + ETH0_ADDRS);
        ok(ip(configured(), "ip -f inet addr show dev lo"), """
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                """);
        ok(ip(configured(), "ip -6 addr"), "");
        ok(ip(configured(), "ip -0 addr show lo"), """
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                """);
    }

    @Test
    void oneline() {
        ok(ip(configured(), "ip -o addr"), """
                1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
                2: eth0    inet 10.0.1.2/24 scope global eth0\\       valid_lft forever preferred_lft forever
                2: eth0    inet 10.0.2.2/16 scope global eth0:x\\       valid_lft forever preferred_lft forever
                2: eth0    inet 10.0.1.3/24 brd 10.0.1.255 scope global secondary eth0\\       valid_lft forever preferred_lft forever
                """);
    }

    @Test
    void brief() {
        NetNs ns = configured();
        ok(ip(ns, "ip -br addr"), """
                lo               UNKNOWN        127.0.0.1/8\s
                eth0@if2         UP             10.0.1.2/24 10.0.2.2/16 10.0.1.3/24\s
                """);
        ok(ip(ns, "ip -br -j addr"), "[{\"ifname\":\"lo\",\"operstate\":\"UNKNOWN\",\"addr_info\":[{\"local\":\"127.0.0.1\","
                + "\"prefixlen\":8}]},{\"link_index\":2,\"ifname\":\"eth0\",\"operstate\":\"UP\",\"addr_info\":"
                + "[{\"local\":\"10.0.1.2\",\"prefixlen\":24},{\"local\":\"10.0.2.2\",\"prefixlen\":16},"
                + "{\"local\":\"10.0.1.3\",\"prefixlen\":24}]}]\n");
        ip(ns, "ip link add name br0 type bridge");
        ok(ip(ns, "ip -br addr show br0"), "br0              DOWN           \n");
    }

    @Test
    void json() {
        ok(ip(configured(), "ip -j addr show dev eth0"), "[{\"ifindex\":2,\"link_index\":2,\"ifname\":\"eth0\","
                + "\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\",\"LOWER_UP\"],\"mtu\":1500,\"qdisc\":\"noqueue\","
                + "\"operstate\":\"UP\",\"group\":\"default\",\"txqlen\":1000,\"link_type\":\"ether\","
                + "\"address\":\"02:00:00:00:00:0a\",\"broadcast\":\"ff:ff:ff:ff:ff:ff\",\"link_netnsid\":0,"
                + "\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.0.1.2\",\"prefixlen\":24,\"scope\":\"global\","
                + "\"label\":\"eth0\",\"valid_life_time\":4294967295,\"preferred_life_time\":4294967295},"
                + "{\"family\":\"inet\",\"local\":\"10.0.2.2\",\"prefixlen\":16,\"scope\":\"global\",\"label\":\"eth0:x\","
                + "\"valid_life_time\":4294967295,\"preferred_life_time\":4294967295},{\"family\":\"inet\","
                + "\"local\":\"10.0.1.3\",\"prefixlen\":24,\"broadcast\":\"10.0.1.255\",\"scope\":\"global\","
                + "\"secondary\":true,\"label\":\"eth0\",\"valid_life_time\":4294967295,"
                + "\"preferred_life_time\":4294967295}]}]\n");
        ok(ip(configured(), "ip -j -p addr show dev lo"), """
                [ {
                        "ifindex": 1,
                        "ifname": "lo",
                        "flags": [ "LOOPBACK","UP","LOWER_UP" ],
                        "mtu": 65536,
                        "qdisc": "noqueue",
                        "operstate": "UNKNOWN",
                        "group": "default",
                        "txqlen": 1000,
                        "link_type": "loopback",
                        "address": "00:00:00:00:00:00",
                        "broadcast": "00:00:00:00:00:00",
                        "addr_info": [ {
                                "family": "inet",
                                "local": "127.0.0.1",
                                "prefixlen": 8,
                                "scope": "host",
                                "label": "lo",
                                "valid_life_time": 4294967295,
                                "preferred_life_time": 4294967295
                            } ]
                    } ]
                """);
    }

    @Test
    void selectors() {
        NetNs ns = configured();
        ok(ip(ns, "ip addr add 10.0.5.1/24 dev eth0 scope link"), "");
        ok(ip(ns, "ip -o addr show scope link"),
                "2: eth0    inet 10.0.5.1/24 scope link eth0\\       valid_lft forever preferred_lft forever\n");
        // a label selector prints the addresses without their link
        ok(ip(ns, "ip addr show label eth0:*"), """
                    inet 10.0.2.2/16 scope global eth0:x
                       valid_lft forever preferred_lft forever
                """);
        ok(ip(ns, "ip -o addr show dev eth0 secondary"),
                "2: eth0    inet 10.0.1.3/24 brd 10.0.1.255 scope global secondary eth0\\       "
                        + "valid_lft forever preferred_lft forever\n");
        ok(ip(ns, "ip -o addr show dev eth0 to 10.0.2.0/24"),
                "2: eth0    inet 10.0.2.2/16 scope global eth0:x\\       valid_lft forever preferred_lft forever\n");
        // "to" sets the family, so the link/ether line goes as under -4
        ok(ip(ns, "ip addr show dev lo to 127.0.0.0/8"), """
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                """);
        ip(ns, "ip link set eth0 down");
        ok(ip(ns, "ip -br addr show up"), "lo               UNKNOWN        127.0.0.1/8 \n");
    }
}
