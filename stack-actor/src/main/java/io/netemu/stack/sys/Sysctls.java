package io.netemu.stack.sys;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code net.*} sysctls of one namespace, starting from the kernel's defaults for a new
 * netns (whatever the host has). Keys are dotted ({@code net.ipv4.ip_forward}); per-device
 * keys ({@code net.ipv4.conf.eth0.forwarding}) appear when the device does, copied from
 * {@code conf.default} as the kernel does.
 */
public final class Sysctls {
    /** Defaults of a fresh network namespace (Linux 6.x). */
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("net.core.dev_weight", "64"),
            Map.entry("net.core.netdev_budget", "300"),
            // 2 * USEC_PER_SEC / HZ: 8000 with the usual HZ=250 (this machine's kernel; 2000 only with HZ=1000)
            Map.entry("net.core.netdev_budget_usecs", "8000"),
            Map.entry("net.core.netdev_max_backlog", "1000"),
            Map.entry("net.core.somaxconn", "4096"),
            Map.entry("net.core.rmem_default", "212992"),
            // 4 MiB since upstream commit a6d4f25888b8 (was 212992); a fresh 6.18 netns shows 4194304
            Map.entry("net.core.rmem_max", "4194304"),
            Map.entry("net.core.wmem_default", "212992"),
            Map.entry("net.core.wmem_max", "4194304"),
            Map.entry("net.ipv4.ip_forward", "0"),
            Map.entry("net.ipv4.ip_default_ttl", "64"),
            Map.entry("net.ipv4.ip_no_pmtu_disc", "0"),
            Map.entry("net.ipv4.ip_local_port_range", "32768\t60999"),
            Map.entry("net.ipv4.icmp_echo_ignore_all", "0"),
            Map.entry("net.ipv4.icmp_echo_ignore_broadcasts", "1"),
            Map.entry("net.ipv4.icmp_ratelimit", "1000"),
            Map.entry("net.ipv4.icmp_ratemask", "6168"),
            Map.entry("net.ipv4.icmp_msgs_per_sec", "1000"),
            Map.entry("net.ipv4.icmp_msgs_burst", "50"),
            Map.entry("net.ipv4.ipfrag_time", "30"),
            Map.entry("net.ipv4.ipfrag_high_thresh", "4194304"),
            Map.entry("net.ipv4.ipfrag_low_thresh", "3145728"),
            Map.entry("net.ipv4.fib_multipath_hash_policy", "0"),
            Map.entry("net.ipv4.fib_multipath_use_neigh", "0"),
            Map.entry("net.ipv4.neigh.default.base_reachable_time_ms", "30000"),
            Map.entry("net.ipv4.neigh.default.retrans_time_ms", "1000"),
            Map.entry("net.ipv4.neigh.default.mcast_solicit", "3"),
            Map.entry("net.ipv4.neigh.default.ucast_solicit", "3"),
            Map.entry("net.ipv4.neigh.default.app_solicit", "0"),
            Map.entry("net.ipv4.neigh.default.delay_first_probe_time", "5"),
            Map.entry("net.ipv4.neigh.default.gc_stale_time", "60"),
            Map.entry("net.ipv4.neigh.default.unres_qlen", "101"),
            Map.entry("net.ipv4.neigh.default.unres_qlen_bytes", "212992"),
            Map.entry("net.ipv4.neigh.default.gc_thresh1", "128"),
            Map.entry("net.ipv4.neigh.default.gc_thresh2", "512"),
            Map.entry("net.ipv4.neigh.default.gc_thresh3", "1024"),
            Map.entry("net.ipv4.tcp_congestion_control", "cubic"),
            Map.entry("net.ipv4.tcp_rmem", "4096\t131072\t6291456"),
            Map.entry("net.ipv4.tcp_wmem", "4096\t16384\t4194304"),
            Map.entry("net.ipv4.tcp_sack", "1"),
            Map.entry("net.ipv4.tcp_timestamps", "1"),
            Map.entry("net.ipv4.tcp_window_scaling", "1"),
            // nf_conntrack (Linux 6.x defaults on a host with more than 4 GiB: 262144 buckets, max = buckets;
            // nf_conntrack_count is the live count, maintained by the tracker, not meant to be written)
            Map.entry("net.netfilter.nf_conntrack_acct", "0"),
            Map.entry("net.netfilter.nf_conntrack_buckets", "262144"),
            Map.entry("net.netfilter.nf_conntrack_checksum", "1"),
            Map.entry("net.netfilter.nf_conntrack_count", "0"),
            Map.entry("net.netfilter.nf_conntrack_events", "2"),
            Map.entry("net.netfilter.nf_conntrack_expect_max", "4096"),
            Map.entry("net.netfilter.nf_conntrack_generic_timeout", "600"),
            Map.entry("net.netfilter.nf_conntrack_helper", "0"),
            Map.entry("net.netfilter.nf_conntrack_icmp_timeout", "30"),
            Map.entry("net.netfilter.nf_conntrack_log_invalid", "0"),
            Map.entry("net.netfilter.nf_conntrack_max", "262144"),
            Map.entry("net.netfilter.nf_conntrack_tcp_be_liberal", "0"),
            Map.entry("net.netfilter.nf_conntrack_tcp_ignore_invalid_rst", "0"),
            Map.entry("net.netfilter.nf_conntrack_tcp_loose", "1"),
            Map.entry("net.netfilter.nf_conntrack_tcp_max_retrans", "3"),
            Map.entry("net.netfilter.nf_conntrack_tcp_timeout_close", "10"),
            Map.entry("net.netfilter.nf_conntrack_tcp_timeout_close_wait", "60"),
            Map.entry("net.netfilter.nf_conntrack_tcp_timeout_established", "432000"),
            Map.entry("net.netfilter.nf_conntrack_tcp_timeout_fin_wait", "120"),
            Map.entry("net.netfilter.nf_conntrack_tcp_timeout_last_ack", "30"),
            Map.entry("net.netfilter.nf_conntrack_tcp_timeout_max_retrans", "300"),
            Map.entry("net.netfilter.nf_conntrack_tcp_timeout_syn_recv", "60"),
            Map.entry("net.netfilter.nf_conntrack_tcp_timeout_syn_sent", "120"),
            Map.entry("net.netfilter.nf_conntrack_tcp_timeout_time_wait", "120"),
            Map.entry("net.netfilter.nf_conntrack_tcp_timeout_unacknowledged", "300"),
            Map.entry("net.netfilter.nf_conntrack_timestamp", "0"),
            Map.entry("net.netfilter.nf_conntrack_udp_timeout", "30"),
            Map.entry("net.netfilter.nf_conntrack_udp_timeout_stream", "120"));

    /** Per-device ({@code net.ipv4.conf.X.*}) keys and their defaults. */
    private static final Map<String, String> CONF_DEFAULTS = Map.of(
            "forwarding", "0",
            "rp_filter", "0",
            "accept_redirects", "1",
            "send_redirects", "1",
            "arp_ignore", "0",
            "arp_announce", "0",
            "arp_filter", "0",
            "proxy_arp", "0",
            "accept_local", "0",
            "ignore_routes_with_linkdown", "0");

    private final TreeMap<String, String> values = new TreeMap<>();
    /** Counts changes, so the data path can cache what it reads per packet (see HotSysctls). */
    private long version;

    public long version() { return version; }

    public Sysctls() {
        values.putAll(DEFAULTS);
        addConf("all");
        addConf("default");
    }

    private void addConf(String dev) {
        CONF_DEFAULTS.forEach((k, v) -> values.put("net.ipv4.conf." + dev + "." + k, v));
    }

    /** Adds {@code net.ipv4.conf.DEV.*} (and neigh) for a new device, from {@code conf.default}. */
    public void deviceAdded(String dev) {
        version++;
        CONF_DEFAULTS.keySet().forEach(k -> values.put("net.ipv4.conf." + dev + "." + k,
                values.get("net.ipv4.conf.default." + k)));
        if (!"all".equals(dev)) {
            values.put("net.ipv4.conf." + dev + ".forwarding", values.get("net.ipv4.ip_forward"));
        }
    }

    public void deviceRemoved(String dev) {
        version++;
        values.keySet().removeIf(k -> k.startsWith("net.ipv4.conf." + dev + "."));
    }

    public Optional<String> get(String key) { return Optional.ofNullable(values.get(key)); }

    public int getInt(String key) {
        String v = values.get(key);
        return v == null ? 0 : Integer.parseInt(v.trim().split("\\s+")[0]);
    }

    public boolean ipForward() { return getInt("net.ipv4.ip_forward") != 0; }

    /** Per-device forwarding, which the kernel keeps in step with {@code ip_forward}. */
    public boolean forwarding(String dev) {
        return getInt("net.ipv4.conf." + dev + ".forwarding") != 0;
    }

    public boolean exists(String key) { return values.containsKey(key); }

    /**
     * Writes a key. Numbers are normalised (whitespace-separated words joined by a tab, as
     * /proc prints vectors); {@code ip_forward} also sets every {@code conf.*.forwarding}, as
     * devinet's {@code devinet_sysctl_forward} does.
     *
     * @throws IllegalArgumentException if the key does not exist or the value is not a number
     */
    public void set(String key, String value) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("no such key");
        }
        String norm = String.join("\t", value.trim().split("\\s+"));
        String old = values.get(key);
        if (old.matches("-?\\d+(\t-?\\d+)*") && !norm.matches("-?\\d+(\t-?\\d+)*")) {
            throw new IllegalArgumentException("Invalid argument");
        }
        values.put(key, norm);
        version++;
        if (key.equals("net.ipv4.ip_forward") || key.equals("net.ipv4.conf.all.forwarding")) {
            String on = Integer.parseInt(norm) != 0 ? "1" : "0";
            values.put("net.ipv4.ip_forward", on);
            values.replaceAll((k, v) -> k.startsWith("net.ipv4.conf.") && k.endsWith(".forwarding") ? on : v);
        }
    }

    /** All keys, sorted, for {@code sysctl -a}. */
    public Map<String, String> all() { return java.util.Collections.unmodifiableMap(values); }
}
