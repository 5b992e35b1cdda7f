package io.netemu.test.linux;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics line of iputils {@code ping} and the kinds of error it reported, for comparing
 * two runs of one ping without comparing round-trip times, which never agree.
 *
 * <p>iputils (ping_common.c, finish()) prints
 * {@code N packets transmitted, M received[, +D duplicates][, +C corrupted][, +E errors], P% packet loss[, time Tms]}.
 */
public record PingSummary(int transmitted, int received, int duplicates, int corrupted, int errors) {

    private static final Pattern STATS = Pattern.compile(
            "(?m)^(\\d+) packets transmitted, (\\d+) received((?:, \\+\\d+ \\w+)*), [\\d.]+% packet loss");
    private static final Pattern EXTRA = Pattern.compile(", \\+(\\d+) (\\w+)");

    /**
     * The error lines ping prints, as iputils words them (ping4 pr_icmph and the local-error
     * path); a run reports a kind when any line holds it. "Frag needed" keeps its MTU, since the
     * MTU the router reports is part of what must agree.
     */
    private static final List<Pattern> ERROR_KINDS = List.of(
            Pattern.compile("Destination Net Unreachable"),
            Pattern.compile("Destination Host Unreachable"),
            Pattern.compile("Destination Protocol Unreachable"),
            Pattern.compile("Destination Port Unreachable"),
            Pattern.compile("Frag needed and DF set \\(mtu = \\d+\\)"),
            Pattern.compile("Destination Net Prohibited"),
            Pattern.compile("Destination Host Prohibited"),
            Pattern.compile("Packet filtered"),
            Pattern.compile("Time to live exceeded"),
            Pattern.compile("Frag reassembly time exceeded"),
            Pattern.compile("local error: message too long, mtu=\\d+"));

    /**
     * Parses the statistics of {@code stdout}.
     *
     * @throws IllegalArgumentException when there is no statistics line (ping failed before
     *                                  sending: bad option, unknown host), naming the output
     */
    public static PingSummary parse(String stdout) {
        Matcher m = STATS.matcher(stdout);
        if (!m.find()) {
            throw new IllegalArgumentException("no ping statistics line in:\n" + stdout);
        }
        int duplicates = 0;
        int corrupted = 0;
        int errors = 0;
        Matcher x = EXTRA.matcher(m.group(3));
        while (x.find()) {
            int n = Integer.parseInt(x.group(1));
            switch (x.group(2)) {
                case "duplicates" -> duplicates = n;
                case "corrupted" -> corrupted = n;
                case "errors" -> errors = n;
                default -> throw new IllegalArgumentException("unknown ping counter '" + x.group() + "' in:\n" + stdout);
            }
        }
        return new PingSummary(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), duplicates, corrupted, errors);
    }

    /** True when {@code stdout} holds a statistics line, i.e. ping got as far as sending. */
    public static boolean present(String stdout) {
        return STATS.matcher(stdout).find();
    }

    /**
     * The kinds of error ping reported (ICMP errors on stdout, local errors on stderr), e.g.
     * {@code "Time to live exceeded"}, {@code "Frag needed and DF set (mtu = 1000)"}, in the
     * order of {@link #ERROR_KINDS}. How many of each there were depends on timing (ICMP rate
     * limits, when ARP gives up), so only which kinds appear is compared.
     */
    public static Set<String> errorKinds(String stdout, String stderr) {
        Set<String> kinds = new LinkedHashSet<>();
        String all = stdout + "\n" + stderr;
        for (Pattern p : ERROR_KINDS) {
            Matcher m = p.matcher(all);
            if (m.find()) {
                kinds.add(m.group());
            }
        }
        return kinds;
    }
}
