package io.netemu.node.cmd.ethtool;

import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;

/**
 * {@code ethtool DEV}: ethtool 6.1's five requests (link modes, link info, wake-on-LAN, debug,
 * link state), each printing what the driver answers. A veth reports a fixed 10000Mb/s full
 * duplex link; a bridge the fastest running port's speed and no duplex; lo only "Link
 * detected"; dummy nothing at all ("No data available", status 75, as ifb on this machine).
 * "Link detected" is netif_running && carrier.
 */
final class EthtoolSettings {
    private static final String NOT_REPORTED = """
            \tSupported ports: [  ]
            \tSupported link modes:   Not reported
            \tSupported pause frame use: No
            \tSupports auto-negotiation: No
            \tSupported FEC modes: Not reported
            \tAdvertised link modes:  Not reported
            \tAdvertised pause frame use: No
            \tAdvertised auto-negotiation: No
            \tAdvertised FEC modes: Not reported
            """;
    /** veth_get_link_ksettings. */
    static final int VETH_SPEED = 10000;

    private EthtoolSettings() {}

    static CommandResult show(NetNs ns, String name) {
        NetDev d = ns.devs().byName(name);
        if (d == null) {
            // every one of the five requests fails; none printed the banner
            String pair = "netlink error: no device matches name (offset 24)\nnetlink error: " + Nl.ENODEV + "\n";
            return new CommandResult(75, "No data available\n", pair.repeat(5));
        }
        String link = "\tLink detected: " + (d.running() ? "yes" : "no") + "\n";
        String head = "Settings for " + d.name() + ":\n";
        return switch (d.kind()) {
            case LOOPBACK -> CommandResult.ok(head + link);
            case DUMMY -> new CommandResult(75, "No data available\n", "");
            case VETH -> CommandResult.ok(head + NOT_REPORTED
                    + "\tSpeed: " + VETH_SPEED + "Mb/s\n\tDuplex: Full\n\tAuto-negotiation: off\n\tPort: Twisted Pair\n"
                    + "\tPHYAD: 0\n\tTransceiver: internal\n\tMDI-X: Unknown\n" + link);
            case BRIDGE -> CommandResult.ok(head + NOT_REPORTED
                    + "\tSpeed: " + bridgeSpeed(ns, d) + "\n\tDuplex: Unknown! (255)\n\tAuto-negotiation: off\n\tPort: Other\n"
                    + "\tPHYAD: 0\n\tTransceiver: internal\n" + link);
        };
    }

    /** br_get_link_ksettings: the highest speed among ports that are running and operationally up. */
    private static String bridgeSpeed(NetNs ns, NetDev br) {
        boolean any = ns.devs().ports(br.ifindex()).stream()
                .anyMatch(p -> p.kind() == DevKind.VETH && p.running());
        return any ? VETH_SPEED + "Mb/s" : "Unknown!";
    }
}
