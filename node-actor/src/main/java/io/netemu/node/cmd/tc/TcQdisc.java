package io.netemu.node.cmd.tc;

import static io.netemu.node.cmd.tc.TcCommand.matches;
import static io.netemu.node.cmd.tc.TcCommand.unsupported;

import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.qdisc.QdiscConfig;
import io.netemu.device.qdisc.QdiscSpec;
import io.netemu.device.qdisc.QdiscStats;
import io.netemu.device.qdisc.TbfConfig;
import io.netemu.node.cmd.CommandExit;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code tc qdisc} (tc_qdisc.c of iproute2 6.1, sch_api.c's tc_modify_qdisc and tc_get_qdisc):
 * add, change, replace and delete netem and tbf qdiscs at the root or on the class of another
 * ({@code parent 1:1}), with the kernel's choice between changing, creating and grafting and its
 * errors; show them root first, then down the chain, with {@code -s} their counters and
 * {@code -d} tbf's details. Other kinds, and options netemu does not emulate, are refused.
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

    private static final String INCOMPLETE = "Command line is not complete. Try option \"help\"";

    private final NetNs ns;
    private final boolean stats;
    private final boolean details;
    private final StringBuilder out;

    TcQdisc(NetNs ns, boolean stats, boolean details, StringBuilder out) {
        this.ns = ns;
        this.stats = stats;
        this.details = details;
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

    /** The netlink flags each command sends (NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE). */
    enum Op {
        ADD(true, true, false), CHANGE(false, false, false), REPLACE(true, false, true), DELETE(false, false, false);

        final boolean create;
        final boolean excl;
        final boolean replace;

        Op(boolean create, boolean excl, boolean replace) {
            this.create = create;
            this.excl = excl;
            this.replace = replace;
        }
    }

    /** TC_H_ROOT as a parent. */
    private static final int ROOT = -1;

    private void modify(Op op, List<String> args) {
        String dev = null;
        int parent = 0;
        int handle = 0;
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
            } else if (w.equals("handle")) {
                String v = next(args, ++i);
                if (handle != 0) {
                    throw CommandExit.usage("Error: duplicate \"handle\": \"" + v + "\" is the second value.");
                }
                handle = qdiscHandle(v);
            } else if (w.equals("root")) {
                if (parent != 0) {
                    throw CommandExit.usage("Error: \"root\" is duplicate parent ID");
                }
                parent = ROOT;
            } else if (w.equals("parent")) {
                String v = next(args, ++i);
                if (parent != 0) {
                    throw CommandExit.usage("Error: \"parent\" is duplicate parent ID");
                }
                parent = classid(v);
            } else if (w.equals("ingress") || w.equals("clsact") || w.equals("ingress_block") || w.equals("egress_block")
                    || matches(w, "estimator") || matches(w, "stab")) {
                throw unsupported("tc qdisc \"" + w + "\"");
            } else if (matches(w, "help")) {
                throw new CommandExit(255, USAGE);
            } else {
                kind = w;
                i++;
                break;
            }
        }
        QdiscConfig cfg = null;
        if (kind != null) {
            List<String> opts = args.subList(i, args.size());
            cfg = switch (kind) {
                case "netem" -> TcNetem.parse(opts);
                case "tbf" -> TcTbf.parse(opts);
                default -> throw unsupported("qdisc kind \"" + kind + "\"");
            };
        }
        if (dev == null) {
            throw CommandExit.kernel("RTNETLINK answers: No such device");
        }
        NetDev d = ns.devs().byName(dev);
        if (d == null) {
            throw CommandExit.fail("Cannot find device \"" + dev + "\"");
        }
        if (op == Op.DELETE) {
            delete(d, parent, handle, kind);
            return;
        }
        QdiscSpec root = d.qdiscRoot();
        QdiscSpec p = null;
        QdiscSpec q = null;
        boolean create = false;
        if (parent != 0) {
            if (parent == ROOT) {
                q = root;
            } else {
                p = root == null ? null : root.find(parent >>> 16);
                if (p == null) {
                    throw CommandExit.kernel("Error: Failed to find specified qdisc.");
                }
                q = p.child();
            }
            if (q == null || handle == 0 || q.handle() != handle) {
                if (handle != 0) {
                    if (q != null && !op.replace) {
                        throw CommandExit.kernel("Error: NLM_F_REPLACE needed to override.");
                    }
                    if (root != null && root.find(handle) != null) {
                        throw unsupported("moving qdisc " + Integer.toHexString(handle) + ": to another parent");
                    }
                    create = true;
                } else if (q == null) {
                    create = true;
                } else if (op.create && op.replace && (op.excl || (cfg != null && !cfg.kind().equals(q.config().kind())))) {
                    create = true;
                }
            }
        } else {
            if (handle == 0) {
                throw CommandExit.kernel("Error: Handle cannot be zero.");
            }
            q = root == null ? null : root.find(handle);
        }
        if (!create) {
            if (q == null) {
                throw CommandExit.kernel("Error: Specified qdisc not found.");
            }
            if (op.excl) {
                throw CommandExit.kernel("Error: Exclusivity flag on, cannot modify.");
            }
            if (cfg != null && !cfg.kind().equals(q.config().kind())) {
                throw CommandExit.kernel("Error: Invalid qdisc name.");
            }
            if (cfg != null) {
                kernelCheck(cfg);
                ns.setQdisc(d, root.replace(q.handle(), q.withConfig(cfg)));
            }
            return;
        }
        if (!op.create) {
            throw CommandExit.kernel("Error: Qdisc not found. To create specify NLM_F_CREATE flag.");
        }
        if (cfg == null) {
            throw CommandExit.kernel("Error: Specified qdisc kind is unknown.");
        }
        if (d.kind() != DevKind.VETH) {
            throw unsupported("a qdisc on \"" + d.name() + "\" (qdiscs run on veth devices only)");
        }
        kernelCheck(cfg);
        QdiscSpec made = new QdiscSpec(handle != 0 ? handle : ns.allocQdiscHandle(), cfg, null);
        ns.setQdisc(d, p == null ? made : root.replace(p.handle(), p.withChild(made)));
    }

    private static void kernelCheck(QdiscConfig cfg) {
        if (cfg instanceof TbfConfig t) {
            TcTbf.kernelCheck(t);
        }
    }

    /** tc_get_qdisc for RTM_DELQDISC: find the qdisc by parent (and handle) or by handle, then graft nothing in its place. */
    private void delete(NetDev d, int parent, int handle, String kind) {
        QdiscSpec root = d.qdiscRoot();
        QdiscSpec p = null;
        QdiscSpec q;
        boolean builtin = false; // the default qdisc there (noqueue, tbf's bfifo): handle 0
        if (parent != 0) {
            if (parent == ROOT) {
                q = root;
                builtin = root == null;
            } else {
                p = root == null ? null : root.find(parent >>> 16);
                if (p == null) {
                    throw CommandExit.kernel("Error: Failed to find qdisc with specified classid.");
                }
                q = p.child();
                builtin = q == null && p.config() instanceof TbfConfig;
            }
            if (q == null && !builtin) {
                throw CommandExit.kernel("Error: Cannot find specified qdisc on specified device.");
            }
            if (handle != 0 && (q == null || q.handle() != handle)) {
                throw CommandExit.kernel("Error: Invalid handle.");
            }
        } else {
            q = root == null || handle == 0 ? null : root.find(handle);
            if (q == null) {
                throw CommandExit.kernel("Error: Failed to find qdisc with specified handle.");
            }
        }
        String qkind = q == null ? (parent == ROOT ? d.qdisc() : "bfifo") : q.config().kind();
        if (kind != null && !kind.equals(qkind)) {
            throw CommandExit.kernel("Error: Invalid qdisc name.");
        }
        if (parent == 0) {
            throw CommandExit.kernel("Error: Classid cannot be zero.");
        }
        if (q == null) {
            throw CommandExit.kernel("Error: Cannot delete qdisc with handle of zero.");
        }
        ns.setQdisc(d, p == null ? null : root.replace(p.handle(), p.withChild(null)));
    }

    /** get_qdisc_handle: {@code 1:} or {@code 1} (hex major; what follows the colon is ignored), the major number. */
    private static int qdiscHandle(String v) {
        int end = 0;
        while (end < v.length() && Character.digit(v.charAt(end), 16) >= 0) {
            end++;
        }
        if (end == 0 || end > 4 || (end < v.length() && v.charAt(end) != ':')) {
            throw CommandExit.usage("Error: argument \"" + v + "\" is wrong: invalid qdisc ID");
        }
        return Integer.parseInt(v.substring(0, end), 16);
    }

    /** get_tc_classid: {@code root}, {@code MAJ:MIN} in hex, or a bare number. */
    private static int classid(String v) {
        if (v.equals("root")) {
            return ROOT;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9a-fA-F]{0,4}):([0-9a-fA-F]{0,4})|([0-9a-fA-F]{1,8})").matcher(v);
        if (!m.matches()) {
            throw CommandExit.usage("Error: argument \"" + v + "\" is wrong: invalid parent ID");
        }
        if (m.group(3) != null) {
            return (int) Long.parseLong(m.group(3), 16);
        }
        int maj = m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1), 16);
        int min = m.group(2).isEmpty() ? 0 : Integer.parseInt(m.group(2), 16);
        return maj << 16 | min;
    }

    private static String next(List<String> args, int i) {
        if (i >= args.size()) {
            throw CommandExit.usage(INCOMPLETE);
        }
        return args.get(i);
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
                // netemu's qdiscs hang below the root; "root" filters nothing away that exists
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
            QdiscSpec root = d.qdiscRoot();
            if (root == null && "noop".equals(d.qdisc())) {
                continue; // the builtin noop qdisc is not dumped
            }
            String on = only == null ? "dev " + d.name() + " " : "";
            if (root == null) {
                out.append("qdisc ").append(d.qdisc()).append(" 0: ").append(on).append("root refcnt 2 \n");
                stats(QdiscStats.ZERO);
                continue;
            }
            QdiscStats st = ns.qdiscStats(d.ifindex());
            QdiscSpec parentOf = null;
            for (QdiscSpec q = root; q != null; parentOf = q, q = q.child()) {
                out.append("qdisc ").append(q.config().kind()).append(' ').append(Integer.toHexString(q.handle()))
                        .append(": ").append(on);
                if (parentOf == null) {
                    out.append("root refcnt 2 ");
                } else {
                    out.append("parent ").append(Integer.toHexString(parentOf.handle())).append(":1 ");
                }
                out.append(opts(q.config(), details)).append('\n');
                stats(st == null ? QdiscStats.ZERO : st);
                st = st == null ? null : st.child();
            }
        }
    }

    private void stats(QdiscStats s) {
        if (!stats) {
            return;
        }
        out.append(" Sent ").append(s.sentBytes()).append(" bytes ").append(s.sentPackets())
                .append(" pkt (dropped ").append(s.dropped()).append(", overlimits ").append(s.overlimits())
                .append(" requeues ").append(s.requeues()).append(") \n")
                .append(" backlog ").append(TcUnits.size(s.backlogBytes())).append(' ')
                .append(s.backlogPackets()).append("p requeues ").append(s.requeues()).append('\n');
    }

    /** The kind's print_qopt. */
    static String opts(QdiscConfig c, boolean details) {
        return switch (c) {
            case NetemConfig n -> TcNetem.print(n, details);
            case TbfConfig t -> TcTbf.print(t, details);
        };
    }

    /** netem_print_opt without details (kept for callers that show a lab link's netem). */
    static String netemOpts(NetemConfig n) {
        return TcNetem.print(n, false);
    }
}
