package io.netemu.node.cmd.tc;

import static io.netemu.node.cmd.tc.TcCommand.matches;
import static io.netemu.node.cmd.tc.TcCommand.unsupported;

import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.qdisc.NetemDist;
import io.netemu.node.cmd.CommandExit;
import java.util.List;

/**
 * netem's options as iproute2 6.1's q_netem.c reads and prints them. Times go through psched
 * ticks as tc's get_ticks does (so {@code delay 1.5ms} is 1499.968 µs in the kernel and prints
 * as 1.5ms); percentages are fractions of 2^32-1. Distributions are netemu's own tables
 * ({@link NetemDist}) for the names Debian ships .dist files for (normal, pareto,
 * paretonormal); any other name fails as tc fails to open the file. {@code seed N} is the
 * syntax of later iproute2 (6.4), accepted so a run is reproducible per qdisc. Not emulated:
 * {@code loss state|gemodel}, {@code ecn}, {@code slot} (refused, exit 2).
 */
final class TcNetem {
    private TcNetem() {}

    static final String USAGE = """
            Usage: ... netem [ limit PACKETS ]
                             [ delay TIME [ JITTER [CORRELATION]]]
                             [ distribution {uniform|normal|pareto|paretonormal} ]
                             [ corrupt PERCENT [CORRELATION]]
                             [ duplicate PERCENT [CORRELATION]]
                             [ loss random PERCENT [CORRELATION]]
                             [ loss state P13 [P31 [P32 [P23 P14]]]
                             [ loss gemodel PERCENT [R [1-H [1-K]]]
                             [ ecn ]
                             [ reorder PERCENT [CORRELATION] [ gap DISTANCE ]]
                             [ rate RATE [PACKETOVERHEAD] [CELLSIZE] [CELLOVERHEAD]]
                             [ slot MIN_DELAY [MAX_DELAY] [packets MAX_PACKETS] [bytes MAX_BYTES]]
                             [ slot distribution {uniform|normal|pareto|paretonormal|custom}
                               DELAY JITTER [packets MAX_PACKETS] [bytes MAX_BYTES]]
            """;

    /** Where Debian's tc looks for distribution tables (get_tc_lib), for its error message. */
    private static final String TC_LIB = "/usr/lib/x86_64-linux-gnu/tc/";

    private static CommandExit illegal(String what) {
        return CommandExit.fail("Illegal \"" + what + "\"");
    }

    private static String next(List<String> a, int i) {
        if (i >= a.size()) {
            throw CommandExit.usage("Command line is not complete. Try option \"help\"");
        }
        return a.get(i);
    }

    /** NEXT_IS_NUMBER: the next word starts with a digit. */
    private static boolean nextIsNumber(List<String> a, int i) {
        return i + 1 < a.size() && !a.get(i + 1).isEmpty() && Character.isDigit(a.get(i + 1).charAt(0));
    }

    private static boolean nextIsSignedNumber(List<String> a, int i) {
        return nextIsNumber(a, i) || (i + 1 < a.size() && a.get(i + 1).startsWith("-"));
    }

    /** get_ticks: a time as psched ticks, then as the kernel's nanoseconds (PSCHED_TICKS2NS). */
    private static long ticksNanos(String v, String what) {
        long us = TcUnits.timeUs(v);
        if (us < 0) {
            throw illegal(what);
        }
        return TcUnits.usToTicks(us) << 6;
    }

    private static double pct(String v, String what) {
        double p = TcUnits.percent(v);
        if (Double.isNaN(p)) {
            throw illegal(what);
        }
        return p;
    }

    private static long u32(String v, String what) {
        try {
            long l = Long.parseLong(v);
            if (l >= 0 && l <= 0xFFFFFFFFL) {
                return l;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw illegal(what);
    }

    private static int s32(String v, String what) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw illegal(what);
        }
    }

