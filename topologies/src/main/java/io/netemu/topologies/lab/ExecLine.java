package io.netemu.topologies.lab;

import io.netemu.node.shell.ShellWords;
import java.util.List;
import java.util.Objects;

/**
 * One boot command of a node, with where it was written (1-based): boot failures name
 * {@code FILE:LINE}, and a line inherited from {@code defaults} points at the defaults.
 */
public record ExecLine(String command, int line, int column) {
    public ExecLine {
        Objects.requireNonNull(command, "command");
    }

    /** The command split into words as a POSIX shell would ({@link ShellWords#split}). */
    public List<String> words() {
        return ShellWords.split(command);
    }
}
