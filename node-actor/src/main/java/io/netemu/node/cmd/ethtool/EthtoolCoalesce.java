package io.netemu.node.cmd.ethtool;

import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.ethtool.NlParams.Kind;
import io.netemu.node.cmd.ethtool.NlParams.Param;
import io.netemu.node.cmd.ethtool.NlParams.Spec;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.NicConfig;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code ethtool -c/-C DEV}: interrupt coalescing. netemu's veth supports rx-usecs, rx-frames,
 * tx-usecs and tx-frames (supported_coalesce_params = USECS | MAX_FRAMES, as virtio_net without
 * adaptive); Linux's veth has no coalescing. The format is ethtool 6.1's (virtio_net's on this
 * machine), with n/a for what the driver does not report. -C's checks are
 * net/ethtool/coalesce.c's: any parameter the driver does not support, the lowest attribute type
 * first ("cannot modify an unsupported parameter"); nothing to change ends there; then the
 * driver's limits, which netemu takes from mlx5 (4095 µs, 65535 frames: ERANGE). Failures exit 1.
 */
final class EthtoolCoalesce {
    static final int MAX_USECS = 4095;
    static final int MAX_FRAMES = 65535;

    /** ethtool 6.1's -C parameters, with their ETHTOOL_A_COALESCE_* attribute types. */
    private static final List<Spec> PARAMS = List.of(
            new Spec("adaptive-rx", Kind.BOOL, 11), new Spec("adaptive-tx", Kind.BOOL, 12),
            new Spec("sample-interval", Kind.U32, 23), new Spec("stats-block-usecs", Kind.U32, 10),
            new Spec("pkt-rate-low", Kind.U32, 13), new Spec("pkt-rate-high", Kind.U32, 18),
            new Spec("rx-usecs", Kind.U32, 2), new Spec("rx-frames", Kind.U32, 3),
            new Spec("rx-usecs-irq", Kind.U32, 4), new Spec("rx-frames-irq", Kind.U32, 5),
            new Spec("tx-usecs", Kind.U32, 6), new Spec("tx-frames", Kind.U32, 7),
            new Spec("tx-usecs-irq", Kind.U32, 8), new Spec("tx-frames-irq", Kind.U32, 9),
            new Spec("rx-usecs-low", Kind.U32, 14), new Spec("rx-frames-low", Kind.U32, 15),
            new Spec("tx-usecs-low", Kind.U32, 16), new Spec("tx-frames-low", Kind.U32, 17),
            new Spec("rx-usecs-high", Kind.U32, 19), new Spec("rx-frames-high", Kind.U32, 20),
            new Spec("tx-usecs-high", Kind.U32, 21), new Spec("tx-frames-high", Kind.U32, 22),
            new Spec("cqe-mode-rx", Kind.BOOL, 25), new Spec("cqe-mode-tx", Kind.BOOL, 24));
    private static final List<String> SUPPORTED = List.of("rx-usecs", "rx-frames", "tx-usecs", "tx-frames");

    private EthtoolCoalesce() {}

    static CommandResult show(NetNs ns, String name) {
        NicConfig n = Nl.nic(ns, name, 1).nic();
        return CommandResult.ok("Coalesce parameters for " + name + ":\n"
                + "Adaptive RX: n/a  TX: n/a\n"
                + "stats-block-usecs: n/a\nsample-interval: n/a\npkt-rate-low: n/a\npkt-rate-high: n/a\n\n"
                + "rx-usecs: " + n.rxUsecs() + "\nrx-frames: " + n.rxFrames() + "\nrx-usecs-irq: n/a\nrx-frames-irq: n/a\n\n"
                + "tx-usecs: " + n.txUsecs() + "\ntx-frames: " + n.txFrames() + "\ntx-usecs-irq: n/a\ntx-frames-irq: n/a\n\n"
                + "rx-usecs-low: n/a\nrx-frame-low: n/a\ntx-usecs-low: n/a\ntx-frame-low: n/a\n\n"
                + "rx-usecs-high: n/a\nrx-frame-high: n/a\ntx-usecs-high: n/a\ntx-frame-high: n/a\n\n"
                + "CQE mode RX: n/a  TX: n/a\n\n");
    }

    /** Reads and writes {@link NicConfig#rxUsecs()}, {@code rxFrames}, {@code txUsecs}, {@code txFrames}. */
    static CommandResult set(NetNs ns, String name, List<String> args) {
        Map<String, Param> p = NlParams.parse("-C", args, PARAMS, Nl.afterHeader(name, false));
        NetDev d = Nl.nic(ns, name, 1);
        p.values().stream()
                .filter(v -> !SUPPORTED.contains(v.spec().name()))
                .min(Comparator.comparingInt(v -> v.spec().attr()))
                .ifPresent(v -> {
                    throw Nl.extack(1, "cannot modify an unsupported parameter", v.offset(), Nl.EINVAL);
                });
        NicConfig n = d.nic();
        long rxUsecs = NlParams.valueOr(p, "rx-usecs", n.rxUsecs());
        long rxFrames = NlParams.valueOr(p, "rx-frames", n.rxFrames());
        long txUsecs = NlParams.valueOr(p, "tx-usecs", n.txUsecs());
        long txFrames = NlParams.valueOr(p, "tx-frames", n.txFrames());
        if (rxUsecs == n.rxUsecs() && rxFrames == n.rxFrames() && txUsecs == n.txUsecs() && txFrames == n.txFrames()) {
            return CommandResult.ok("");
        }
        if (rxUsecs > MAX_USECS || txUsecs > MAX_USECS || rxFrames > MAX_FRAMES || txFrames > MAX_FRAMES) {
            throw Nl.errno(1, Nl.ERANGE);
        }
        ns.setNic(d, n.withRxCoalesce((int) rxUsecs, (int) rxFrames).withTxCoalesce((int) txUsecs, (int) txFrames));
        return CommandResult.ok("");
    }
}
