package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import java.util.List;

/**
 * A cursor over an {@code ip} command line with iproute2's argument helpers
 * ({@code NEXT_ARG}, {@code matches}, {@code invarg}, {@code duparg}, {@code duparg2}).
 */
final class IpArgs {
    private final List<String> args;
    private int pos;

    IpArgs(List<String> args) {
        this.args = args;
    }

    boolean has() { return pos < args.size(); }

    /** The current word ({@code *argv}). */
    String cur() { return args.get(pos); }

    /** argc-- / argv++. */
    void skip() { pos++; }

    /** NEXT_ARG: moves to the next word, which must exist. */
    String next() {
        pos++;
        if (pos >= args.size()) {
            throw incomplete();
        }
        return args.get(pos);
    }

    /** NEXT_ARG_OK. */
    boolean hasNext() { return pos + 1 < args.size(); }

    /** The words from the current one on. */
    List<String> rest() { return args.subList(Math.min(pos, args.size()), args.size()); }

    /**
     * iproute2's {@code matches(prefix, word) == 0}: {@code prefix} is a non-empty prefix of
     * {@code word} ({@code ip a} is {@code address}).
     */
    static boolean matches(String prefix, String word) {
        return !prefix.isEmpty() && word.startsWith(prefix);
    }

    /** incomplete_command(). */
    static CommandExit incomplete() {
        return CommandExit.usage("Command line is not complete. Try option \"help\"");
    }

    /** invarg(msg, arg); {@code msg} keeps its own trailing newline where iproute2's has one. */
    static CommandExit invarg(String msg, String arg) {
        return CommandExit.usage("Error: argument \"" + arg + "\" is wrong: " + msg + "\n");
    }

    static CommandExit duparg(String key, String arg) {
        return CommandExit.usage("Error: duplicate \"" + key + "\": \"" + arg + "\" is the second value.");
    }

    static CommandExit duparg2(String key, String arg) {
        return CommandExit.usage("Error: either \"" + key + "\" is duplicate, or \"" + arg + "\" is a garbage.");
    }

    /** on_off() in iplink.c: returns -1, so exit status 1. */
    static CommandExit onOff(String msg, String val) {
        return CommandExit.fail("Error: argument of \"" + msg + "\" must be \"on\" or \"off\", not \"" + val + "\"");
    }
}
