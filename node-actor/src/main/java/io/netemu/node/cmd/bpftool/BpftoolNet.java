package io.netemu.node.cmd.bpftool;

import io.netemu.device.xdp.XdpMode;
import io.netemu.ebpf.sys.BpfError;
import io.netemu.ebpf.sys.BpfSys;
import io.netemu.ebpf.sys.KernelProg;
import io.netemu.node.bpf.NsXdp;
import io.netemu.node.bpf.XdpAttach;
import io.netemu.node.bpf.XdpAttachError;
import io.netemu.stack.dev.NetDev;
import java.util.List;

/**
 * {@code bpftool net}: show|list [dev NAME], attach ATTACH_TYPE PROG dev NAME [overwrite],
 * detach ATTACH_TYPE dev NAME, on this namespace's devices. ATTACH_TYPE is xdp (the device's
 * default mode: native on a veth), xdpgeneric, xdpdrv or xdpoffload. No tc or flow dissector
 * programs exist in netemu, so those sections are always empty. Failures of the attach path
 * return -errno (EINVAL, 234, for bad arguments), as bpftool's do_attach does.
 */
final class BpftoolNet {
    static final String USAGE = """
            Usage: bpftool net { show | list } [dev <devname>]
                   bpftool net attach ATTACH_TYPE PROG dev <devname> [ overwrite ]
                   bpftool net detach ATTACH_TYPE dev <devname>
                   bpftool net help

                   PROG := { id PROG_ID | pinned FILE | tag PROG_TAG | name PROG_NAME }
                   ATTACH_TYPE := { xdp | xdpgeneric | xdpdrv | xdpoffload }
            """;
    private static final int EINVAL_EXIT = 256 - BpfError.EINVAL;

    private BpftoolNet() {}

    static void run(Bpftool.Ctx c, List<String> args) {
        BpfSys sys = c.bpf().sys();
        NsXdp.prune(c.ns(), sys);
        String cmd = args.isEmpty() ? "show" : args.get(0);
        if (Bpftool.is(cmd, "show") || Bpftool.is(cmd, "list")) {
            Integer only = null;
            if (args.size() > 1) {
                only = dev(c, args, 1, 255).ifindex();
            }
            show(c, only);
        } else if (Bpftool.is(cmd, "attach")) {
            if (args.size() < 3) {
                throw new BpftoolExit(EINVAL_EXIT, "invalid net attach/detach type: " + (args.size() > 1 ? args.get(1) : ""), "");
            }
            String type = args.get(1);
            XdpMode mode = mode(type);
            List<KernelProg> progs = ProgSelect.progs(sys, args, 2, EINVAL_EXIT);
            NetDev d = dev(c, args, 4, EINVAL_EXIT);
            boolean overwrite = args.size() > 6 && Bpftool.is(args.get(6), "overwrite");
            if (args.size() > 6 && !overwrite) {
                throw new BpftoolExit(EINVAL_EXIT, "expected 'overwrite', got: '" + args.get(6) + "'?", "");
            }
            attach(c, sys, type, mode, progs.get(0), d, overwrite);
        } else if (Bpftool.is(cmd, "detach")) {
            if (args.size() < 2) {
                throw new BpftoolExit(EINVAL_EXIT, "invalid net attach/detach type: ", "");
            }
            String type = args.get(1);
            XdpMode mode = mode(type);
            NetDev d = dev(c, args, 2, EINVAL_EXIT);
            if (!type.equals("xdpoffload")) {
                NsXdp.of(c.ns()).detach(sys, d, mode);
            }
        } else if (Bpftool.is(cmd, "help")) {
            c.err().append(USAGE);
        } else {
            throw new BpftoolExit(255, null, USAGE);
        }
    }

    /** The XDP mode of an attach type; null for plain {@code xdp} (and for xdpoffload, refused later). */
    private static XdpMode mode(String type) {
        return switch (type) {
            case "xdp", "xdpoffload" -> null;
            case "xdpgeneric" -> XdpMode.GENERIC;
            case "xdpdrv" -> XdpMode.DRV;
            default -> throw new BpftoolExit(EINVAL_EXIT, "invalid net attach/detach type: " + type, "");
        };
    }

    /** net_parse_dev: {@code dev NAME} at {@code args[at]}. */
    private static NetDev dev(Bpftool.Ctx c, List<String> args, int at, int status) {
        if (args.size() < at + 2 || !args.get(at).equals("dev")) {
            throw new BpftoolExit(status, "expected 'dev', got: '" + (args.size() > at ? args.get(at) : "") + "'?", "");
        }
        NetDev d = c.ns().devs().byName(args.get(at + 1));
        if (d == null) {
            throw new BpftoolExit(status, "invalid devname " + args.get(at + 1), "");
        }
        return d;
    }

    private static void attach(Bpftool.Ctx c, BpfSys sys, String type, XdpMode mode, KernelProg p, NetDev d,
                               boolean overwrite) {
        try {
            if (type.equals("xdpoffload")) {
                throw new XdpAttachError(BpfError.EINVAL, null);
            }
            NsXdp.of(c.ns()).attach(sys, d, p, mode, !overwrite);
        } catch (XdpAttachError e) {
            String before = e.extack() == null ? "" : "libbpf: Kernel error message: " + e.extack() + "\n";
            throw new BpftoolExit((256 - e.errno()) & 0xff, "interface " + type + " attach failed: "
                    + BpfError.strerror(e.errno()), before);
        }
    }

    /** do_show: the xdp section from this namespace's attachments; tc and flow_dissector are empty. */
    private static void show(Bpftool.Ctx c, Integer only) {
        List<XdpAttach> l = NsXdp.all(c.ns()).stream().filter(a -> only == null || a.ifindex() == only).toList();
        if (c.json()) {
            BpfJson w = c.jw();
            w.startArray().startObject().name("xdp").startArray();
            for (XdpAttach a : l) {
                w.startObject().name("devname").string(name(c, a)).name("ifindex").number(a.ifindex())
                        .name("mode").string(a.mode().bpftoolName).name("id").number(a.prog().id()).endObject();
            }
            w.endArray().name("tc").startArray().endArray().name("flow_dissector").startArray().endArray();
            w.endObject().endArray();
            w.finish();
            return;
        }
        StringBuilder o = c.out().append("xdp:\n");
        for (XdpAttach a : l) {
            o.append(name(c, a)).append('(').append(a.ifindex()).append(") ").append(a.mode().bpftoolName)
                    .append(" id ").append(a.prog().id()).append('\n');
        }
        o.append("\ntc:\n\nflow_dissector:\n\n");
    }

    private static String name(Bpftool.Ctx c, XdpAttach a) {
        NetDev d = c.ns().devs().get(a.ifindex());
        return d == null ? "if" + a.ifindex() : d.name();
    }
}
