package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.ip.IpFixture.h1;
import static io.netemu.node.cmd.ip.IpFixture.ip;
import static io.netemu.node.cmd.ip.IpFixture.ok;

import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevStats;
import org.junit.jupiter.api.Test;

/** {@code ip -d link} and {@code ip -s link}: the detail lines and the counters. */
class IpLinkDetailsTest {
    private static final String OFFLOADS =
            "numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 "
                    + "gro_max_size 65536 \n";

    @Test
    void detailsOfVethAndLoopback() {
        NetNs ns = h1();
        ok(ip(ns, "ip -d link show eth0"), """
                2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff link-netns r1 promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535\s
                    veth addrgenmode eui64\s""" + OFFLOADS);
        ok(ip(ns, "ip -d link show lo"), """
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 \
                addrgenmode eui64\s""" + OFFLOADS);
        // ip -d addr has no addrgenmode (do_link is false)
        ok(ip(ns, "ip -d addr show eth0"), """
                2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff link-netns r1 promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535\s
                    veth\s""" + OFFLOADS);
        ok(ip(ns, "ip -d -j link show lo"), "[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\",\"LOWER_UP\"],"
                + "\"mtu\":65536,\"qdisc\":\"noqueue\",\"operstate\":\"UNKNOWN\",\"linkmode\":\"DEFAULT\",\"group\":\"default\","
                + "\"txqlen\":1000,\"link_type\":\"loopback\",\"address\":\"00:00:00:00:00:00\","
                + "\"broadcast\":\"00:00:00:00:00:00\",\"promiscuity\":0,\"allmulti\":0,\"min_mtu\":0,\"max_mtu\":0,"
                + "\"inet6_addr_gen_mode\":\"eui64\",\"num_tx_queues\":1,\"num_rx_queues\":1,\"gso_max_size\":65536,"
                + "\"gso_max_segs\":65535,\"tso_max_size\":524280,\"tso_max_segs\":65535,\"gro_max_size\":65536}]\n");
    }

