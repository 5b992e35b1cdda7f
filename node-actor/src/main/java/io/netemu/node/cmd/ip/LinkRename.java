package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.NetDev;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ip link set DEV name NEW}: dev_change_name, then what follows it in the kernel: the
 * {@code net.ipv4.conf.DEV.*} sysctls move with their values, the address labels are
 * rewritten as inetdev_changename does, and the kernel log says so.
 */
final class LinkRename {
    private static final String CONF = "net.ipv4.conf.";

    private LinkRename() {}

    static void rename(NetNs ns, NetDev d, String name, long now) {
        if (!IpParse.kernelValidName(name)) {
            throw CommandExit.kernel("RTNETLINK answers: Invalid argument");
        }
        if (ns.devs().byName(name) != null) {
            throw CommandExit.kernel("RTNETLINK answers: File exists");
        }
        String old = d.name();
        Map<String, String> conf = new HashMap<>();
        String prefix = CONF + old + ".";
        ns.sysctl().all().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                conf.put(k.substring(prefix.length()), v);
            }
        });
        ns.devs().rename(d, name);
        ns.sysctl().deviceRemoved(old);
        ns.sysctl().deviceAdded(name);
        conf.forEach((k, v) -> {
            String key = CONF + name + "." + k;
            if (ns.sysctl().exists(key) && !ns.sysctl().get(key).orElse("").equals(v)) {
                ns.sysctl().set(key, v);
            }
        });
        relabel(ns, d);
        // dev_change_name's netdev_info, as Linux 6.x logs it
        ns.klog().log(now, name + ": renamed from " + old + (d.adminUp() ? " (while UP)" : ""));
    }

    /**
     * inetdev_changename: the first address takes the new name; each later one the new name
     * plus its old {@code :suffix}, or {@code :N} (its position) when it had none.
     */
    private static void relabel(NetNs ns, NetDev d) {
        List<InetAddr> added = ns.addrs().onDev(d.ifindex());
        if (added.isEmpty()) {
            return;
        }
        Map<InetAddr, String> labels = new HashMap<>();
        int named = 0;
        for (InetAddr a : AddrFormatter.kernelOrder(ns, d.ifindex())) {
            named++;
            String label = d.name();
            if (named > 1) {
                String oldLabel = a.label() == null ? "" : a.label();
                int colon = oldLabel.indexOf(':');
                String dot = colon >= 0 ? oldLabel.substring(colon) : ":" + named;
                if (dot.length() + label.length() < IpParse.IFNAMSIZ) {
                    label = label + dot;
                } else {
                    label = label.substring(0, IpParse.IFNAMSIZ - dot.length() - 1) + dot;
                }
            }
            labels.put(a, label);
        }
        ns.addrs().removeDev(d.ifindex());
        for (InetAddr a : added) {
            ns.addrs().add(new InetAddr(a.ifindex(), a.local(), a.prefixLen(), a.broadcast(), a.scope(),
                    labels.get(a), false));
        }
    }
}
