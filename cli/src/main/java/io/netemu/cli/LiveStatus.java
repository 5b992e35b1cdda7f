package io.netemu.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * The status block at the bottom of a terminal: a few lines that are redrawn in place (the boot
 * progress bar, then the running steps) while ordinary lines scroll above them. Redrawing moves
 * the cursor up over the previous block (CSI n F) and clears to the end of the screen (CSI J);
 * lines are cut to the terminal's width so none wraps and the count of lines to go up stays right.
 */
final class LiveStatus {
    private final PrintStream out;
    private final int width;
    private int shown;

    LiveStatus(PrintStream out) {
        this.out = out;
        this.width = columns();
    }

    /** Replaces the block with {@code lines}. */
    void show(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        erase(sb);
        for (String l : lines) {
            sb.append(l.length() > width - 1 ? l.substring(0, width - 2) + "…" : l).append('\n');
        }
        shown = lines.size();
        out.print(sb);
        out.flush();
    }

    /** Prints {@code text} (whole lines) above the block, which is drawn again by the next {@link #show}. */
    void printAbove(String text) {
        StringBuilder sb = new StringBuilder();
        erase(sb);
        shown = 0;
        out.print(sb.append(text));
        out.flush();
    }

    void clear() {
        printAbove("");
    }

    private void erase(StringBuilder sb) {
        if (shown > 0) {
            sb.append("\033[").append(shown).append('F').append("\033[J");
        }
    }

    private static int columns() {
        try {
            int c = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100"));
            return Math.max(40, c);
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
