package io.netemu.node.cmd.ss;

import java.util.ArrayList;
import java.util.List;

/**
 * ss's column renderer as iproute2 6.1 draws it when stdout is not a terminal (compact output): each
 * column as wide as its widest cell, a one-space left delimiter on the columns that have one, the
 * address columns right-aligned. The Process column's last cell is never measured (ss renders before
 * flushing the last field), which is why the rows of {@code -i} end where they do.
 */
final class SsTable {
    private static final String[] HEADERS = {"Netid", "State", "Recv-Q", "Send-Q", "Local Address:", "Port",
        "Peer Address:", "Port", "Process"};
    private static final String[] DELIMS = {"", " ", " ", " ", " ", "", " ", "", ""};
    private static final boolean[] RIGHT = {false, false, false, false, true, false, true, false, false};

    private final boolean netid;
    private final boolean header;
    private final List<String[]> rows = new ArrayList<>();

    SsTable(boolean netid, boolean header) {
        this.netid = netid;
        this.header = header;
    }

    void add(String... cells) {
        rows.add(cells);
    }

    String render() {
        int first = netid ? 0 : 1;
        List<String[]> all = new ArrayList<>();
        if (header) {
            all.add(HEADERS);
        }
        all.addAll(rows);
        int[] max = new int[HEADERS.length];
        for (int r = 0; r < all.size(); r++) {
            for (int c = first; c < HEADERS.length; c++) {
                boolean unmeasured = c == HEADERS.length - 1 && r == all.size() - 1 && !rows.isEmpty();
                if (!unmeasured) {
                    max[c] = Math.max(max[c], all.get(r)[c].length());
                }
            }
        }
        int[] width = new int[HEADERS.length];
        boolean seen = false;
        for (int c = first; c < HEADERS.length; c++) {
            width[c] = seen && max[c] > 0 ? max[c] + DELIMS[c].length() : max[c];
            if (width[c] > 0) {
                seen = true;
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : all) {
            boolean started = false;
            for (int c = first; c < HEADERS.length; c++) {
                if (width[c] == 0 && row[c].isEmpty()) {
                    continue;
                }
                int printed = 0;
                if (started) {
                    b.append(DELIMS[c]);
                    printed = DELIMS[c].length();
                }
                started = true;
                if (RIGHT[c]) {
                    pad(b, width[c] - row[c].length() - printed);
                }
                b.append(row[c]);
                printed += row[c].length();
                if (!RIGHT[c]) {
                    pad(b, width[c] - printed);
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static void pad(StringBuilder b, int n) {
        for (int i = 0; i < n; i++) {
            b.append(' ');
        }
    }
}
