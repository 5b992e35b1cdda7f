package io.netemu.node.cmd.ethtool;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.QueueStats;
import java.util.List;
import java.util.Set;

/**
 * {@code ethtool -S DEV}: the driver's counters. veth's own (drivers/net/veth.c, checked on
 * this machine): peer_ifindex, then per rx queue xdp_packets, xdp_bytes, drops, xdp_redirect,
 * xdp_drops, xdp_tx, xdp_tx_errors, then per tx queue xdp_xmit, xdp_xmit_errors. netemu's veth
 * has a queue pair per combined channel and adds per queue what a multi-queue NIC driver shows
 * under igb/ixgbe's names (rx_queue_N_packets, rx_queue_N_bytes, tx_queue_N_packets,
 * tx_queue_N_bytes) and its NAPI poll count (rx_queue_N_polls, netemu's own). rx_queue_N_drops
 * counts frames the full ring refused. lo, bridge and dummy have no driver counters.
 * {@code --all-groups}/{@code --groups} ask for the standard groups, which none of them has.
 */
final class EthtoolStats {
    private static final Set<String> GROUPS = Set.of("eth-phy", "eth-mac", "eth-ctrl", "rmon");

    private EthtoolStats() {}

    static CommandResult show(NetNs ns, String name, List<String> args) {
        if (!args.isEmpty()) {
            return groups(ns, name, args);
        }
        if (name.length() >= 16) {
            throw EthtoolCommand.longName();
        }
        NetDev d = ns.devs().byName(name);
        if (d == null) {
            return new CommandResult(96, "", "Cannot get stats strings information: " + Nl.ENODEV + "\n");
        }
        if (d.kind() != DevKind.VETH) {
            return new CommandResult(94, "", "no stats available\n");
        }
        List<QueueStats> qs = ns.queueStats(d.ifindex());
        int queues = d.nic().channels();
        StringBuilder out = new StringBuilder("NIC statistics:\n");
        stat(out, "peer_ifindex", d.peerIfindex());
        for (int i = 0; i < queues; i++) {
            QueueStats q = i < qs.size() ? qs.get(i) : QueueStats.ZERO;
            String p = "rx_queue_" + i + "_";
            stat(out, p + "packets", q.rxPackets());
            stat(out, p + "bytes", q.rxBytes());
            stat(out, p + "xdp_packets", q.xdp().packets());
            stat(out, p + "xdp_bytes", q.xdp().bytes());
            stat(out, p + "drops", q.rxDrops());
            stat(out, p + "xdp_redirect", q.xdp().redirect());
            stat(out, p + "xdp_drops", q.xdp().drops());
            stat(out, p + "xdp_tx", q.xdp().tx());
            stat(out, p + "xdp_tx_errors", q.xdp().txErrors());
            stat(out, p + "polls", q.polls());
        }
        for (int i = 0; i < queues; i++) {
            QueueStats q = i < qs.size() ? qs.get(i) : QueueStats.ZERO;
            String p = "tx_queue_" + i + "_";
            stat(out, p + "packets", q.txPackets());
            stat(out, p + "bytes", q.txBytes());
            stat(out, p + "xdp_xmit", q.xdp().xmit());
            stat(out, p + "xdp_xmit_errors", q.xdp().xmitErrors());
        }
        return CommandResult.ok(out.toString());
    }

    private static void stat(StringBuilder out, String key, long value) {
        out.append("     ").append(key).append(": ").append(value).append('\n');
    }

    /** The netlink path (STATS_GET with groups): parsed as nl_gstats does, answered with the empty header. */
    private static CommandResult groups(NetNs ns, String name, List<String> args) {
        boolean seen = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.equals("--all-groups") && !a.equals("--groups")) {
                throw NlParams.bad("-S", "unknown parameter '" + a + "'");
            }
            if (seen) {
                throw NlParams.bad("-S", "duplicate parameter '--groups'"); // both set the same attribute
            }
            seen = true;
            if (a.equals("--groups")) {
                if (i + 1 >= args.size()) {
                    throw NlParams.bad("-S", "no value for parameter '--groups'");
                }
                for (i++; i < args.size(); i++) {
                    if (!GROUPS.contains(args.get(i))) {
                        throw new CommandExit(1, "ethtool: netemu: -S --groups " + args.get(i) + " is not supported yet");
                    }
                }
            }
        }
        if (ns.devs().byName(name) == null) {
            throw Nl.noDevice(1);
        }
        return CommandResult.ok("Standard stats for " + name + ":\n");
    }
}
