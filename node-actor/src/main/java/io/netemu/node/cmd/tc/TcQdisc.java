package io.netemu.node.cmd.tc;

import static io.netemu.node.cmd.tc.TcCommand.matches;
import static io.netemu.node.cmd.tc.TcCommand.unsupported;

import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.qdisc.QdiscStats;
import io.netemu.node.cmd.CommandExit;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code tc qdisc} (tc_qdisc.c, q_netem.c of iproute2 6.1): add, change, replace and delete a
 * device's root netem qdisc, and show the root qdiscs, with {@code -s} their counters. Handles
 * other than the root's, and netem options netemu does not emulate, are refused.
 */
final class TcQdisc {
    static final String USAGE = """
            Usage: tc qdisc [ add | del | replace | change | show ] dev STRING
                   [ handle QHANDLE ] [ root | ingress | clsact | parent CLASSID ]
                   [ estimator INTERVAL TIME_CONSTANT ]
                   [ stab [ help | STAB_OPTIONS] ]
                   [ ingress_block BLOCK_INDEX ] [ egress_block BLOCK_INDEX ]
                   [ [ QDISC_KIND ] [ help | OPTIONS ] ]

                   tc qdisc { show | list } [ dev STRING ] [ QDISC_ID ] [ invisible ]
            Where:
            QDISC_KIND := { [p|b]fifo | tbf | prio | red | etc. }
            OPTIONS := ... try tc qdisc add <desired QDISC_KIND> help
            STAB_OPTIONS := ... try tc qdisc add stab help
            QDISC_ID := { root | ingress | handle QHANDLE | parent CLASSID }
            """;

