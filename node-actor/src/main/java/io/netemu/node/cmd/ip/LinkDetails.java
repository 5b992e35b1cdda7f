package io.netemu.node.cmd.ip;

import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.util.List;
import java.util.Locale;

/**
 * The {@code -d} part of a link: print_linktype's {@code veth}/{@code bridge}/{@code
 * bridge_slave} lines (ip/iplink_bridge.c, ip/iplink_bridge_slave.c) and the queue and
 * offload sizes. The bridge is Linux's default one (STP off, no VLAN filtering, no multicast
 * querier), so most values are its defaults; timers read 0.00.
 */
final class LinkDetails {
    private LinkDetails() {}

    /** After {@code link/ether ...}: promiscuity through gro_max_size. */
    static void print(Printer p, LinkView v, boolean doLink) {
        p.anyNum("promiscuity", v.promiscuity(), " promiscuity " + v.promiscuity() + " ");
        p.anyNum("allmulti", v.allmulti(), " allmulti " + v.allmulti() + " ");
        p.anyNum("min_mtu", v.minMtu(), "minmtu " + v.minMtu() + " ");
        p.anyNum("max_mtu", v.maxMtu(), "maxmtu " + v.maxMtu() + " ");
        if (v.kind() != null) {
            linkType(p, v);
        }
        if (doLink) {
            p.any("inet6_addr_gen_mode", "eui64", "addrgenmode eui64 ");
        }
        p.anyNum("num_tx_queues", 1, "numtxqueues 1 ");
        p.anyNum("num_rx_queues", 1, "numrxqueues 1 ");
        p.anyNum("gso_max_size", 65536, "gso_max_size 65536 ");
        p.anyNum("gso_max_segs", 65535, "gso_max_segs 65535 ");
        int tso = v.d.kind() == DevKind.BRIDGE ? 65536 : 524280;
        p.anyNum("tso_max_size", tso, "tso_max_size " + tso + " ");
        p.anyNum("tso_max_segs", 65535, "tso_max_segs 65535 ");
        p.anyNum("gro_max_size", 65536, "gro_max_size 65536 ");
    }

    /** print_linktype: the kind line, and the slave kind line of a bridge port. */
    private static void linkType(Printer p, LinkView v) {
        p.openObject("linkinfo");
        p.nl();
        p.any("info_kind", v.kind(), "    " + v.kind() + " ");
        if (v.d.kind() == DevKind.BRIDGE) {
            p.openObject("info_data");
            bridge(p, v);
            p.closeObject();
        }
        NetDev master = v.d.master() == 0 ? null : v.ns.devs().get(v.d.master());
        if (master != null) {
            p.nl();
            p.any("info_slave_kind", "bridge", "    bridge_slave ");
            p.openObject("info_slave_data");
            bridgePort(p, v, master);
            p.closeObject();
        }
        p.closeObject();
    }

    private static void bridge(Printer p, LinkView v) {
        String id = bridgeId(v.d.mac());
        num(p, "forward_delay", 1500);
        num(p, "hello_time", 200);
        num(p, "max_age", 2000);
        num(p, "ageing_time", 30000);
        num(p, "stp_state", 0);
        num(p, "priority", 32768);
        num(p, "vlan_filtering", 0);
        p.any("bridge_id", id, "bridge_id " + id + " ");
        p.any("root_id", id, "designated_root " + id + " ");
        num(p, "root_port", 0);
        num(p, "root_path_cost", 0);
        num(p, "topology_change", 0);
        num(p, "topology_change_detected", 0);
        timer(p, "hello_timer");
        timer(p, "tcn_timer");
        timer(p, "topology_change_timer");
        timer(p, "gc_timer");
        p.any("group_fwd_mask", "0", "group_fwd_mask 0 ");
        p.any("group_addr", "01:80:c2:00:00:00", "group_address 01:80:c2:00:00:00 ");
        num(p, "mcast_snooping", 1);
        num(p, "no_linklocal_learn", 0);
        num(p, "mcast_vlan_snooping", 0);
        num(p, "mcast_router", 1);
        num(p, "mcast_query_use_ifaddr", 0);
        num(p, "mcast_querier", 0);
        num(p, "mcast_hash_elasticity", 16);
        num(p, "mcast_hash_max", 4096);
        num(p, "mcast_last_member_cnt", "mcast_last_member_count", 2);
        num(p, "mcast_startup_query_cnt", "mcast_startup_query_count", 2);
        num(p, "mcast_last_member_intvl", "mcast_last_member_interval", 100);
        num(p, "mcast_membership_intvl", "mcast_membership_interval", 26000);
        num(p, "mcast_querier_intvl", "mcast_querier_interval", 25500);
        num(p, "mcast_query_intvl", "mcast_query_interval", 12500);
        num(p, "mcast_query_response_intvl", "mcast_query_response_interval", 1000);
        num(p, "mcast_startup_query_intvl", "mcast_startup_query_interval", 3124);
        num(p, "mcast_stats_enabled", 0);
        num(p, "mcast_igmp_version", 2);
        num(p, "mcast_mld_version", 1);
        num(p, "nf_call_iptables", 0);
        num(p, "nf_call_ip6tables", 0);
        num(p, "nf_call_arptables", 0);
    }

