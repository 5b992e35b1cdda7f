package io.netemu.node.ns;

import io.netemu.device.DeviceCounters;
import io.netemu.device.QueueCounters;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.node.shell.Shell;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevStats;
import io.netemu.stack.dev.NetDev;
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
     * Commands that show devices read them fresh: {@code ip} listings (counters with -s,
     * carrier and operstate always), {@code ethtool}, {@code tc} and {@code cat} (softnet_stat).
     * Other commands run without the round trip to every device (a namespace with 10,000 veths
     * would otherwise send 10,000 messages per command), and so do {@code ip} changes: the round
     * trip is what makes a listing see the carrier the devices have settled on, as Linux's veth
     * sets it within the syscall that brought the device up.
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
        return switch (argv.get(0)) {
            case "ethtool", "cat", "tc" -> true;
            case "ip" -> ipLists(argv);
            default -> false;
        };
    }

    /** {@code ip [OPTIONS] OBJECT [show|list|get ...]}: a listing ({@code ip netns} reads no device). */
    private static boolean ipLists(List<String> argv) {
        int i = 1;
        while (i < argv.size() && argv.get(i).startsWith("-")) {
            String o = argv.get(i);
            if (o.equals("-n") || o.equals("-netns") || o.equals("-b") || o.equals("-batch")) {
                return false; // runs elsewhere (the other namespace refreshes its own) or from a file
            }
            i++;
        }
        if (i >= argv.size() || IprouteArgs.matches(argv.get(i), "netns")) {
            return false;
        }
        if (i + 1 >= argv.size()) {
            return true; // "ip link", "ip a": the object's default is to list
        }
        String verb = argv.get(i + 1);
        return IprouteArgs.matches(verb, "show") || IprouteArgs.matches(verb, "list") || verb.equals("lst")
                || IprouteArgs.matches(verb, "get") || !isVerb(verb);
    }

    /** The words that change state; anything else after the object (a device name, "dev") lists. */
    private static boolean isVerb(String w) {
        for (String v : List.of("add", "delete", "set", "change", "replace", "flush", "append", "prepend", "save",
                "restore", "help")) {
            if (IprouteArgs.matches(w, v)) {
                return true;
            }
        }
        return false;
    }

    /** A device's counters, as the namespace's commands read them. */
    static void store(NetNs ns, int ifindex, DeviceCounters c) {
        NetDev d = ns.devs().get(ifindex);
        if (d != null && d.carrier() != c.carrier()) {
            ns.carrierChanged(ifindex, c.carrier()); // the device's word as of now: its events before it are in
        }
        ns.setStats(ifindex, new DevStats(c.rxPackets(), c.rxBytes(), 0, c.rxDropped(), c.rxMissed(),
                c.txPackets(), c.txBytes(), 0, c.txDropped(), 0, 0, 0));
        List<QueueStats> qs = new ArrayList<>(c.queues().size());
        for (QueueCounters q : c.queues()) {
            qs.add(new QueueStats(q.rxPackets(), q.rxBytes(), q.drops(), q.polls(), q.processed(), q.timeSqueeze(),
                    q.txPackets(), q.txBytes(), q.xdp()));
        }
        ns.setQueueStats(ifindex, qs);
        if (c.qdisc() != null) {
            ns.setQdiscStats(ifindex, c.qdisc());
        }
    }
}
