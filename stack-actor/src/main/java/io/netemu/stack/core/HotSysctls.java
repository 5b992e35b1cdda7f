package io.netemu.stack.core;

import io.netemu.stack.dev.NetDev;
import io.netemu.stack.sys.Sysctls;
import java.util.HashMap;
import java.util.Map;

/**
 * The sysctls the data path reads for every packet, parsed once per change of the namespace's
 * sysctls instead of looked up and parsed per packet (the kernel reads them from its structs).
 */
public final class HotSysctls {
    private final Sysctls sysctl;
    private final Map<String, Boolean> forwarding = new HashMap<>(4);
    private long version = -1;
    private int hashPolicy;
    private int defaultTtl;
    private int maxBacklog;

    public HotSysctls(Sysctls sysctl) { this.sysctl = sysctl; }

    private void refresh() {
        if (sysctl.version() != version) {
            version = sysctl.version();
            forwarding.clear();
            hashPolicy = sysctl.getInt("net.ipv4.fib_multipath_hash_policy");
            defaultTtl = sysctl.getInt("net.ipv4.ip_default_ttl");
            maxBacklog = sysctl.getInt("net.core.netdev_max_backlog");
        }
    }

    /** net.ipv4.conf.DEV.forwarding of the input device. */
    public boolean forwarding(NetDev dev) {
        refresh();
        Boolean f = forwarding.get(dev.name());
        if (f == null) {
            f = sysctl.forwarding(dev.name());
            forwarding.put(dev.name(), f);
        }
        return f;
    }

    public int multipathHashPolicy() {
        refresh();
        return hashPolicy;
    }

    public int defaultTtl() {
        refresh();
        return defaultTtl;
    }

    public int maxBacklog() {
        refresh();
        return maxBacklog;
    }
}
