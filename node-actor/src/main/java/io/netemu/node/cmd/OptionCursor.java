package io.netemu.node.cmd;

import java.util.List;

/**
 * The head of the option loop in iproute2's {@code ip.c} and {@code bridge.c} main(), over
 * {@code PROGRAM [OPTIONS] OBJECT ...}: options are the words that start with '-' up to the
 * first that does not, or up to {@code --} (skipped); {@code --json} reads as {@code -json}.
 * What each option means stays with its tool.
 */
public final class OptionCursor {
    private final List<String> argv;
    /** The word under the cursor; 0 is the program name. */
    private int pos;
    private boolean done;

    public OptionCursor(List<String> argv) {
        this.argv = argv;
    }

    /** The next option with a leading {@code --} read as {@code -}, or null where the options end. */
    public String next() {
        if (done) {
            return null;
        }
        pos++;
        String w = pos < argv.size() ? argv.get(pos) : null;
        if (w == null || w.equals("--") || !w.startsWith("-")) {
            done = true;
            if (w != null && w.equals("--")) {
                pos++;
            }
            return null;
        }
        return w.startsWith("--") ? w.substring(1) : w;
    }

    /** The option as typed. */
    public String typed() { return argv.get(pos); }

    /** The option's argument, moving past it; null when the command line ends first. */
    public String arg() {
        if (pos + 1 >= argv.size()) {
            return null;
        }
        return argv.get(++pos);
    }

    /** The word after the option, without moving; null when there is none. */
    public String peekArg() {
        return pos + 1 < argv.size() ? argv.get(pos + 1) : null;
    }

    /** The words from the object on (empty when there is none). */
    public List<String> rest() {
        return argv.subList(Math.min(pos, argv.size()), argv.size());
    }
}
