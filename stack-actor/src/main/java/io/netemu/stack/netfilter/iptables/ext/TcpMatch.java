package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtCheck;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtPkt;

/**
 * The tcp match (xt_tcpudp.c tcp_mt, libxt_tcp.c print and save): source and destination port
 * ranges and the flags under a mask, each invertible. A non-first fragment never matches, the
 * second 8 bytes of a header (fragoff 1) are dropped, a truncated header too (hotdrop).
 */
public record TcpMatch(int spMin, int spMax, int dpMin, int dpMax, int flgMask, int flgCmp, int invflags)
        implements XtMatch {
    public static final int INV_SRCPT = 0x01;
    public static final int INV_DSTPT = 0x02;
    public static final int INV_FLAGS = 0x04;

    static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG"};

    @Override
    public String name() { return "tcp"; }

    @Override
    public boolean match(XtPkt p) {
        if (p.fragoff != 0) {
            if (p.fragoff == 1) {
                p.hotdrop = true;
            }
            return false;
        }
        if (!p.hasL4(20)) {
            p.hotdrop = true;
            return false;
        }
        return PortSpec.in(spMin, spMax, p.l4u16(0), (invflags & INV_SRCPT) != 0)
                && PortSpec.in(dpMin, dpMax, p.l4u16(2), (invflags & INV_DSTPT) != 0)
                && (((p.l4u8(13) & flgMask) == flgCmp) ^ ((invflags & INV_FLAGS) != 0));
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        sb.append(" tcp");
        PortSpec.print(sb, "spt", spMin, spMax, (invflags & INV_SRCPT) != 0, "tcp", numeric);
        PortSpec.print(sb, "dpt", dpMin, dpMax, (invflags & INV_DSTPT) != 0, "tcp", numeric);
        boolean inv = (invflags & INV_FLAGS) != 0;
        if (flgMask != 0 || inv) {
            sb.append(" flags:").append(inv ? "!" : "");
            if (numeric) {
                sb.append(String.format("0x%02X/0x%02X", flgMask, flgCmp));
            } else {
                flags(sb, flgMask);
                sb.append('/');
                flags(sb, flgCmp);
            }
        }
    }

    @Override
    public void save(StringBuilder sb) {
        PortSpec.save(sb, "--sport", spMin, spMax, (invflags & INV_SRCPT) != 0);
        PortSpec.save(sb, "--dport", dpMin, dpMax, (invflags & INV_DSTPT) != 0);
        if (flgMask != 0 || (invflags & INV_FLAGS) != 0) {
            sb.append((invflags & INV_FLAGS) != 0 ? " !" : "").append(" --tcp-flags ");
            flags(sb, flgMask);
            sb.append(' ');
            flags(sb, flgCmp);
        }
    }

    @Override
    public void check(XtCheck c) throws XtCheck.Refused {
        PortSpec.requireProto(c, "tcp", 6);
    }

    /** print_tcpf: names joined by commas, NONE for none. */
    static void flags(StringBuilder sb, int f) {
        if (f == 0) {
            sb.append("NONE");
            return;
        }
        boolean first = true;
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((f & (1 << i)) != 0) {
                sb.append(first ? "" : ",").append(FLAG_NAMES[i]);
                first = false;
            }
        }
    }
}
