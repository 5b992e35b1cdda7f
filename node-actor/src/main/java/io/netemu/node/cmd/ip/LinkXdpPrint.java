package io.netemu.node.cmd.ip;

import io.netemu.device.xdp.XdpMode;
import io.netemu.ebpf.sys.KernelProg;
import io.netemu.node.bpf.XdpAttach;

/**
 * xdp_dump and bpf_dump_prog_info (ip/iplink_xdp.c, lib/bpf_glue.c; iproute2 6.1): the attached
 * program in a link listing. Linux prints {@code jited} after the tag of a JIT-compiled program
 * (and {@code "jited":1} in JSON); netemu interprets every program, so the word is left out and
 * JSON says 0, which is what iproute2 prints for a program the kernel did not JIT.
 */
final class LinkXdpPrint {
    /** IFLA_XDP_ATTACHED values. */
    private static final int ATTACHED_DRV = 1, ATTACHED_SKB = 2;

    private LinkXdpPrint() {}

    /**
     * The first xdp_dump call, right after mtu: {@code xdp }/{@code xdpgeneric } for ip link,
     * {@code xdp/id:N } for ip addr; in JSON the whole {@code "xdp"} object.
     */
    static void afterMtu(Printer p, XdpAttach x, boolean doLink, boolean details) {
        if (x == null) {
            return;
        }
        if (p.json()) {
            int mode = x.mode() == XdpMode.DRV ? ATTACHED_DRV : ATTACHED_SKB;
            p.openObject("xdp");
            p.jsonNum("mode", mode);
            prog(p, x.prog(), details);
            p.openJsonArray("attached");
            p.openObject(null);
            p.jsonNum("mode", mode);
            prog(p, x.prog(), details);
            p.closeObject();
            p.closeJsonArray();
            p.closeObject();
        } else if (doLink) {
            p.fp(x.mode().ipKeyword + " ");
        } else {
            p.fp("xdp/id:" + x.prog().id() + " ");
        }
    }

    /** The second call, after the alias: {@code     prog/xdp id N name X tag T } on a line of its own. */
    static void progLine(Printer p, XdpAttach x, boolean details) {
        if (x == null || p.json()) {
            return;
        }
        KernelProg k = x.prog();
        StringBuilder sb = new StringBuilder(p.sl()).append("    prog/xdp id ").append(k.id())
                .append(" name ").append(k.name()).append(" tag ").append(k.tag()).append(' ');
        if (details) {
            sb.append("load_time ").append(k.loadTimeNs()).append(" created_by_uid 0 ");
            if (k.btfId() != 0) {
                sb.append("btf_id ").append(k.btfId()).append(' ');
            }
        }
        p.fp(sb.toString());
    }

    private static void prog(Printer p, KernelProg k, boolean details) {
        p.openObject("prog");
        p.jsonNum("id", k.id());
        p.jsonStr("name", k.name());
        p.jsonStr("tag", k.tag());
        p.jsonNum("jited", 0);
        if (details) {
            p.jsonNum("load_time", k.loadTimeNs());
            p.jsonNum("created_by_uid", 0);
            if (k.btfId() != 0) {
                p.jsonNum("btf_id", k.btfId());
            }
        }
        p.closeObject();
    }
}
