package io.netemu.node.cmd.ethtool;

import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.ethtool.NlParams.Kind;
import io.netemu.node.cmd.ethtool.NlParams.Param;
import io.netemu.node.cmd.ethtool.NlParams.Spec;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.NicConfig;
import java.util.List;
import java.util.Map;

/**
 * {@code ethtool -l/-L DEV}: netemu's veth has only combined channels (an rx/tx queue pair
 * each, as virtio_net on this machine shows them), up to {@link NicConfig#CHANNELS_MAX}; Linux's
 * veth has separate rx/tx queues instead. -L's checks are net/ethtool/channels.c's: nothing to
 * change ends at once; then each count against its maximum (rx, tx, other, combined: 0, 0, 0,
 * 64), then that some rx and tx queue is left, named by the combined count when it changed.
 * Failures exit 1 as ethtool's nl_schannels does.
 */
final class EthtoolChannels {
    private static final List<Spec> PARAMS = List.of(new Spec("rx", Kind.U32, 0), new Spec("tx", Kind.U32, 0),
            new Spec("other", Kind.U32, 0), new Spec("combined", Kind.U32, 0));

    private EthtoolChannels() {}

    static CommandResult show(NetNs ns, String name) {
        NicConfig n = Nl.nic(ns, name, 1).nic();
        return CommandResult.ok("Channel parameters for " + name + ":\n"
                + "Pre-set maximums:\nRX:\t\tn/a\nTX:\t\tn/a\nOther:\t\tn/a\nCombined:\t" + NicConfig.CHANNELS_MAX + "\n"
                + "Current hardware settings:\nRX:\t\tn/a\nTX:\t\tn/a\nOther:\t\tn/a\nCombined:\t" + n.channels() + "\n");
    }

    /** Reads and writes {@link NicConfig#channels()}. */
    static CommandResult set(NetNs ns, String name, List<String> args) {
        Map<String, Param> p = NlParams.parse("-L", args, PARAMS, Nl.afterHeader(name, false));
        NetDev d = Nl.nic(ns, name, 1);
        NicConfig n = d.nic();
        long rx = NlParams.valueOr(p, "rx", 0);
        long tx = NlParams.valueOr(p, "tx", 0);
        long other = NlParams.valueOr(p, "other", 0);
        long combined = NlParams.valueOr(p, "combined", n.channels());
        boolean modCombined = combined != n.channels();
        if (rx == 0 && tx == 0 && other == 0 && !modCombined) {
            return CommandResult.ok("");
        }
        String over = rx > 0 ? "rx" : tx > 0 ? "tx" : other > 0 ? "other"
                : combined > NicConfig.CHANNELS_MAX ? "combined" : null;
        if (over != null) {
            throw Nl.extack(1, "requested channel count exceeds maximum", p.get(over).offset(), Nl.EINVAL);
        }
        if (combined == 0) { // rx and tx are 0 here: no queue would be left
            Param at = modCombined ? p.get("combined") : p.get("rx");
            throw Nl.extack(1, "requested channel counts would result in no RX or TX channel being configured",
                    at == null ? -1 : at.offset(), Nl.EINVAL);
        }
        ns.setNic(d, n.withChannels((int) combined));
        return CommandResult.ok("");
    }
}
