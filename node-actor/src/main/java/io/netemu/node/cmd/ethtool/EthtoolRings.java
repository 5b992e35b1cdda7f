package io.netemu.node.cmd.ethtool;

import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.ethtool.NlParams.Kind;
import io.netemu.node.cmd.ethtool.NlParams.Param;
import io.netemu.node.cmd.ethtool.NlParams.Spec;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.NicConfig;
import java.util.List;
import java.util.Map;

/**
 * {@code ethtool -g/-G DEV}: ring sizes. Linux's veth has no ring parameters ("Operation not
 * supported"); netemu's veth has an rx and a tx ring per queue of {@link NicConfig#RING_MAX}
 * slots at most, and answers as a NIC driver with neither mini nor jumbo rings does (the format
 * is virtio_net's on this machine: n/a for what the driver does not report). -G's checks are
 * net/ethtool/rings.c's, in its order: attribute policy (before the device is even looked up),
 * the parameters no driver here supports, then the maximums; a ring of 0 is the driver's
 * "Invalid argument". Failures exit 81 as ethtool's nl_sring does.
 */
final class EthtoolRings {
    private static final int SET_FAILED = 81;
    private static final List<Spec> PARAMS = List.of(
            new Spec("rx", Kind.U32, 0), new Spec("rx-mini", Kind.U32, 0), new Spec("rx-jumbo", Kind.U32, 0),
            new Spec("tx", Kind.U32, 0), new Spec("rx-buf-len", Kind.U32, 0), new Spec("cqe-size", Kind.U32, 0),
            new Spec("tx-push", Kind.BOOL, 0));

    private EthtoolRings() {}

    static CommandResult show(NetNs ns, String name) {
        NicConfig n = Nl.nic(ns, name, 1).nic();
        return CommandResult.ok("Ring parameters for " + name + ":\n"
                + "Pre-set maximums:\n"
                + "RX:\t\t" + NicConfig.RING_MAX + "\nRX Mini:\tn/a\nRX Jumbo:\tn/a\nTX:\t\t" + NicConfig.RING_MAX + "\n"
                + "Current hardware settings:\n"
                + "RX:\t\t" + n.rxRing() + "\nRX Mini:\tn/a\nRX Jumbo:\tn/a\nTX:\t\t" + n.txRing() + "\n"
                + "RX Buf Len:\t\tn/a\nCQE Size:\t\tn/a\nTX Push:\toff\nTCP data split:\tn/a\n");
    }

    /** Reads and writes {@link NicConfig#rxRing()} and {@link NicConfig#txRing()}. */
    static CommandResult set(NetNs ns, String name, List<String> args) {
        Map<String, Param> p = NlParams.parse("-G", args, PARAMS, Nl.afterHeader(name, false));
        for (String min1 : List.of("rx-buf-len", "cqe-size")) { // NLA_POLICY_MIN(NLA_U32, 1)
            if (p.containsKey(min1) && p.get(min1).value() == 0) {
                throw Nl.extack(SET_FAILED, "integer out of range", p.get(min1).offset(), Nl.ERANGE);
            }
        }
        NetDev d = ns.devs().byName(name);
        if (d == null) {
            throw Nl.noDevice(SET_FAILED);
        }
        unsupported(p, "rx-buf-len", "setting rx buf len not supported");
        unsupported(p, "cqe-size", "setting cqe size not supported");
        unsupported(p, "tx-push", "setting tx push not supported");
        if (d.kind() != DevKind.VETH) {
            throw Nl.errno(SET_FAILED, Nl.EOPNOTSUPP);
        }
        NicConfig n = d.nic();
        long rx = NlParams.valueOr(p, "rx", n.rxRing());
        long tx = NlParams.valueOr(p, "tx", n.txRing());
        long mini = NlParams.valueOr(p, "rx-mini", 0);
        long jumbo = NlParams.valueOr(p, "rx-jumbo", 0);
        if (rx == n.rxRing() && tx == n.txRing() && mini == 0 && jumbo == 0) {
            return CommandResult.ok(""); // nothing to change: the kernel stops before any check
        }
        String over = rx > NicConfig.RING_MAX ? "rx" : mini > 0 ? "rx-mini" : jumbo > 0 ? "rx-jumbo"
                : tx > NicConfig.RING_MAX ? "tx" : null;
        if (over != null) {
            throw Nl.extack(SET_FAILED, "requested ring size exceeds maximum", p.get(over).offset(), Nl.EINVAL);
        }
        if (rx < NicConfig.RING_MIN || tx < NicConfig.RING_MIN) {
            throw Nl.errno(SET_FAILED, Nl.EINVAL); // the driver's own check, no extack
        }
        ns.setNic(d, n.withRings((int) rx, (int) tx));
        return CommandResult.ok("");
    }

    private static void unsupported(Map<String, Param> p, String name, String msg) {
        if (p.containsKey(name)) {
            throw Nl.extack(SET_FAILED, msg, p.get(name).offset(), Nl.EOPNOTSUPP);
        }
    }
}
