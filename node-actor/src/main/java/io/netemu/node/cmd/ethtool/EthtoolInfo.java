package io.netemu.node.cmd.ethtool;

import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;

/**
 * {@code ethtool -i DEV} (an ioctl in ethtool 6.1, ETHTOOL_GDRVINFO): veth "1.0" and bridge
 * "2.3" as their drivers set them; dummy sets only its name, so the kernel fills the version
 * with its release (as ifb shows on this machine); lo has no drvinfo at all.
 * "supports-statistics" is whether {@code -S} has counters.
 */
final class EthtoolInfo {
    /** The kernel release netemu stands for (Linux 6.18, as the differential labs run). */
    static final String KERNEL_RELEASE = "6.18.44";

    private EthtoolInfo() {}

    static CommandResult show(NetNs ns, String name) {
        NetDev d = ns.devs().byName(name);
        if (d == null) {
            return new CommandResult(71, "", "Cannot get driver information: " + Nl.ENODEV + "\n");
        }
        return switch (d.kind()) {
            case LOOPBACK -> new CommandResult(71, "", "Cannot get driver information: " + Nl.EOPNOTSUPP + "\n");
            case VETH -> CommandResult.ok(info("veth", "1.0", "", "", true));
            case BRIDGE -> CommandResult.ok(info("bridge", "2.3", "N/A", "N/A", false));
            case DUMMY -> CommandResult.ok(info("dummy", KERNEL_RELEASE, "", "", false));
        };
    }

    private static String info(String driver, String version, String fw, String bus, boolean stats) {
        return "driver: " + driver + "\nversion: " + version + "\nfirmware-version: " + fw
                + "\nexpansion-rom-version: \nbus-info: " + bus + "\nsupports-statistics: " + (stats ? "yes" : "no")
                + "\nsupports-test: no\nsupports-eeprom-access: no\nsupports-register-dump: no\nsupports-priv-flags: no\n";
    }
}
