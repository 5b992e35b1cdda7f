package io.netemu.node.cmd;

import java.util.List;

/**
 * A cursor over a command line with iproute2's argument helpers (lib/utils.c: {@code NEXT_ARG},
 * {@code matches}, {@code invarg}, {@code duparg}, {@code duparg2}, {@code nodev}), shared by
 * {@code ip} and {@code bridge} as both tools share lib/utils.c, so that their texts and exit
 * statuses stay the same.
 */
public final class IprouteArgs {
    private final List<String> args;
    private int pos;

    public IprouteArgs(List<String> args) {
        this.args = args;
    }

    /** argc > 0. */
    public boolean has() { return pos < args.size(); }

    /** The current word ({@code *argv}). */
    public String cur() { return args.get(pos); }

    /** argc-- / argv++. */
    public void skip() { pos++; }

    /** NEXT_ARG: moves to the next word, which must exist. */
    public String next() {
        pos++;
        if (pos >= args.size()) {
            throw incomplete();
        }
        return args.get(pos);
    }

    /** The words from the current one on. */
    public List<String> rest() { return args.subList(Math.min(pos, args.size()), args.size()); }

    /**
     * iproute2's {@code matches(prefix, word) == 0}: {@code prefix} is a non-empty prefix of
     * {@code word} ({@code ip a} is {@code address}).
     */
    public static boolean matches(String prefix, String word) {
        return !prefix.isEmpty() && word.startsWith(prefix);
    }

    /**
     * matches() as {@code ip neigh} and {@code bridge} have applied it from the start: as
     * {@link #matches}, but the empty word abbreviates every keyword ({@code bridge ""} lists
     * links). iproute2 6.1 refuses the empty word, as {@link #matches} does; kept apart so
     * that merging the helpers changed no behaviour.
     */
    public static boolean matchesOrEmpty(String prefix, String word) {
        return word.startsWith(prefix);
    }

    /** incomplete_command(), which NEXT_ARG calls: exit 255. */
    public static CommandExit incomplete() {
        return CommandExit.usage("Command line is not complete. Try option \"help\"");
    }

    /** invarg(msg, arg); {@code msg} keeps its own trailing newline where iproute2's has one. */
    public static CommandExit invarg(String msg, String arg) {
        return CommandExit.usage("Error: argument \"" + arg + "\" is wrong: " + msg + "\n");
    }

    public static CommandExit duparg(String key, String arg) {
        return CommandExit.usage("Error: duplicate \"" + key + "\": \"" + arg + "\" is the second value.");
    }

    public static CommandExit duparg2(String key, String arg) {
        return CommandExit.usage("Error: either \"" + key + "\" is duplicate, or \"" + arg + "\" is a garbage.");
    }

    /** nodev() / ll_name_to_index failing in an {@code ip} object, whose -1 exits 1 ({@code bridge} exits 255). */
    public static CommandExit nodev(String dev) {
        return CommandExit.fail("Cannot find device \"" + dev + "\"");
    }
}
