package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtCheck;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtPkt;

/** The udp match (xt_tcpudp.c udp_mt, libxt_udp.c): source and destination port ranges; fragments never match. */
public record UdpMatch(int spMin, int spMax, int dpMin, int dpMax, int invflags) implements XtMatch {
    public static final int INV_SRCPT = 0x01;
    public static final int INV_DSTPT = 0x02;

    @Override
    public String name() { return "udp"; }

    @Override
    public boolean match(XtPkt p) {
        if (p.fragoff != 0) {
            return false;
        }
        if (!p.hasL4(8)) {
            p.hotdrop = true;
            return false;
        }
        return PortSpec.in(spMin, spMax, p.l4u16(0), (invflags & INV_SRCPT) != 0)
                && PortSpec.in(dpMin, dpMax, p.l4u16(2), (invflags & INV_DSTPT) != 0);
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        sb.append(" udp");
        PortSpec.print(sb, "spt", spMin, spMax, (invflags & INV_SRCPT) != 0, "udp", numeric);
        PortSpec.print(sb, "dpt", dpMin, dpMax, (invflags & INV_DSTPT) != 0, "udp", numeric);
    }

    @Override
    public void save(StringBuilder sb) {
        PortSpec.save(sb, "--sport", spMin, spMax, (invflags & INV_SRCPT) != 0);
        PortSpec.save(sb, "--dport", dpMin, dpMax, (invflags & INV_DSTPT) != 0);
    }

    @Override
    public void check(XtCheck c) throws XtCheck.Refused {
        PortSpec.requireProto(c, "udp", 17);
    }
}
