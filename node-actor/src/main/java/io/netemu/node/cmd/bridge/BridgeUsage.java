package io.netemu.node.cmd.bridge;

/** The usage texts of iproute2 6.1's bridge, byte for byte (printed to stderr, exit 255). */
final class BridgeUsage {
    private BridgeUsage() {}

    static final String MAIN = """
            Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }
                   bridge [ -force ] -batch filename
            where  OBJECT := { link | fdb | mdb | vlan | monitor }
                   OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |
                                -o[neline] | -t[imestamp] | -n[etns] name |
                                -c[ompressvlans] -color -p[retty] -j[son] }
            """;
    static final String FDB = """
            Usage: bridge fdb { add | append | del | replace } ADDR dev DEV
                          [ self ] [ master ] [ use ] [ router ] [ extern_learn ]
                          [ sticky ] [ local | static | dynamic ] [ vlan VID ]
                          { [ dst IPADDR ] [ port PORT] [ vni VNI ] | [ nhid NHID ] }
            \t       [ via DEV ] [ src_vni VNI ]
                   bridge fdb [ show [ br BRDEV ] [ brport DEV ] [ vlan VID ]
                          [ state STATE ] [ dynamic ] ]
                   bridge fdb get [ to ] LLADDR [ br BRDEV ] { brport | dev } DEV
                          [ vlan VID ] [ vni VNI ] [ self ] [ master ] [ dynamic ]
                   bridge fdb flush dev DEV [ brport DEV ] [ vlan VID ]
                          [ self ] [ master ] [ [no]permanent | [no]static | [no]dynamic ]
                          [ [no]added_by_user ] [ [no]extern_learn ] [ [no]sticky ]
                          [ [no]offloaded ]
            """;
    static final String LINK = """
            Usage: bridge link set dev DEV [ cost COST ] [ priority PRIO ] [ state STATE ]
                                           [ guard {on | off} ]
                                           [ hairpin {on | off} ]
                                           [ fastleave {on | off} ]
                                           [ root_block {on | off} ]
                                           [ learning {on | off} ]
                                           [ learning_sync {on | off} ]
                                           [ flood {on | off} ]
                                           [ mcast_router MULTICAST_ROUTER ]
                                           [ mcast_flood {on | off} ]
                                           [ bcast_flood {on | off} ]
                                           [ mcast_to_unicast {on | off} ]
                                           [ neigh_suppress {on | off} ]
                                           [ vlan_tunnel {on | off} ]
                                           [ isolated {on | off} ]
                                           [ locked {on | off} ]
                                           [ hwmode {vepa | veb} ]
                                           [ backup_port DEVICE ] [ nobackup_port ]
                                           [ self ] [ master ]
                   bridge link show [dev DEV]
            """;
    static final String VLAN = """
            Usage: bridge vlan { add | del } vid VLAN_ID dev DEV [ tunnel_info id TUNNEL_ID ]
                                                                 [ pvid ] [ untagged ]
                                                                 [ self ] [ master ]
                   bridge vlan { set } vid VLAN_ID dev DEV [ state STP_STATE ]
                                                           [ mcast_router MULTICAST_ROUTER ]
                   bridge vlan { show } [ dev DEV ] [ vid VLAN_ID ]
                   bridge vlan { tunnelshow } [ dev DEV ] [ vid VLAN_ID ]
                   bridge vlan global { set } vid VLAN_ID dev DEV
                                  [ mcast_snooping MULTICAST_SNOOPING ]
                                  [ mcast_querier MULTICAST_QUERIER ]
                                  [ mcast_igmp_version IGMP_VERSION ]
                                  [ mcast_mld_version MLD_VERSION ]
                                  [ mcast_last_member_count LAST_MEMBER_COUNT ]
                                  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]
                                  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]
                                  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]
                                  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]
                                  [ mcast_querier_interval QUERIER_INTERVAL ]
                                  [ mcast_query_interval QUERY_INTERVAL ]
                                  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]
                   bridge vlan global { show } [ dev DEV ] [ vid VLAN_ID ]
            """;
    static final String MDB = """
            Usage: bridge mdb { add | del } dev DEV port PORT grp GROUP [src SOURCE] [permanent | temp] [vid VID]
                   bridge mdb {show} [ dev DEV ] [ vid VID ]
            """;
    static final String VNI = "Usage: bridge vni { add | del } vni VNI\n\t\t[ { group | remote } IP_ADDRESS ]\n"
            + "\t\t[ dev DEV ]\n       bridge vni { show }\n\nWhere:\tVNI\t:= 0-16777215\n";
    static final String MONITOR = "Usage: bridge monitor [file | link | fdb | mdb | vlan | vni | all]\n";
}
