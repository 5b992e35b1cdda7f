package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.packet.SkBuff;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.iptables.IptIp;
import io.netemu.stack.netfilter.iptables.XtCheck;
import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtOpt;
import io.netemu.stack.netfilter.iptables.XtParse;
import io.netemu.stack.netfilter.iptables.XtPkt;
import io.netemu.stack.netfilter.iptables.XtTarget;
import java.util.EnumSet;
import java.util.List;

/**
 * The TCPMSS target (xt_TCPMSS.c tcpmss_mangle_packet, libxt_TCPMSS.c): lowers the MSS option of
 * a TCP segment to {@code --set-mss} or to the path MTU less 40 ({@code --clamp-mss-to-pmtu}),
 * never raising it, with the checksum patched; goes on. An MSS option the segment lacks is not
 * added (the kernel adds one; SYNs always carry it).
 *
 * @param mss the MSS to set, or -1 to clamp to the path MTU
 */
public record TcpmssTarget(int mss) implements XtTarget {
    @Override
    public String name() { return "TCPMSS"; }

    @Override
    public int target(XtPkt p) {
        if (p.fragoff != 0 || !p.hasL4(20)) {
            return p.fragoff != 0 ? CONTINUE : DROP;
        }
        int newmss = mss;
        if (mss < 0) {
            int mtu = p.nf.out == null ? 0 : p.nf.out.mtu();
            if (p.nf.in != null) {
                mtu = Math.min(mtu, p.nf.in.mtu());
            }
            if (mtu <= 40) {
                return DROP;
            }
            newmss = mtu - 40;
        }
        SkBuff skb = p.nf.skb.writable();
        p.nf.skb = skb;
        byte[] b = skb.array();
        int th = p.l4Offset() - p.ipOffset() + skb.dataOffset();
        int hl = ((b[th + 12] & 0xff) >> 4) * 4;
        for (int i = 20; i <= hl - 4; ) {
            int kind = b[th + i] & 0xff;
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                i++;
                continue;
            }
            int len = b[th + i + 1] & 0xff;
            if (kind == 2 && len == 4) {
                int old = ((b[th + i + 2] & 0xff) << 8) | (b[th + i + 3] & 0xff);
                if (old > newmss) {
                    b[th + i + 2] = (byte) (newmss >> 8);
                    b[th + i + 3] = (byte) newmss;
                    int check = ((b[th + 16] & 0xff) << 8) | (b[th + 17] & 0xff);
                    check = io.netemu.packet.wire.Checksum.update16(check, old, newmss);
                    b[th + 16] = (byte) (check >> 8);
                    b[th + 17] = (byte) check;
                }
                break;
            }
            i += Math.max(len, 2);
        }
        return CONTINUE;
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        sb.append(mss < 0 ? " TCPMSS clamp to PMTU" : " TCPMSS set " + mss);
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(mss < 0 ? " -j TCPMSS --clamp-mss-to-pmtu" : " -j TCPMSS --set-mss " + mss);
    }

    @Override
    public void check(XtCheck c) throws XtCheck.Refused {
        if (mss < 0) {
            EnumSet<NfHook> ok = EnumSet.of(NfHook.FORWARD, NfHook.LOCAL_OUT, NfHook.POST_ROUTING);
            if (!c.hooks().isEmpty() && !ok.containsAll(c.hooks())) {
                throw new XtCheck.Refused("xt_TCPMSS: path-MTU clamping only supported in FORWARD, OUTPUT and "
                        + "POSTROUTING hooks", "Invalid argument");
            }
        }
        IptIp ip = c.ip();
        if (ip.proto() != 6 || ip.inv(IptIp.INV_PROTO)) {
            throw new XtCheck.Refused("x_tables: ip_tables: TCPMSS target: only valid for protocol 6", "Invalid argument");
        }
    }

    /** libxt_TCPMSS.c: --set-mss VALUE (0..65515) or --clamp-mss-to-pmtu. */
    public static final class Parser implements XtExtParser<XtTarget> {
        private int mss = -2;

        @Override
        public List<XtOpt> options() { return List.of(new XtOpt("set-mss", 1), new XtOpt("clamp-mss-to-pmtu", 0)); }

        @Override
        public void parse(String option, boolean invert, List<String> args, RuleSoFar rule) {
            if (mss != -2) {
                throw new XtError("TCPMSS target: Only one of --set-mss or --clamp-mss-to-pmtu allowed");
            }
            if (option.equals("clamp-mss-to-pmtu")) {
                mss = -1;
                return;
            }
            long v = XtParse.strtoui(args.get(0), 0, 65515);
            if (v < 0) {
                throw new XtError("TCPMSS: bad value for option \"--set-mss\", or out of range (0-65515).\n");
            }
            mss = (int) v;
        }

        @Override
        public XtTarget build(RuleSoFar rule) {
            if (mss == -2) {
                throw new XtError("TCPMSS target: At least one parameter is required");
            }
            return new TcpmssTarget(mss);
        }
    }
}
