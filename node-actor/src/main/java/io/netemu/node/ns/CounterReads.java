package io.netemu.node.ns;

import io.netemu.device.DeviceCounters;
import io.netemu.device.QueueCounters;
import io.netemu.node.shell.Shell;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevStats;
import io.netemu.stack.dev.QueueStats;
import java.util.ArrayList;
import java.util.List;

/**
 * Which commands show device counters, and how a device actor's counters become what those
 * commands read in the namespace ({@code ip -s}'s DevStats, ethtool's and softnet_stat's
 * per-queue stats, tc's qdisc stats).
 */
final class CounterReads {
    private CounterReads() {}

    /**
     * Only {@code ip -s ...}, {@code ethtool}, {@code tc} and {@code cat} (softnet_stat) show
     * device counters: other commands run without the round trip to every device (a namespace
     * with 10,000 veths would otherwise send 10,000 messages per command).
     */
    static boolean needed(NamespaceActor.Command next) {
        List<String> argv;
        try {
            argv = next instanceof NamespaceActor.ExecArgv e ? e.argv() : Shell.words(((NamespaceActor.Exec) next).line());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (argv.isEmpty()) {
            return false;
        }
        switch (argv.get(0)) {
            case "ethtool", "cat", "tc" -> {
                return true;
            }
            case "ip" -> {
                for (String w : argv.subList(1, argv.size())) {
                    if (!w.startsWith("-")) {
                        return false; // the options end at the object
                    }
                    if (w.length() > 1 && ("-stats".startsWith(w) || "-statistics".startsWith(w))) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** A device's counters, as the namespace's commands read them. */
    static void store(NetNs ns, int ifindex, DeviceCounters c) {
        ns.setStats(ifindex, new DevStats(c.rxPackets(), c.rxBytes(), 0, c.rxDropped(), c.rxMissed(),
                c.txPackets(), c.txBytes(), 0, c.txDropped(), 0, 0, 0));
        List<QueueStats> qs = new ArrayList<>(c.queues().size());
        for (QueueCounters q : c.queues()) {
            qs.add(new QueueStats(q.rxPackets(), q.rxBytes(), q.drops(), q.polls(), q.processed(), q.timeSqueeze(),
                    q.txPackets(), q.txBytes(), 0, 0));
        }
        ns.setQueueStats(ifindex, qs);
        if (c.qdisc() != null) {
            ns.setQdiscStats(ifindex, c.qdisc());
        }
    }
}
