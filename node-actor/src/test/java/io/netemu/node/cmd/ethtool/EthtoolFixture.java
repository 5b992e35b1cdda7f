package io.netemu.node.cmd.ethtool;

import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.util.ArrayList;
import java.util.List;

/**
 * The namespace the real-Linux comparisons used (ethtool 6.1 on Linux 6.18, a fresh netns):
 * {@code ip link add t10ha type veth peer name t10hb} (t10hb is ifindex 2, t10ha 3), both up,
 * lo up, and {@code ip link add t10hbr3 type bridge} (4, down).
 */
class EthtoolFixture {
    final NetNs ns = new NetNs("t");
    final NetDev b = ns.addDevice("t10hb", DevKind.VETH, 0x020000000002L, 1500);
    final NetDev a = ns.addDevice("t10ha", DevKind.VETH, 0x020000000001L, 1500);
    final NetDev br = ns.addDevice("t10hbr3", DevKind.BRIDGE, 0x020000000003L, 1500);

    EthtoolFixture() {
        a.setPeer(b.ifindex(), null);
        b.setPeer(a.ifindex(), null);
        ns.linkSetUp(a, true);
        ns.linkSetUp(b, true);
        ns.carrierChanged(a.ifindex(), true);
        ns.carrierChanged(b.ifindex(), true);
        ns.drainEffects();
    }

    /** {@code ethtool ARGS}, the words as a shell splits them. */
    CommandResult run(String... args) {
        List<String> argv = new ArrayList<>(List.of("ethtool"));
        argv.addAll(List.of(args));
        return new EthtoolCommand().run(argv, ns);
    }

    static CommandResult err(int exit, String stderr) {
        return new CommandResult(exit, "", stderr);
    }
}
