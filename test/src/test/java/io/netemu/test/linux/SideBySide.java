package io.netemu.test.linux;

import io.netemu.topologies.run.StepResult;

/** Two steps' outputs in two columns, so a failed comparison shows at a glance where they part. */
final class SideBySide {
    private static final int WIDTH = 80;

    private SideBySide() {
    }

    static String of(String leftTitle, StepResult left, String rightTitle, StepResult right) {
        return columns(leftTitle + " (exit " + left.exit() + ")", render(left),
                rightTitle + " (exit " + right.exit() + ")", render(right));
    }

    private static String render(StepResult r) {
        return r.stdout() + (r.stderr().isEmpty() ? "" : "--- stderr ---\n" + r.stderr());
    }

    static String columns(String leftTitle, String left, String rightTitle, String right) {
        String[] l = left.split("\n", -1);
        String[] r = right.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        row(sb, leftTitle, rightTitle, ' ');
        row(sb, "-".repeat(WIDTH), "-".repeat(WIDTH), ' ');
        for (int i = 0; i < Math.max(l.length, r.length); i++) {
            String a = i < l.length ? l[i] : "";
            String b = i < r.length ? r[i] : "";
            row(sb, a, b, a.equals(b) ? ' ' : '|');   // '|' marks the lines that differ
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String a, String b, char mark) {
        String cut = a.length() > WIDTH ? a.substring(0, WIDTH - 1) + "~" : a;
        sb.append(cut).append(" ".repeat(WIDTH - cut.length())).append(' ').append(mark).append(' ').append(b).append('\n');
    }
}
