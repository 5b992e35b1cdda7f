package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.iptables.IptIp;
import io.netemu.stack.netfilter.iptables.XtCheck;
import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtOpt;
import io.netemu.stack.netfilter.iptables.XtPkt;
import io.netemu.stack.netfilter.iptables.XtTarget;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * The REJECT target (ipt_REJECT.c reject_tg, nf_reject_ipv4.c nf_send_unreach / nf_send_reset,
 * libipt_REJECT.c): answers with an ICMP destination unreachable of the chosen code or a TCP RST,
 * then drops. Non-first fragments get no answer, nor does a RST.
 */
public record RejectTarget(int with) implements XtTarget {
    /** The types in libipt_REJECT.c's order: name, alias, ICMP code (-1: TCP reset). */
    private static final String[][] TYPES = {
        {"icmp-net-unreachable", "net-unreach", "0"}, {"icmp-host-unreachable", "host-unreach", "1"},
        {"icmp-proto-unreachable", "proto-unreach", "2"}, {"icmp-port-unreachable", "port-unreach", "3"},
        {"icmp-net-prohibited", "net-prohib", "9"}, {"icmp-host-prohibited", "host-prohib", "10"},
        {"tcp-reset", "tcp-rst", "-1"}, {"icmp-admin-prohibited", "admin-prohib", "13"},
    };

    @Override
    public String name() { return "REJECT"; }

    @Override
    public int target(XtPkt p) {
        if (p.fragoff != 0) {
            return DROP;
        }
        int code = Integer.parseInt(TYPES[with][2]);
        if (code < 0) {
            if (p.proto == 6 && p.hasL4(20) && (p.l4u8(13) & 0x04) == 0) {
                p.nf.ops.sendTcpReset(p.nf.skb);
            }
        } else {
            p.nf.ops.sendIcmpError(p.nf.skb, 3, code);
        }
        return DROP;
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        sb.append(" reject-with ").append(TYPES[with][0]);
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(" -j REJECT --reject-with ").append(TYPES[with][0]);
    }

    @Override
    public void check(XtCheck c) throws XtCheck.Refused {
        c.requireHooks("target", "REJECT", EnumSet.of(NfHook.LOCAL_IN, NfHook.FORWARD, NfHook.LOCAL_OUT));
        IptIp ip = c.ip();
        if (TYPES[with][2].equals("-1") && (ip.proto() != 6 || ip.inv(IptIp.INV_PROTO))) {
            throw new XtCheck.Refused("ipt_REJECT: TCP_RESET invalid for non-tcp", "Invalid argument");
        }
    }

    /** libipt_REJECT.c: --reject-with TYPE, a case-insensitive prefix of a name or alias, first in table order. */
    public static final class Parser implements XtExtParser<XtTarget> {
        private int with = 3;

        @Override
        public List<XtOpt> options() { return List.of(new XtOpt("reject-with", 1)); }

        @Override
        public void parse(String option, boolean invert, List<String> args, RuleSoFar rule) {
            String a = args.get(0).toLowerCase(Locale.ROOT);
            for (int i = 0; i < TYPES.length; i++) {
                if (TYPES[i][0].startsWith(a) || TYPES[i][1].startsWith(a)) {
                    with = i;
                    return;
                }
            }
            throw new XtError("unknown reject type \"" + args.get(0) + "\"");
        }

        @Override
        public XtTarget build(RuleSoFar rule) { return new RejectTarget(with); }
    }
}