    /** netem_parse_opt. */
    static NetemConfig parse(List<String> a) {
        long delay = 0;
        long jitter = 0;
        double delayCorr = 0;
        NetemDist dist = null;
        double loss = 0;
        double lossCorr = 0;
        double dup = 0;
        double dupCorr = 0;
        double reorder = 0;
        double reorderCorr = 0;
        long gap = 0;
        double corrupt = 0;
        double corruptCorr = 0;
        long rate = 0;
        int packetOverhead = 0;
        long cellSize = 0;
        int cellOverhead = 0;
        long limit = NetemConfig.DEFAULT_LIMIT;
        boolean seeded = false;
        long seed = 0;
        boolean lossGiven = false;
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if (matches(w, "limit")) {
                String v = next(a, ++i);
                limit = TcUnits.sizeBytes(v);
                if (limit < 0) {
                    throw illegal("limit");
                }
                if (limit > Integer.MAX_VALUE) {
                    throw unsupported("netem limit " + v);
                }
            } else if (matches(w, "latency") || matches(w, "delay")) {
                delay = ticksNanos(next(a, ++i), "latency");
                if (nextIsNumber(a, i)) {
                    jitter = ticksNanos(a.get(++i), "latency");
                    if (nextIsNumber(a, i)) {
                        delayCorr = pct(a.get(++i), "latency");
                    }
                }
            } else if (matches(w, "loss") || matches(w, "drop")) {
                if (lossGiven) {
                    throw illegal("duplicate loss argument\n");
                }
                String v = next(a, ++i);
                if (v.equals("state") || v.equals("gemodel")) {
                    throw unsupported("netem loss " + v);
                }
                if (v.equals("random")) {
                    v = next(a, ++i);
                } else if (v.isEmpty() || !Character.isDigit(v.charAt(0))) {
                    throw CommandExit.fail("Unknown loss parameter: " + v);
                }
                loss = pct(v, "loss percent");
                lossGiven = loss > 0;
                if (nextIsNumber(a, i)) {
                    lossCorr = pct(a.get(++i), "loss correllation");
                }
            } else if (matches(w, "ecn")) {
                throw unsupported("netem ecn");
            } else if (matches(w, "reorder")) {
                reorder = pct(next(a, ++i), "reorder");
                if (nextIsNumber(a, i)) {
                    reorderCorr = pct(a.get(++i), "reorder");
                }
            } else if (matches(w, "corrupt")) {
                corrupt = pct(next(a, ++i), "corrupt");
                if (nextIsNumber(a, i)) {
                    corruptCorr = pct(a.get(++i), "corrupt");
                }
            } else if (matches(w, "gap")) {
                gap = u32(next(a, ++i), "gap");
            } else if (matches(w, "duplicate")) {
                dup = pct(next(a, ++i), "duplicate");
                if (nextIsNumber(a, i)) {
                    dupCorr = pct(a.get(++i), "duplicate");
                }
            } else if (matches(w, "distribution")) {
                String v = next(a, ++i);
                dist = NetemDist.of(v);
                if (dist == null) {
                    throw CommandExit.fail("No distribution data for " + v + " (" + TC_LIB + "/" + v
                            + ".dist: No such file or directory)");
                }
            } else if (matches(w, "rate")) {
                String v = next(a, ++i);
                rate = v.contains("%") ? -1 : TcUnits.rateBytes(v);
                if (rate < 0) {
                    throw illegal("rate");
                }
                if (nextIsSignedNumber(a, i)) {
                    packetOverhead = s32(a.get(++i), "rate");
                }
                if (nextIsNumber(a, i)) {
                    cellSize = u32(a.get(++i), "rate");
                }
                if (nextIsSignedNumber(a, i)) {
                    cellOverhead = s32(a.get(++i), "rate");
                }
            } else if (matches(w, "slot")) {
                throw unsupported("netem slot");
            } else if (w.equals("seed")) {
                String v = next(a, ++i);
                try {
                    seed = Long.parseUnsignedLong(v);
                } catch (NumberFormatException e) {
                    throw illegal("seed");
                }
                seeded = true;
            } else if (w.equals("help")) {
                throw CommandExit.fail(USAGE);
            } else {
                throw CommandExit.fail("What is \"" + w + "\"?\n" + USAGE);
            }
        }
        if (NetemConfig.scaledPct(reorder) != 0) {
            if (delay == 0) {
                throw CommandExit.fail("reordering not possible without specifying some delay\n" + USAGE);
            }
            if (gap == 0) {
                gap = 1;
            }
        } else if (gap > 0) {
            throw CommandExit.fail("gap specified without reorder probability\n" + USAGE);
        }
        if (dist != null && (delay == 0 || jitter == 0)) {
            throw CommandExit.fail("distribution specified but no latency and jitter values\n" + USAGE);
        }
        if (gap > Integer.MAX_VALUE || cellSize > Integer.MAX_VALUE) {
            throw unsupported("netem gap or cell size above 2^31");
        }
        return new NetemConfig(delay, jitter, delayCorr, dist, loss, lossCorr, dup, dupCorr, reorder, reorderCorr,
                (int) gap, corrupt, corruptCorr, rate * 8, packetOverhead, (int) cellSize, cellOverhead, (int) limit,
                seeded, seed);
    }

    /** __print_percent: {@code %g} of the kernel's 32-bit fraction, in percent. */
    private static String pct(double p) {
        return TcUnits.cg(100.0 * NetemConfig.scaledPct(p) / 0xFFFFFFFFL, 6) + "%";
    }

    private static String ticks(long nanos) {
        return TcUnits.timeUsStr(TcUnits.ticksToUs(nanos >> 6));
    }

    /** netem_print_opt (tc 6.1): limit, delay [jitter [corr]], loss, duplicate, reorder, corrupt, rate, gap. */
    static String print(NetemConfig n, boolean details) {
        StringBuilder b = new StringBuilder("limit ").append(n.limit());
        if (n.delayNanos() >> 6 != 0) {
            b.append(" delay ").append(ticks(n.delayNanos()));
            if (n.jitterNanos() >> 6 != 0) {
                b.append("  ").append(ticks(n.jitterNanos()));
                if (NetemConfig.scaledPct(n.delayCorr()) != 0) {
                    b.append(' ').append(pct(n.delayCorr()));
                }
            }
        }
        if (NetemConfig.scaledPct(n.lossPct()) != 0) {
            b.append(" loss ").append(pct(n.lossPct()));
            if (NetemConfig.scaledPct(n.lossCorr()) != 0) {
                b.append(' ').append(pct(n.lossCorr()));
            }
        }
        if (NetemConfig.scaledPct(n.duplicatePct()) != 0) {
            b.append(" duplicate ").append(pct(n.duplicatePct()));
            if (NetemConfig.scaledPct(n.duplicateCorr()) != 0) {
                b.append(' ').append(pct(n.duplicateCorr()));
            }
        }
        if (NetemConfig.scaledPct(n.reorderPct()) != 0) {
            b.append(" reorder ").append(pct(n.reorderPct()));
            if (NetemConfig.scaledPct(n.reorderCorr()) != 0) {
                b.append(' ').append(pct(n.reorderCorr()));
            }
        }
        if (NetemConfig.scaledPct(n.corruptPct()) != 0) {
            b.append(" corrupt ").append(pct(n.corruptPct()));
            if (NetemConfig.scaledPct(n.corruptCorr()) != 0) {
                b.append(' ').append(pct(n.corruptCorr()));
            }
        }
        if (n.rateBitsPerSec() != 0) {
            b.append(" rate ").append(TcUnits.rate(n.rateBitsPerSec() / 8));
            if (n.packetOverhead() != 0) {
                b.append(" packetoverhead ").append(n.packetOverhead());
            }
            if (n.cellSize() != 0) {
                b.append(" cellsize ").append(n.cellSize());
            }
            if (n.cellOverhead() != 0) {
                b.append(" celloverhead ").append(n.cellOverhead());
            }
        }
        if (n.gap() != 0) {
            b.append(" gap ").append(n.gap());
        }
        if (details && n.seeded()) {
            b.append(" seed ").append(Long.toUnsignedString(n.seed()));
        }
        return b.toString();
    }
}