    @Test
    void detailsOfBridgeAndPort() {
        NetNs ns = h1();
        ip(ns, "ip link add name br0 address 02:00:00:00:00:b0 type bridge");
        ip(ns, "ip link set br0 up");
        ip(ns, "ip link set eth0 master br0");
        ok(ip(ns, "ip -d link show br0"), """
                3: br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:b0 brd ff:ff:ff:ff:ff:ff promiscuity 0  allmulti 0 minmtu 68 maxmtu 65535\s
                    bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 \
                vlan_filtering 0 bridge_id 8000.2:0:0:0:0:b0 designated_root 8000.2:0:0:0:0:b0 root_port 0 root_path_cost 0 \
                topology_change 0 topology_change_detected 0 hello_timer    0.00 tcn_timer    0.00 topology_change_timer    0.00 \
                gc_timer    0.00 group_fwd_mask 0 group_address 01:80:c2:00:00:00 mcast_snooping 1 no_linklocal_learn 0 \
                mcast_vlan_snooping 0 mcast_router 1 mcast_query_use_ifaddr 0 mcast_querier 0 mcast_hash_elasticity 16 \
                mcast_hash_max 4096 mcast_last_member_count 2 mcast_startup_query_count 2 mcast_last_member_interval 100 \
                mcast_membership_interval 26000 mcast_querier_interval 25500 mcast_query_interval 12500 \
                mcast_query_response_interval 1000 mcast_startup_query_interval 3124 mcast_stats_enabled 0 \
                mcast_igmp_version 2 mcast_mld_version 1 nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 \
                addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 \
                tso_max_segs 65535 gro_max_size 65536\s
                """);
        ok(ip(ns, "ip -d link show eth0"), """
                2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master br0 state UP mode DEFAULT group default qlen 1000
                    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff link-netns r1 promiscuity 1  allmulti 1 minmtu 68 maxmtu 65535\s
                    veth\s
                    bridge_slave state forwarding priority 32 cost 2 hairpin off guard off root_block off fastleave off \
                learning on flood on port_id 0x8001 port_no 0x1 designated_port 32769 designated_cost 0 \
                designated_bridge 8000.2:0:0:0:0:b0 designated_root 8000.2:0:0:0:0:b0 hold_timer    0.00 \
                message_age_timer    0.00 forward_delay_timer    0.00 topology_change_ack 0 config_pending 0 proxy_arp off \
                proxy_arp_wifi off mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on mcast_to_unicast off \
                neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off isolated off locked off \
                addrgenmode eui64\s""" + OFFLOADS);
        String json = ip(ns, "ip -d -j link show eth0").stdout();
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"linkinfo\":{\"info_kind\":\"veth\","
                + "\"info_slave_kind\":\"bridge\",\"info_slave_data\":{\"state\":\"forwarding\",\"priority\":32,\"cost\":2,"
                + "\"hairpin\":false,\"guard\":false,\"root_block\":false,\"fastleave\":false,\"learning\":true,"
                + "\"flood\":true,\"id\":\"0x8001\",\"no\":\"0x1\",\"designated_port\":32769"), json);
    }

    @Test
    void statistics() {
        NetNs ns = h1();
        ns.setStats(1, new DevStats(600, 36016800, 0, 0, 0, 600, 36016800, 0, 0, 0, 0, 0));
        String head = """
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                """;
        ok(ip(ns, "ip -s link show lo"), head + """
                    RX:  bytes packets errors dropped  missed   mcast          \s
                      36016800     600      0       0       0       0\s
                    TX:  bytes packets errors dropped carrier collsns          \s
                      36016800     600      0       0       0       0\s
                """);
        ok(ip(ns, "ip -s -s link show lo"), head + """
                    RX:  bytes packets errors dropped  missed   mcast          \s
                      36016800     600      0       0       0       0\s
                    RX errors:  length    crc   frame    fifo overrun
                                     0      0       0       0       0\s
                    TX:  bytes packets errors dropped carrier collsns          \s
                      36016800     600      0       0       0       0\s
                    TX errors: aborted   fifo  window heartbt transns
                                     0      0       0       0       0\s
                """);
        ok(ip(ns, "ip -h -s link show lo"), head + """
                    RX:  bytes packets errors dropped  missed   mcast          \s
                         36.0M     600      0       0       0       0\s
                    TX:  bytes packets errors dropped carrier collsns          \s
                         36.0M     600      0       0       0       0\s
                """);
        ok(ip(ns, "ip -iec -h -s link show lo"), head + """
                    RX:  bytes packets errors dropped  missed   mcast          \s
                        34.3Mi     600      0       0       0       0\s
                    TX:  bytes packets errors dropped carrier collsns          \s
                        34.3Mi     600      0       0       0       0\s
                """);
        ok(ip(ns, "ip -s -j link show lo"), "[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\",\"LOWER_UP\"],"
                + "\"mtu\":65536,\"qdisc\":\"noqueue\",\"operstate\":\"UNKNOWN\",\"linkmode\":\"DEFAULT\",\"group\":\"default\","
                + "\"txqlen\":1000,\"link_type\":\"loopback\",\"address\":\"00:00:00:00:00:00\","
                + "\"broadcast\":\"00:00:00:00:00:00\",\"stats64\":{\"rx\":{\"bytes\":36016800,\"packets\":600,\"errors\":0,"
                + "\"dropped\":0,\"over_errors\":0,\"multicast\":0},\"tx\":{\"bytes\":36016800,\"packets\":600,\"errors\":0,"
                + "\"dropped\":0,\"carrier_errors\":0,\"collisions\":0}}}]\n");
        // brief has no counters
        ok(ip(ns, "ip -s -br link show lo"), "lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n");
    }

    @Test
    void columnsWidenForLargeCounters() {
        NetNs ns = h1();
        ns.setStats(2, new DevStats(12, 123456789012L, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        ok(ip(ns, "ip -s -o link show eth0"), "2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                + "mode DEFAULT group default qlen 1000\\    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff link-netns r1"
                + "\\    RX:    bytes packets errors dropped  missed   mcast           "
                + "\\    123456789012      12      1       2       3       9 "
                + "\\    TX:    bytes packets errors dropped carrier collsns           "
                + "\\               5       4      6       7       8      10 \n");
    }

    @Test
    void statisticsAfterAddresses() {
        NetNs ns = h1();
        ok(ip(ns, "ip -s addr show dev lo"), """
                1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                    inet 127.0.0.1/8 scope host lo
                       valid_lft forever preferred_lft forever
                    RX:  bytes packets errors dropped  missed   mcast          \s
                             0       0      0       0       0       0\s
                    TX:  bytes packets errors dropped carrier collsns          \s
                             0       0      0       0       0       0\s
                """);
    }
}
