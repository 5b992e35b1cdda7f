package io.netemu.node.cmd.cat;

import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.QueueStats;
import java.util.List;

/**
 * {@code /proc/net/softnet_stat} as Linux 6.x prints it (net/core/net-procfs.c softnet_seq_show,
 * 15 columns of %08x per CPU, as on this machine): processed, dropped, time_squeeze, 0, five
 * zeros (fastroute, cpu_collision), received_rps, flow_limit_count, backlog length, the CPU's
 * index, input and process queue lengths.
 *
 * <p>netemu's "CPU" i is queue i of every device of the namespace (as with irq affinity of queue
 * i to CPU i): its processed and time_squeeze are the sums of those devices' QueueStats i, as
 * many rows as the most channels any device has. dropped stays 0: it counts backlog
 * (netif_rx) overflows, and netemu's veth is NAPI with its own rings, whose drops are the
 * device's (ethtool -S rx_queue_N_drops). No RPS, flow limit or backlog queue: 0.
 */
final class SoftnetStat {
    static final String PATH = "/proc/net/softnet_stat";

    private SoftnetStat() {}

    static String render(NetNs ns) {
        int rows = 1;
        for (NetDev d : ns.devs().all()) {
            rows = Math.max(rows, d.nic().channels());
        }
        long[] processed = new long[rows];
        long[] squeeze = new long[rows];
        for (NetDev d : ns.devs().all()) {
            List<QueueStats> qs = ns.queueStats(d.ifindex());
            for (int i = 0; i < rows && i < qs.size(); i++) {
                processed[i] += qs.get(i).processed();
                squeeze[i] += qs.get(i).timeSqueeze();
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            // the kernel's counters are u32: they wrap
            out.append(hex(processed[i])).append(' ').append(hex(0)).append(' ').append(hex(squeeze[i]));
            for (int z = 0; z < 8; z++) {
                out.append(' ').append(hex(0));
            }
            out.append(' ').append(hex(0)).append(' ').append(hex(i)).append(' ').append(hex(0)).append(' ').append(hex(0))
                    .append('\n');
        }
        return out.toString();
    }

    private static String hex(long v) {
        return String.format("%08x", v & 0xffffffffL);
    }
}
