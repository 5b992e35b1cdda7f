package io.netemu.stack.sys;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code net.*} sysctls of one namespace, starting from the kernel's defaults for a new
 * netns (whatever the host has). Keys are dotted ({@code net.ipv4.ip_forward}); per-device
 * keys ({@code net.ipv4.conf.eth0.forwarding}) appear when the device does, copied from
 * {@code conf.default} as the kernel does.
 *
 * <p>Kept small, since a lab has tens of thousands of namespaces: the defaults are one shared
 * table, a namespace holds only the keys written in it, and each device's {@code conf} keys
 * are one array of values.
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
            Map.entry("net.ipv4.tcp_fin_timeout", "60"),
            Map.entry("net.ipv4.tcp_retries2", "15"),
            Map.entry("net.ipv4.tcp_syn_retries", "6"),
            Map.entry("net.ipv4.tcp_synack_retries", "5"),
            Map.entry("net.ipv4.tcp_moderate_rcvbuf", "1"),
            Map.entry("net.ipv4.tcp_available_congestion_control", "reno cubic"),
            Map.entry("net.ipv4.udp_rmem_min", "4096"),
            Map.entry("net.ipv4.udp_wmem_min", "4096"),
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

    /** Per-device ({@code net.ipv4.conf.X.*}) keys, in the order of each device's value array. */
    private static final String[] CONF_KEYS = {
        "forwarding", "rp_filter", "accept_redirects", "send_redirects", "arp_ignore", "arp_announce",
        "arp_filter", "proxy_arp", "accept_local", "ignore_routes_with_linkdown"};
    private static final String[] CONF_DEFAULTS = {"0", "0", "1", "1", "0", "0", "0", "0", "0", "0"};
    private static final int FORWARDING = 0;
    private static final String CONF = "net.ipv4.conf.";
    private static final String IP_FORWARD = "net.ipv4.ip_forward";

    /** The global keys written in this namespace (the rest are {@link #DEFAULTS}); null until the first write. */
    private Map<String, String> written;
    /** Each device's conf values (all, default, then devices), indexed as {@link #CONF_KEYS}. */
    private final Map<String, String[]> conf = new LinkedHashMap<>(8);
    /** Counts changes, so the data path can cache what it reads per packet (see HotSysctls). */
    private long version;

    public long version() { return version; }

    public Sysctls() {
        conf.put("all", CONF_DEFAULTS.clone());
        conf.put("default", CONF_DEFAULTS.clone());
    }

    /** Adds {@code net.ipv4.conf.DEV.*} (and neigh) for a new device, from {@code conf.default}. */
    public void deviceAdded(String dev) {
        version++;
        String[] v = conf.get("default").clone();
        if (!"all".equals(dev)) {
            v[FORWARDING] = global(IP_FORWARD);
        }
        conf.put(dev, v);
    }

    public void deviceRemoved(String dev) {
        version++;
        conf.remove(dev);
    }

    private String global(String key) {
        String v = written == null ? null : written.get(key);
        return v != null ? v : DEFAULTS.get(key);
    }

    private static int confIndex(String key) {
        for (int i = 0; i < CONF_KEYS.length; i++) {
            if (CONF_KEYS[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code net.ipv4.conf.DEV.KEY}'s device array and index, or null if there is no such key. */
    private String[] confValues(String key, int[] index) {
        if (!key.startsWith(CONF)) {
            return null;
        }
        int dot = key.lastIndexOf('.');
        if (dot <= CONF.length()) {
            return null;
        }
        String[] v = conf.get(key.substring(CONF.length(), dot));
        int i = confIndex(key.substring(dot + 1));
        if (v == null || i < 0) {
            return null;
        }
        index[0] = i;
        return v;
    }

    public Optional<String> get(String key) { return Optional.ofNullable(value(key)); }

    private String value(String key) {
        int[] i = new int[1];
        String[] v = confValues(key, i);
        return v != null ? v[i[0]] : global(key);
    }

    public int getInt(String key) {
        String v = value(key);
        return v == null ? 0 : Integer.parseInt(v.trim().split("\\s+")[0]);
    }

    public boolean ipForward() { return getInt(IP_FORWARD) != 0; }

    /** Per-device forwarding, which the kernel keeps in step with {@code ip_forward}. */
    public boolean forwarding(String dev) {
        String[] v = conf.get(dev);
        return v != null && Integer.parseInt(v[FORWARDING]) != 0;
    }

    /**
     * IN_DEV_ORCONF: {@code net.ipv4.conf.all.KEY} or {@code conf.DEV.KEY} is non-zero (false for a
     * device without conf entries). For per-device keys of {@link #CONF_KEYS} only.
     */
    public boolean confOr(String dev, String key) {
        int i = confIndex(key);
        String[] all = conf.get("all");
        String[] d = conf.get(dev);
        return i >= 0 && (nonZero(all[i]) || (d != null && nonZero(d[i])));
    }

    private static boolean nonZero(String v) {
        return Integer.parseInt(v.trim().split("\\s+")[0]) != 0;
    }

    public boolean exists(String key) { return value(key) != null; }

    /**
     * Writes a key. Numbers are normalised (whitespace-separated words joined by a tab, as
     * /proc prints vectors); {@code ip_forward} also sets every {@code conf.*.forwarding}, as
     * devinet's {@code devinet_sysctl_forward} does.
     *
     * @throws IllegalArgumentException if the key does not exist or the value is not a number
     */
    public void set(String key, String value) {
        String old = value(key);
        if (old == null) {
            throw new IllegalArgumentException("no such key");
        }
        String norm = String.join("\t", value.trim().split("\\s+"));
        if (old.matches("-?\\d+(\t-?\\d+)*") && !norm.matches("-?\\d+(\t-?\\d+)*")) {
            throw new IllegalArgumentException("Invalid argument");
        }
        put(key, norm);
        version++;
        if (key.equals(IP_FORWARD) || key.equals(CONF + "all.forwarding")) {
            String on = Integer.parseInt(norm) != 0 ? "1" : "0";
            put(IP_FORWARD, on);
            conf.values().forEach(v -> v[FORWARDING] = on);
        }
    }

    private void put(String key, String value) {
        int[] i = new int[1];
        String[] v = confValues(key, i);
        if (v != null) {
            v[i[0]] = value;
        } else if (!value.equals(DEFAULTS.get(key)) || written != null && written.containsKey(key)) {
            if (written == null) {
                written = new HashMap<>(4);
            }
            written.put(key, value);
        }
    }

    /** All keys, sorted, for {@code sysctl -a}. */
    public Map<String, String> all() {
        TreeMap<String, String> all = new TreeMap<>(DEFAULTS);
        if (written != null) {
            all.putAll(written);
        }
        conf.forEach((dev, v) -> {
            for (int i = 0; i < CONF_KEYS.length; i++) {
                all.put(CONF + dev + "." + CONF_KEYS[i], v[i]);
            }
        });
        return java.util.Collections.unmodifiableMap(all);
    }
}
