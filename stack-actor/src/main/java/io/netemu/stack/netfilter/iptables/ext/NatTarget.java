package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.iptables.XtCheck;
import io.netemu.stack.netfilter.iptables.XtNat;
import io.netemu.stack.netfilter.iptables.XtParse;
import io.netemu.stack.netfilter.iptables.XtPkt;
import io.netemu.stack.netfilter.iptables.XtTarget;
import java.util.EnumSet;

/**
 * SNAT, DNAT, MASQUERADE and REDIRECT (xt_nat.c, xt_MASQUERADE.c / nf_nat_masquerade.c,
 * xt_REDIRECT.c; libxt_NAT.c, libxt_MASQUERADE.c, libxt_REDIRECT.c print and save): the binding a
 * new connection gets, set up through conntrack's NAT. Ports are 0 when none were given.
 *
 * @param kind "SNAT", "DNAT", "MASQUERADE" or "REDIRECT"
 */
public record NatTarget(String kind, boolean haveAddr, int minAddr, int maxAddr, boolean havePorts, int minPort,
                        int maxPort, boolean random, boolean randomFully, boolean persistent) implements XtTarget {
    @Override
    public String name() { return kind; }

    @Override
    public int target(XtPkt p) {
        return switch (kind) {
            case "SNAT" -> XtNat.setup(p.nf, minAddr, maxAddr, minPort, maxPort, random || randomFully, persistent,
                    false, true);
            case "DNAT" -> XtNat.setup(p.nf, minAddr, maxAddr, minPort, maxPort, random, persistent, false, false);
            case "REDIRECT" -> XtNat.redirect(p.nf, minPort, maxPort);
            default -> masquerade(p);
        };
    }

    /** nf_nat_masquerade_ipv4: conntrack's NAT takes the source the output device would choose. */
    private int masquerade(XtPkt p) {
        return XtNat.setup(p.nf, 0, 0, minPort, maxPort, random || randomFully, false, true, true);
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        switch (kind) {
            case "SNAT", "DNAT" -> {
                sb.append(" to:");
                range(sb);
            }
            case "MASQUERADE" -> {
                if (havePorts) {
                    sb.append(" masq ports: ");
                    ports(sb);
                }
            }
            default -> {
                if (havePorts) {
                    sb.append(" redir ports ");
                    ports(sb);
                }
            }
        }
        flags(sb, " ");
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(" -j ").append(kind);
        switch (kind) {
            case "SNAT" -> {
                sb.append(" --to-source ");
                range(sb);
            }
            case "DNAT" -> {
                sb.append(" --to-destination ");
                range(sb);
            }
            default -> {
                if (havePorts) {
                    sb.append(" --to-ports ");
                    ports(sb);
                }
            }
        }
        flags(sb, " --");
    }

    private void range(StringBuilder sb) {
        if (haveAddr) {
            sb.append(XtParse.ntoa(minAddr));
            if (maxAddr != minAddr) {
                sb.append('-').append(XtParse.ntoa(maxAddr));
            }
        }
        if (havePorts) {
            sb.append(':');
            ports(sb);
        }
    }

    private void ports(StringBuilder sb) {
        sb.append(minPort);
        if (maxPort != minPort) {
            sb.append('-').append(maxPort);
        }
    }

    private void flags(StringBuilder sb, String lead) {
        if (random) {
            sb.append(lead).append("random");
        }
        if (randomFully) {
            sb.append(lead).append("random-fully");
        }
        if (persistent) {
            sb.append(lead).append("persistent");
        }
    }

    @Override
    public void check(XtCheck c) throws XtCheck.Refused {
        c.requireTable("target", kind, "nat");
        EnumSet<NfHook> hooks = switch (kind) {
            case "SNAT" -> EnumSet.of(NfHook.LOCAL_IN, NfHook.POST_ROUTING);
            case "MASQUERADE" -> EnumSet.of(NfHook.POST_ROUTING);
            default -> EnumSet.of(NfHook.PRE_ROUTING, NfHook.LOCAL_OUT);
        };
        c.requireHooks("target", kind, hooks);
        c.needConntrack();
    }
}