    private static void bridgePort(Printer p, LinkView v, NetDev br) {
        String id = bridgeId(br.mac());
        List<NetDev> ports = v.ns.devs().ports(br.ifindex());
        int no = ports.indexOf(v.d) + 1;
        String state = v.d.running() ? "forwarding" : "disabled";
        p.any("state", state, "state " + state + " ");
        num(p, "priority", 32);
        num(p, "cost", 2);
        flag(p, "hairpin", false);
        flag(p, "guard", false);
        flag(p, "root_block", false);
        flag(p, "fastleave", false);
        flag(p, "learning", true);
        flag(p, "flood", true);
        String portId = String.format(Locale.ROOT, "0x%x", 0x8000 | no);
        p.any("id", portId, "port_id " + portId + " ");
        p.any("no", "0x" + Integer.toHexString(no), "port_no 0x" + Integer.toHexString(no) + " ");
        num(p, "designated_port", 0x8000 | no);
        num(p, "designated_cost", 0);
        p.any("bridge_id", id, "designated_bridge " + id + " ");
        p.any("root_id", id, "designated_root " + id + " ");
        timer(p, "hold_timer");
        timer(p, "message_age_timer");
        timer(p, "forward_delay_timer");
        num(p, "topology_change_ack", 0);
        num(p, "config_pending", 0);
        flag(p, "proxy_arp", false);
        flag(p, "proxy_arp_wifi", false);
        num(p, "multicast_router", "mcast_router", 1);
        p.fp("mcast_fast_leave off ");
        flag(p, "mcast_flood", true);
        flag(p, "bcast_flood", true);
        flag(p, "mcast_to_unicast", false);
        flag(p, "neigh_suppress", false);
        p.any("group_fwd_mask", "0", "group_fwd_mask 0 ");
        p.any("group_fwd_mask_str", "0x0", "group_fwd_mask_str 0x0 ");
        flag(p, "vlan_tunnel", false);
        flag(p, "isolated", false);
        flag(p, "locked", false);
    }

    /** br_dump_bridge_id: priority as %.2x%.2x, then the address bytes as %x. */
    private static String bridgeId(long mac) {
        StringBuilder b = new StringBuilder("8000.");
        for (int i = 5; i >= 0; i--) {
            b.append(Long.toHexString((mac >>> (8 * i)) & 0xff)).append(i > 0 ? ":" : "");
        }
        return b.toString();
    }

    private static void num(Printer p, String key, long val) {
        num(p, key, key, val);
    }

    private static void num(Printer p, String jsonKey, String textKey, long val) {
        p.anyNum(jsonKey, val, textKey + " " + val + " ");
    }

    /** print_on_off: {@code learning on} / JSON true. */
    private static void flag(Printer p, String key, boolean on) {
        p.anyRaw(key, on ? "true" : "false", key + " " + (on ? "on" : "off") + " ");
    }

    /** A timer as {@code "%7.2f"}; netemu's bridge has none running. */
    private static void timer(Printer p, String key) {
        p.anyRaw(key, "0.00", key + " " + String.format(Locale.ROOT, "%7.2f", 0.0) + " ");
    }
}
