package io.netemu.node.cmd.dmesg;

import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import java.util.List;

/**
 * {@code dmesg} (util-linux 2.38.1, sys-utils/dmesg.c) over the namespace's kernel log: every
 * line with its {@code [seconds.micros]} stamp; {@code -c} prints then clears, {@code -C} clears.
 * Each node is its own machine here, so it sees only its own kernel's lines (LOG target, x_tables
 * refusals, NAT), as the host's dmesg would with net.netfilter.nf_log_all_netns=1.
 */
public final class Dmesg implements Command {
    private static final String TRY = "Try 'dmesg --help' for more information.\n";
    private static final String USAGE = """

            Usage:
             dmesg [options]

            Display or control the kernel ring buffer.

            Options:
             -C, --clear                 clear the kernel ring buffer
             -c, --read-clear            read and clear all messages
             -h, --help                  display this help
             -V, --version               display version

            netemu emulates only the options above.
            """;

    @Override
    public CommandResult run(List<String> argv, NetNs ns) {
        boolean clear = false;
        boolean print = true;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.startsWith("--")) {
                switch (a) {
                    case "--clear" -> { clear = true; print = false; }
                    case "--read-clear" -> clear = true;
                    case "--help" -> { return CommandResult.ok(USAGE); }
                    case "--version" -> { return CommandResult.ok("dmesg from util-linux 2.38.1\n"); }
                    default -> {
                        return new CommandResult(1, "", "dmesg: unrecognized option '" + a + "'\n" + TRY);
                    }
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                for (char c : a.substring(1).toCharArray()) {
                    switch (c) {
                        case 'C' -> { clear = true; print = false; }
                        case 'c' -> clear = true;
                        case 'h' -> { return CommandResult.ok(USAGE); }
                        case 'V' -> { return CommandResult.ok("dmesg from util-linux 2.38.1\n"); }
                        default -> {
                            return new CommandResult(1, "", "dmesg: invalid option -- '" + c + "'\n" + TRY);
                        }
                    }
                }
            } else {
                return new CommandResult(1, "", "dmesg: bad usage\n" + TRY);
            }
        }
        StringBuilder out = new StringBuilder();
        if (print) {
            for (String l : ns.klog().lines()) {
                out.append(l).append('\n');
            }
        }
        if (clear) {
            ns.klog().clear();
        }
        return CommandResult.ok(out.toString());
    }
}
