package io.netemu.node.cmd.ethtool;

import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ethtool} 6.1 (what Debian 12 ships), main(): {@code [FLAGS] OPTION DEVNAME [ARGS]}, or
 * {@code [FLAGS] DEVNAME} for the link settings. Each option is its own class; this one parses
 * the command line as ethtool does (FLAGS --debug N, -I, --json; the first word an option or a
 * device name) and answers its usage errors ("bad command line argument(s)", status 1). Options
 * ethtool has that netemu does not emulate are refused plainly.
 */
public final class EthtoolCommand implements Command {
    static final String VERSION = "ethtool version 6.1\n";

    private enum Mode { SETTINGS, DRIVER, GRING, SRING, GCHANNELS, SCHANNELS, GCOALESCE, SCOALESCE, GFEATURES, SFEATURES,
        STATS, HELP, VERSION }

    private static final Map<String, Mode> OPTIONS = Map.ofEntries(
            Map.entry("-i", Mode.DRIVER), Map.entry("--driver", Mode.DRIVER),
            Map.entry("-g", Mode.GRING), Map.entry("--show-ring", Mode.GRING),
            Map.entry("-G", Mode.SRING), Map.entry("--set-ring", Mode.SRING),
            Map.entry("-l", Mode.GCHANNELS), Map.entry("--show-channels", Mode.GCHANNELS),
            Map.entry("-L", Mode.SCHANNELS), Map.entry("--set-channels", Mode.SCHANNELS),
            Map.entry("-c", Mode.GCOALESCE), Map.entry("--show-coalesce", Mode.GCOALESCE),
            Map.entry("-C", Mode.SCOALESCE), Map.entry("--coalesce", Mode.SCOALESCE),
            Map.entry("-k", Mode.GFEATURES), Map.entry("--show-features", Mode.GFEATURES),
            Map.entry("--show-offload", Mode.GFEATURES),
            Map.entry("-K", Mode.SFEATURES), Map.entry("--features", Mode.SFEATURES), Map.entry("--offload", Mode.SFEATURES),
            Map.entry("-S", Mode.STATS), Map.entry("--statistics", Mode.STATS),
            Map.entry("-h", Mode.HELP), Map.entry("--help", Mode.HELP), Map.entry("--version", Mode.VERSION));

    /** ethtool 6.1's other options: real, but not emulated here. */
    private static final Set<String> NOT_EMULATED = Set.of("-s", "--change", "-a", "--show-pause", "-A", "--pause",
            "-d", "--register-dump", "-e", "--eeprom-dump", "-E", "--change-eeprom", "-r", "--negotiate", "-p",
            "--identify", "-t", "--test", "--phy-statistics", "-n", "-u", "--show-nfc", "--show-ntuple", "-N", "-U",
            "--config-nfc", "--config-ntuple", "-T", "--show-time-stamping", "-x", "--show-rxfh-indir", "--show-rxfh",
            "-X", "--set-rxfh-indir", "--rxfh", "-f", "--flash", "-P", "--show-permaddr", "-w", "--get-dump", "-W",
            "--set-dump", "--show-priv-flags", "--set-priv-flags", "-m", "--dump-module-eeprom", "--module-info",
            "--show-eee", "--set-eee", "--set-phy-tunable", "--get-phy-tunable", "--get-tunable", "--set-tunable",
            "--reset", "--show-fec", "--set-fec", "-Q", "--per-queue", "--cable-test", "--cable-test-tdr",
            "--show-tunnels", "--show-module", "--set-module", "--monitor");

    @Override
    public CommandResult run(List<String> argv, NetNs ns) {
        try {
            return dispatch(argv.subList(1, argv.size()), ns);
        } catch (CommandExit e) {
            return e.result("");
        }
    }

    private static CommandResult dispatch(List<String> a, NetNs ns) {
        int i = 0;
        boolean json = false;
        flags:
        while (i < a.size()) {
            switch (a.get(i)) {
                case "--debug" -> {
                    if (i + 1 >= a.size() || NlParams.u32(a.get(i + 1)) < 0) {
                        throw badArgs();
                    }
                    i += 2; // debug messages: netemu has none to turn on
                }
                case "--json" -> { json = true; i++; }
                case "-I", "--include-statistics" -> i++; // no command here reports extra statistics
                default -> { break flags; }
            }
        }
        if (i >= a.size()) {
            throw badArgs();
        }
        String opt = a.get(i);
        Mode mode = OPTIONS.get(opt);
        if (mode != null) {
            i++;
        } else if (NOT_EMULATED.contains(opt)) {
            throw new CommandExit(1, "ethtool: netemu: " + opt + " is not supported yet");
        } else if (opt.startsWith("-")) {
            throw badArgs();
        } else {
            mode = Mode.SETTINGS;
        }
        if (json) {
            // in 6.1 only -k (of what netemu emulates) prints JSON
            throw mode == Mode.GFEATURES ? new CommandExit(1, "ethtool: netemu: --json is not supported yet") : badArgs();
        }
        if (mode == Mode.HELP) {
            return CommandResult.ok(VERSION + EthtoolHelp.TEXT);
        }
        if (mode == Mode.VERSION) {
            return CommandResult.ok(VERSION);
        }
        if (i >= a.size()) {
            throw badArgs();
        }
        String dev = a.get(i);
        List<String> args = a.subList(i + 1, a.size());
        return switch (mode) {
            case SETTINGS -> EthtoolSettings.show(ns, dev); // extra words are ignored
            case DRIVER -> {
                if (!args.isEmpty()) {
                    throw badArgs();
                }
                if (dev.length() >= 16) {
                    throw longName();
                }
                yield EthtoolInfo.show(ns, dev);
            }
            case GRING -> { Nl.noParams(args); yield EthtoolRings.show(ns, dev); }
            case SRING -> EthtoolRings.set(ns, dev, args);
            case GCHANNELS -> { Nl.noParams(args); yield EthtoolChannels.show(ns, dev); }
            case SCHANNELS -> EthtoolChannels.set(ns, dev, args);
            case GCOALESCE -> { Nl.noParams(args); yield EthtoolCoalesce.show(ns, dev); }
            case SCOALESCE -> EthtoolCoalesce.set(ns, dev, args);
            case GFEATURES -> { Nl.noParams(args); yield EthtoolFeatures.show(ns, dev); }
            case SFEATURES -> EthtoolFeatures.set(ns, dev, args);
            case STATS -> EthtoolStats.show(ns, dev, args);
            case HELP, VERSION -> throw new IllegalStateException();
        };
    }

    static CommandExit badArgs() {
        return new CommandExit(1, "ethtool: bad command line argument(s)\nFor more information run ethtool -h");
    }

    /** An ioctl-only subcommand (-i, plain -S) takes names of at most IFNAMSIZ - 1 bytes. */
    static CommandExit longName() {
        return new CommandExit(1, "ethtool netlink support for subcommand missing, device name longer than 15 not supported");
    }
}
