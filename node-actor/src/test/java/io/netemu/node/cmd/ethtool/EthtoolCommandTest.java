package io.netemu.node.cmd.ethtool;

import static io.netemu.node.cmd.ethtool.EthtoolFixture.err;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.Commands;
import io.netemu.stack.NetNs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ethtool's command line, link settings and driver info. Every expected text here was compared
 * with ethtool 6.1 on Linux 6.18 (this machine) in a fresh namespace with the fixture's devices,
 * except dummy (not built into that kernel: from drivers/net/dummy.c, and ifb, which answers the
 * same way) and the "netemu:" refusals.
 */
class EthtoolCommandTest {
    private static final String BAD = "ethtool: bad command line argument(s)\nFor more information run ethtool -h\n";
    private final EthtoolFixture f = new EthtoolFixture();

    @Test
    void usageErrorsAsEthtoolMain() {
        assertEquals(err(1, BAD), f.run());
        assertEquals(err(1, BAD), f.run("--foo"));
        assertEquals(err(1, BAD), f.run("-g"));          // an option needs a device
        assertEquals(err(1, BAD), f.run("-"));
        assertEquals(err(1, BAD), f.run("--debug"));     // FLAGS: --debug MASK
        assertEquals(err(1, BAD), f.run("--json", "-i", "t10ha")); // -i has no JSON
        assertEquals(err(1, BAD), f.run("-i", "t10ha", "extra"));
        assertEquals(err(1, "ethtool: unexpected parameter 'b'\n"), f.run("-g", "a", "b"));
        assertEquals(err(1, "ethtool: unexpected parameter 'extra'\n"), f.run("-k", "t10ha", "extra"));
        assertEquals(CommandResult.ok("ethtool version 6.1\n"), f.run("--version", "extra"));
        assertEquals("driver: veth", f.run("--debug", "1", "-I", "-i", "t10ha").stdout().lines().findFirst().orElseThrow());
    }

    @Test
    void helpIsEthtoolsUsageCutToWhatNetemuEmulates() {
        CommandResult h = f.run("-h");
        assertEquals(0, h.exit());
        assertTrue(h.stdout().startsWith("ethtool version 6.1\nUsage:\n"
                + "        ethtool [ FLAGS ]  DEVNAME\tDisplay standard information about device\n"
                + "        ethtool [ FLAGS ] -c|--show-coalesce DEVNAME\tShow coalesce options\n"));
        assertTrue(h.stdout().contains("\t\t[ tx-push on|off]\n"));
        assertTrue(h.stdout().endsWith("\nnetemu emulates only the options and flags above.\n"));
        assertEquals(h, f.run("--help", "--foo"));
    }

    @Test
    void optionsNetemuDoesNotEmulateAreRefusedPlainly() {
        assertEquals(err(1, "ethtool: netemu: --show-pause is not supported yet\n"), f.run("--show-pause", "t10ha"));
        assertEquals(err(1, "ethtool: netemu: -s is not supported yet\n"), f.run("-s", "t10ha", "speed", "100"));
        assertEquals(err(1, "ethtool: netemu: --json is not supported yet\n"), f.run("--json", "-k", "t10ha"));
    }

