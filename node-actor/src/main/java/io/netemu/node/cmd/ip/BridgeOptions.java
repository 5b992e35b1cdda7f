package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.stack.route.CNum;
import java.util.List;
import java.util.Map;

/**
 * The arguments after {@code type bridge} (bridge_parse_opt in ip/iplink_bridge.c). netemu's
 * bridges are Linux's default bridge, so an option that asks for the default is accepted and
 * any other value is refused (exit 2); an unknown word gets iproute2's own answer.
 */
final class BridgeOptions {
    private static final String USAGE =
            "Usage: ... bridge [ fdb_flush ]\n"
            + "\t\t  [ forward_delay FORWARD_DELAY ]\n"
            + "\t\t  [ hello_time HELLO_TIME ]\n"
            + "\t\t  [ max_age MAX_AGE ]\n"
            + "\t\t  [ ageing_time AGEING_TIME ]\n"
            + "\t\t  [ stp_state STP_STATE ]\n"
            + "\t\t  [ priority PRIORITY ]\n"
            + "\t\t  [ group_fwd_mask MASK ]\n"
            + "\t\t  [ group_address ADDRESS ]\n"
            + "\t\t  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]\n"
            + "\t\t  [ vlan_filtering VLAN_FILTERING ]\n"
            + "\t\t  [ vlan_protocol VLAN_PROTOCOL ]\n"
            + "\t\t  [ vlan_default_pvid VLAN_DEFAULT_PVID ]\n"
            + "\t\t  [ vlan_stats_enabled VLAN_STATS_ENABLED ]\n"
            + "\t\t  [ vlan_stats_per_port VLAN_STATS_PER_PORT ]\n"
            + "\t\t  [ mcast_snooping MULTICAST_SNOOPING ]\n"
            + "\t\t  [ mcast_vlan_snooping MULTICAST_VLAN_SNOOPING ]\n"
            + "\t\t  [ mcast_router MULTICAST_ROUTER ]\n"
            + "\t\t  [ mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR ]\n"
            + "\t\t  [ mcast_querier MULTICAST_QUERIER ]\n"
            + "\t\t  [ mcast_hash_elasticity HASH_ELASTICITY ]\n"
            + "\t\t  [ mcast_hash_max HASH_MAX ]\n"
            + "\t\t  [ mcast_last_member_count LAST_MEMBER_COUNT ]\n"
            + "\t\t  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]\n"
            + "\t\t  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]\n"
            + "\t\t  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]\n"
            + "\t\t  [ mcast_querier_interval QUERIER_INTERVAL ]\n"
            + "\t\t  [ mcast_query_interval QUERY_INTERVAL ]\n"
            + "\t\t  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]\n"
            + "\t\t  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]\n"
            + "\t\t  [ mcast_stats_enabled MCAST_STATS_ENABLED ]\n"
            + "\t\t  [ mcast_igmp_version IGMP_VERSION ]\n"
            + "\t\t  [ mcast_mld_version MLD_VERSION ]\n"
            + "\t\t  [ nf_call_iptables NF_CALL_IPTABLES ]\n"
            + "\t\t  [ nf_call_ip6tables NF_CALL_IP6TABLES ]\n"
            + "\t\t  [ nf_call_arptables NF_CALL_ARPTABLES ]\n"
            + "\n"
            + "Where: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n";

    /** Each option and its default as iproute2 prints it. */
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("forward_delay", "1500"), Map.entry("hello_time", "200"), Map.entry("max_age", "2000"),
            Map.entry("ageing_time", "30000"), Map.entry("stp_state", "0"), Map.entry("priority", "32768"),
            Map.entry("group_fwd_mask", "0"), Map.entry("group_address", "01:80:c2:00:00:00"),
            Map.entry("no_linklocal_learn", "0"), Map.entry("vlan_filtering", "0"),
            Map.entry("vlan_protocol", "802.1Q"),
            Map.entry("vlan_default_pvid", "1"), Map.entry("vlan_stats_enabled", "0"),
            Map.entry("vlan_stats_per_port", "0"), Map.entry("mcast_snooping", "1"),
            Map.entry("mcast_vlan_snooping", "0"), Map.entry("mcast_router", "1"),
            Map.entry("mcast_query_use_ifaddr", "0"), Map.entry("mcast_querier", "0"),
            Map.entry("mcast_hash_elasticity", "16"), Map.entry("mcast_hash_max", "4096"),
            Map.entry("mcast_last_member_count", "2"), Map.entry("mcast_startup_query_count", "2"),
            Map.entry("mcast_last_member_interval", "100"), Map.entry("mcast_membership_interval", "26000"),
            Map.entry("mcast_querier_interval", "25500"), Map.entry("mcast_query_interval", "12500"),
            Map.entry("mcast_query_response_interval", "1000"), Map.entry("mcast_startup_query_interval", "3124"),
            Map.entry("mcast_stats_enabled", "0"), Map.entry("mcast_igmp_version", "2"),
            Map.entry("mcast_mld_version", "1"), Map.entry("nf_call_iptables", "0"),
            Map.entry("nf_call_ip6tables", "0"), Map.entry("nf_call_arptables", "0"));

    private BridgeOptions() {}

    /** Checks the words after {@code type bridge}; returns normally when all ask for defaults. */
    static void check(List<String> args) {
        IprouteArgs a = new IprouteArgs(args);
        while (a.has()) {
            String w = a.cur();
            if (w.equals("fdb_flush")) {
                a.skip();
                continue;
            }
            if (IprouteArgs.matches(w, "help")) {
                throw CommandExit.fail(USAGE);
            }
            String def = DEFAULTS.get(w);
            if (def == null) {
                throw CommandExit.fail("bridge: unknown command \"" + w + "\"?\n" + USAGE);
            }
            String v = a.next();
            boolean numeric = Character.isDigit(def.charAt(0)) && def.indexOf(':') < 0 && def.indexOf('.') < 0;
            if (numeric && CNum.strtoul(v) < 0) {
                throw IprouteArgs.invarg("invalid " + w, v);
            }
            boolean same = numeric ? CNum.strtoul(v) == Long.parseLong(def) : v.equalsIgnoreCase(def);
            if (!same) {
                throw IpCommand.unsupported("\"" + w + " " + v + "\" (netemu's bridge keeps Linux's default, "
                        + def + ")");
            }
            a.skip();
        }
    }
}