    static final String NETEM_USAGE = """
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

    private static final String INCOMPLETE = "Command line is not complete. Try option \"help\"";

    private final NetNs ns;
    private final boolean stats;
    private final StringBuilder out;

    TcQdisc(NetNs ns, boolean stats, StringBuilder out) {
        this.ns = ns;
        this.stats = stats;
        this.out = out;
    }

    void run(List<String> args) {
        if (args.isEmpty()) {
            show(args);
            return;
        }
        String cmd = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (matches(cmd, "add")) {
            modify(Op.ADD, rest);
        } else if (matches(cmd, "change")) {
            modify(Op.CHANGE, rest);
        } else if (matches(cmd, "replace")) {
            modify(Op.REPLACE, rest);
        } else if (matches(cmd, "link")) {
            throw unsupported("tc qdisc link");
        } else if (matches(cmd, "delete")) {
            modify(Op.DELETE, rest);
        } else if (matches(cmd, "list") || matches(cmd, "show") || matches(cmd, "lst")) {
            show(rest);
        } else if (matches(cmd, "help")) {
            throw new CommandExit(255, USAGE);
        } else {
            throw CommandExit.usage("Command \"" + cmd + "\" is unknown, try \"tc qdisc help\".");
        }
    }

    enum Op { ADD, CHANGE, REPLACE, DELETE }

    private void modify(Op op, List<String> args) {
        String dev = null;
        boolean root = false;
        String kind = null;
        int i = 0;
        for (; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("dev")) {
                String v = next(args, ++i);
                if (dev != null) {
                    throw CommandExit.usage("Error: duplicate \"dev\": \"" + v + "\" is the second value.");
                }
                dev = v;
            } else if (w.equals("root")) {
                if (root) {
                    throw CommandExit.usage("Error: \"root\" is duplicate parent ID");
                }
                root = true;
            } else if (w.equals("handle") || w.equals("parent") || w.equals("ingress") || w.equals("clsact")
                    || w.equals("ingress_block") || w.equals("egress_block")
                    || matches(w, "estimator") || matches(w, "stab")) {
                throw unsupported("tc qdisc \"" + w + "\" (only the root qdisc is emulated)");
            } else if (matches(w, "help")) {
                throw new CommandExit(255, USAGE);
            } else {
                kind = w;
                i++;
                break;
            }
        }
        NetemConfig cfg = null;
        if (kind != null) {
            if (!kind.equals("netem")) {
                throw unsupported("qdisc kind \"" + kind + "\"");
            }
            cfg = parseNetem(args.subList(i, args.size()));
        }
        if (dev == null) {
            throw CommandExit.kernel("RTNETLINK answers: No such device");
        }
        NetDev d = ns.devs().byName(dev);
        if (d == null) {
            throw CommandExit.fail("Cannot find device \"" + dev + "\"");
        }
        if (op == Op.DELETE) {
            if (!root) {
                throw CommandExit.kernel("Error: Failed to find qdisc with specified handle.");
            }
            if (d.netem() == null) {
                throw CommandExit.kernel("Error: Cannot delete qdisc with handle of zero.");
            }
            ns.setQdisc(d, null);
            return;
        }
        if (!root) {
            throw CommandExit.kernel("Error: Handle cannot be zero.");
        }
        if (cfg == null) {
            throw CommandExit.kernel("Error: Specified qdisc kind is unknown.");
        }
        if (d.kind() != DevKind.VETH) {
            throw unsupported("a qdisc on \"" + d.name() + "\" (netem runs on veth devices only)");
        }
        switch (op) {
            case ADD -> {
                if (d.netem() != null) {
                    throw CommandExit.kernel("Error: Exclusivity flag on, cannot modify.");
                }
            }
            case CHANGE -> {
                if (d.netem() == null) {
                    throw CommandExit.kernel("Error: Qdisc not found. To create specify NLM_F_CREATE flag.");
                }
            }
            default -> { }
        }
        ns.setQdisc(d, cfg);
    }

    private static String next(List<String> args, int i) {
        if (i >= args.size()) {
            throw CommandExit.usage(INCOMPLETE);
        }
        return args.get(i);
    }

    private static boolean nextIsNumber(List<String> args, int i) {
        return i + 1 < args.size() && !args.get(i + 1).isEmpty() && Character.isDigit(args.get(i + 1).charAt(0));
    }

    private static CommandExit illegal(String what) {
        return CommandExit.fail("Illegal \"" + what + "\"");
    }

    /** netem_parse_opt: what netemu emulates, else refused; a value that does not parse exits 1 as tc does. */
    static NetemConfig parseNetem(List<String> a) {
        long delay = 0;
        long jitter = 0;
        double loss = 0;
        double duplicate = 0;
        double corrupt = 0;
        long rateBytes = 0;
        int limit = NetemConfig.DEFAULT_LIMIT;
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if (matches(w, "limit")) {
                String v = next(a, ++i);
                long l;
                try {
                    l = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    l = -1;
                }
                if (l < 0 || l > 0xFFFFFFFFL) {
                    throw illegal("limit");
                }
                if (l == 0 || l > Integer.MAX_VALUE) {
                    throw unsupported("netem limit " + v);
                }
                limit = (int) l;
            } else if (matches(w, "latency") || matches(w, "delay")) {
                delay = TcUnits.time(next(a, ++i));
                if (delay < 0) {
                    throw illegal("latency");
                }
                if (nextIsNumber(a, i)) {
                    jitter = TcUnits.time(a.get(++i));
                    if (jitter < 0) {
                        throw illegal("latency");
                    }
                    if (nextIsNumber(a, i)) {
                        throw unsupported("netem delay correlation");
                    }
                }
            } else if (matches(w, "loss")) {
                String v = next(a, ++i);
                if (v.equals("state") || v.equals("gemodel")) {
                    throw unsupported("netem loss " + v);
                }
                if (v.equals("random")) {
                    v = next(a, ++i);
                }
                loss = TcUnits.percent(v);
                if (Double.isNaN(loss)) {
                    throw illegal("loss percent");
                }
                if (nextIsNumber(a, i)) {
                    throw unsupported("netem loss correlation");
                }
            } else if (matches(w, "duplicate")) {
                duplicate = TcUnits.percent(next(a, ++i));
                if (Double.isNaN(duplicate)) {
                    throw illegal("duplicate");
                }
                if (nextIsNumber(a, i)) {
                    throw unsupported("netem duplicate correlation");
                }
            } else if (matches(w, "corrupt")) {
                corrupt = TcUnits.percent(next(a, ++i));
                if (Double.isNaN(corrupt)) {
                    throw illegal("corrupt");
                }
                if (nextIsNumber(a, i)) {
                    throw unsupported("netem corrupt correlation");
                }
            } else if (matches(w, "rate")) {
                rateBytes = TcUnits.rateBytes(next(a, ++i));
                if (rateBytes < 0) {
                    throw illegal("rate");
                }
                if (i + 1 < a.size() && a.get(i + 1).matches("[-+]?[0-9].*")) {
                    throw unsupported("netem rate packet overhead and cell size");
                }
            } else if (matches(w, "reorder") || matches(w, "gap") || matches(w, "distribution")
                    || matches(w, "ecn") || matches(w, "slot") || matches(w, "seed")
                    || matches(w, "drop")) {
                throw unsupported("netem \"" + w + "\"");
            } else if (matches(w, "help")) {
                throw CommandExit.fail(NETEM_USAGE);
            } else {
                throw CommandExit.fail("What is \"" + w + "\"?\n" + NETEM_USAGE);
            }
        }
        return new NetemConfig(delay, jitter, loss, rateBytes * 8, corrupt, duplicate, limit);
    }

    private void show(List<String> args) {
        NetDev only = null;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("dev")) {
                String v = next(args, ++i);
                only = ns.devs().byName(v);
                if (only == null) {
                    throw CommandExit.fail("Cannot find device \"" + v + "\"");
                }
            } else if (w.equals("root")) {
                // the only qdiscs netemu has are roots
            } else if (matches(w, "help")) {
                throw new CommandExit(255, USAGE);
            } else if (w.equals("ingress") || w.equals("clsact") || w.equals("handle") || w.equals("parent")
                    || matches(w, "invisible")) {
                throw unsupported("tc qdisc show " + w);
            } else {
                throw CommandExit.usage("What is \"" + w + "\"? Try \"tc qdisc help\".");
            }
        }
        List<NetDev> devs = new ArrayList<>(ns.devs().all());
        devs.sort(Comparator.comparingInt(NetDev::ifindex));
        for (NetDev d : devs) {
            if (only != null && d != only) {
                continue;
            }
            NetemConfig n = d.netem();
            if (n == null && "noop".equals(d.qdisc())) {
                continue; // the builtin noop qdisc is not dumped
            }
            out.append("qdisc ").append(n == null ? d.qdisc() : "netem").append(' ')
                    .append(n == null ? "0" : Integer.toHexString(d.qdiscHandle())).append(": ");
            if (only == null) {
                out.append("dev ").append(d.name()).append(' ');
            }
            out.append("root refcnt 2 ");
            if (n != null) {
                out.append(netemOpts(n));
            }
            out.append('\n');
            if (stats) {
                QdiscStats s = n == null ? QdiscStats.ZERO : ns.qdiscStats(d.ifindex());
                out.append(" Sent ").append(s.sentBytes()).append(" bytes ").append(s.sentPackets())
                        .append(" pkt (dropped ").append(s.dropped()).append(", overlimits ").append(s.overlimits())
                        .append(" requeues ").append(s.requeues()).append(") \n")
                        .append(" backlog ").append(TcUnits.size(s.backlogBytes())).append(' ')
                        .append(s.backlogPackets()).append("p requeues ").append(s.requeues()).append('\n');
            }
        }
    }

    /** netem_print_opt: limit, then only what is set: delay (and jitter), loss, duplicate, corrupt, rate. */
    static String netemOpts(NetemConfig n) {
        StringBuilder b = new StringBuilder("limit ").append(n.limit());
        if (n.delayNanos() != 0 || n.jitterNanos() != 0) {
            b.append(" delay ").append(TcUnits.time(n.delayNanos()));
            if (n.jitterNanos() != 0) {
                b.append("  ").append(TcUnits.time(n.jitterNanos()));
            }
        }
        if (n.lossPct() != 0) {
            b.append(" loss ").append(TcUnits.percent(n.lossPct()));
        }
        if (n.duplicatePct() != 0) {
            b.append(" duplicate ").append(TcUnits.percent(n.duplicatePct()));
        }
        if (n.corruptPct() != 0) {
            b.append(" corrupt ").append(TcUnits.percent(n.corruptPct()));
        }
        if (n.rateBitsPerSec() != 0) {
            b.append(" rate ").append(TcUnits.rate(n.rateBitsPerSec() / 8));
        }
        return b.toString();
    }
}