    @Test
    void linkSettingsOfEachKind() {
        String veth = "Settings for t10ha:\n"
                + "\tSupported ports: [  ]\n\tSupported link modes:   Not reported\n\tSupported pause frame use: No\n"
                + "\tSupports auto-negotiation: No\n\tSupported FEC modes: Not reported\n"
                + "\tAdvertised link modes:  Not reported\n\tAdvertised pause frame use: No\n"
                + "\tAdvertised auto-negotiation: No\n\tAdvertised FEC modes: Not reported\n"
                + "\tSpeed: 10000Mb/s\n\tDuplex: Full\n\tAuto-negotiation: off\n\tPort: Twisted Pair\n"
                + "\tPHYAD: 0\n\tTransceiver: internal\n\tMDI-X: Unknown\n\tLink detected: yes\n";
        assertEquals(CommandResult.ok(veth), f.run("t10ha", "foo")); // extra words are ignored
        f.ns.linkSetUp(f.a, false);
        assertEquals(CommandResult.ok(veth.replace("detected: yes", "detected: no")), f.run("t10ha"));

        assertEquals(CommandResult.ok("Settings for lo:\n\tLink detected: yes\n"), f.run("lo"));
        String bridge = "Settings for t10hbr3:\n"
                + "\tSupported ports: [  ]\n\tSupported link modes:   Not reported\n\tSupported pause frame use: No\n"
                + "\tSupports auto-negotiation: No\n\tSupported FEC modes: Not reported\n"
                + "\tAdvertised link modes:  Not reported\n\tAdvertised pause frame use: No\n"
                + "\tAdvertised auto-negotiation: No\n\tAdvertised FEC modes: Not reported\n"
                + "\tSpeed: Unknown!\n\tDuplex: Unknown! (255)\n\tAuto-negotiation: off\n\tPort: Other\n"
                + "\tPHYAD: 0\n\tTransceiver: internal\n\tLink detected: no\n";
        assertEquals(CommandResult.ok(bridge), f.run("t10hbr3"));
        // a running veth port lends the bridge its speed (br_get_link_ksettings)
        f.ns.linkSetMaster(f.b, f.br);
        f.ns.linkSetUp(f.br, true);
        assertEquals(CommandResult.ok(bridge.replace("Speed: Unknown!", "Speed: 10000Mb/s")
                .replace("detected: no", "detected: yes")), f.run("t10hbr3"));

        String pair = "netlink error: no device matches name (offset 24)\nnetlink error: No such device\n";
        assertEquals(new CommandResult(75, "No data available\n", pair.repeat(5)), f.run("nosuch"));
        f.ns.addDevice("d0", io.netemu.stack.dev.DevKind.DUMMY, 0x020000000009L, 1500);
        assertEquals(new CommandResult(75, "No data available\n", ""), f.run("d0"));
    }

    @Test
    void driverInfo() {
        String tail = "supports-test: no\nsupports-eeprom-access: no\nsupports-register-dump: no\nsupports-priv-flags: no\n";
        assertEquals(CommandResult.ok("driver: veth\nversion: 1.0\nfirmware-version: \nexpansion-rom-version: \n"
                + "bus-info: \nsupports-statistics: yes\n" + tail), f.run("-i", "t10ha"));
        assertEquals(CommandResult.ok("driver: bridge\nversion: 2.3\nfirmware-version: N/A\nexpansion-rom-version: \n"
                + "bus-info: N/A\nsupports-statistics: no\n" + tail), f.run("--driver", "t10hbr3"));
        assertEquals(err(71, "Cannot get driver information: Operation not supported\n"), f.run("-i", "lo"));
        assertEquals(err(71, "Cannot get driver information: No such device\n"), f.run("-i", "nosuch"));
        assertEquals(err(1, "ethtool netlink support for subcommand missing, device name longer than 15 not supported\n"),
                f.run("-i", "aaaaaaaaaaaaaaaaaaaa"));
        f.ns.addDevice("d0", io.netemu.stack.dev.DevKind.DUMMY, 0x020000000009L, 1500);
        assertEquals(CommandResult.ok("driver: dummy\nversion: " + EthtoolInfo.KERNEL_RELEASE
                + "\nfirmware-version: \nexpansion-rom-version: \nbus-info: \nsupports-statistics: no\n" + tail),
                f.run("-i", "d0"));
    }

    @Test
    void registeredAsACommand() {
        CommandResult r = Commands.lookup("ethtool").orElseThrow().run(List.of("ethtool", "-i", "lo"), new NetNs("x"));
        assertEquals(71, r.exit());
    }
}
