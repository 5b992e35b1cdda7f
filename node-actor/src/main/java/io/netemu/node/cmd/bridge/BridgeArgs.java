package io.netemu.node.cmd.bridge;

import io.netemu.node.cmd.CommandExit;
import java.util.List;

/** iproute2's argument helpers (lib/utils.c: matches, NEXT_ARG, duparg, invarg, nodev) with the texts and statuses of {@code bridge}. */
final class BridgeArgs {
    private BridgeArgs() {}

    /** iproute2's matches(): {@code cmd} is a prefix of {@code pattern}. */
    static boolean matches(String cmd, String pattern) {
        return cmd.length() <= pattern.length() && pattern.startsWith(cmd);
    }

    /** NEXT_ARG(): the word after {@code i}, or the "not complete" error. */
    static String next(List<String> a, int i) {
        if (i + 1 >= a.size()) {
            throw new CommandExit(255, "Command line is not complete. Try option \"help\"\n");
        }
        return a.get(i + 1);
    }

    static CommandExit duparg(String key, String arg) {
        return new CommandExit(255, "Error: duplicate \"" + key + "\": \"" + arg + "\" is the second value.\n");
    }

    static CommandExit invarg(String msg, String arg) {
        return new CommandExit(255, "Error: argument \"" + arg + "\" is wrong: " + msg + "\n");
    }

    /** nodev(): bridge returns -1 from the object, so it exits 255. */
    static CommandExit nodev(String dev) {
        return new CommandExit(255, "Cannot find device \"" + dev + "\"\n");
    }

    /** A command not implemented by netemu, answered as a kernel without the feature would. */
    static CommandExit unsupported() {
        return new CommandExit(255, "RTNETLINK answers: Operation not supported\n");
    }
}
