package io.netemu.test.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes a new namespace start where netemu's do: at the kernel's compiled-in defaults.
 *
 * <p>Linux does not quite do that by itself: with {@code net.core.devconf_inherit_init_net=0}
 * (the default) a new namespace copies {@code net.ipv4.conf.{all,default}} from the host, so on
 * a CI host with Docker ({@code ip_forward=1}) or systemd's sysctl.d ({@code rp_filter=2}) a
 * "forwarding off" lab would forward. Changing the host's knob is not ours to do, so each new
 * namespace is reset key by key to the values of {@code ipv4_devconf}/{@code ipv4_devconf_dflt}
 * in net/ipv4/devinet.c, before any link is created in it ({@code default} is what new
 * interfaces copy).
 *
 * <p>IPv6 is switched off as well: netemu does not emulate it (topology-format.md "Details"),
 * and a Linux node would otherwise add fe80:: addresses and send router solicitations, DAD and
 * MLD frames that show up in {@code ip addr}, counters and captures but never in netemu.
 */
final class KernelDefaults {
    private KernelDefaults() {
    }

    /** The IPv4 per-interface settings a host distribution or container runtime may change, at their kernel defaults. */
    private static final Map<String, String> IPV4_CONF = Map.ofEntries(
            Map.entry("forwarding", "0"), Map.entry("rp_filter", "0"), Map.entry("accept_redirects", "1"),
            Map.entry("secure_redirects", "1"), Map.entry("send_redirects", "1"), Map.entry("shared_media", "1"),
            Map.entry("accept_source_route", "0"), Map.entry("proxy_arp", "0"), Map.entry("log_martians", "0"),
            Map.entry("arp_filter", "0"), Map.entry("arp_announce", "0"), Map.entry("arp_ignore", "0"),
            Map.entry("arp_accept", "0"), Map.entry("arp_notify", "0"), Map.entry("promote_secondaries", "0"),
            Map.entry("accept_local", "0"), Map.entry("route_localnet", "0"), Map.entry("src_valid_mark", "0"),
            Map.entry("bootp_relay", "0"), Map.entry("drop_gratuitous_arp", "0"),
            Map.entry("ignore_routes_with_linkdown", "0"), Map.entry("arp_evict_nocarrier", "1"));

    /** The {@code sysctl -e -q -w ...} words that reset a fresh namespace; {@code -e}: older kernels lack some keys. */
    static List<String> sysctlCommand() {
        List<String> argv = new ArrayList<>(List.of("sysctl", "-e", "-q", "-w"));
        for (String scope : List.of("all", "default", "lo")) {
            IPV4_CONF.forEach((key, value) -> {
                // ipv4_devconf_dflt differs from ipv4_devconf in this one key.
                String v = scope.equals("default") && key.equals("accept_source_route") ? "1" : value;
                if (!(scope.equals("lo") && key.equals("forwarding"))) {   // all.forwarding already sets lo's
                    argv.add("net.ipv4.conf." + scope + "." + key + "=" + v);
                }
            });
        }
        argv.add("net.ipv6.conf.all.disable_ipv6=1");
        argv.add("net.ipv6.conf.default.disable_ipv6=1");
        return argv;
    }
}
