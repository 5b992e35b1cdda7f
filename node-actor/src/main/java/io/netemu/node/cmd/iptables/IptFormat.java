package io.netemu.node.cmd.iptables;

import io.netemu.stack.netfilter.iptables.IptIp;
import io.netemu.stack.netfilter.iptables.XtChain;
import io.netemu.stack.netfilter.iptables.XtJump;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtNames;
import io.netemu.stack.netfilter.iptables.XtParse;
import io.netemu.stack.netfilter.iptables.XtRule;

/**
 * How iptables 1.8.9 writes rules: the {@code -L} table (xshared.c print_header,
 * print_rule_details, print_ifaces, print_ipv4_addresses, xtables_print_num; nft-ipv4.c
 * nft_ipv4_print_rule) with its column widths, the one-line form {@code -v} echoes for a rule it
 * adds, and the {@code -S} / iptables-save form (nft_ipv4_save_rule, save_rule_details).
 */
final class IptFormat {
    static final int NUMERIC = 1;
    static final int VERBOSE = 2;
    static final int EXPANDED = 4;
    static final int LINENUMBERS = 8;

    private IptFormat() {}

    /** xtables_print_num: exact in 8 columns with -x, else 5 columns with K, M, G, T. */
    static void num(StringBuilder sb, long n, int fmt, boolean notable) {
        if ((fmt & EXPANDED) != 0) {
            sb.append(notable ? Long.toUnsignedString(n) : String.format("%8s", Long.toUnsignedString(n))).append(' ');
            return;
        }
        if (Long.compareUnsigned(n, 99999) <= 0) {
            sb.append(notable ? Long.toString(n) : String.format("%5d", n)).append(' ');
            return;
        }
        String[] units = {"K", "M", "G", "T"};
        for (int i = 0; i < units.length; i++) {
            n = Long.divideUnsigned(n + 500, 1000);
            if (Long.compareUnsigned(n, 9999) <= 0 || i == units.length - 1) {
                sb.append(notable ? Long.toUnsignedString(n) : String.format("%4s", Long.toUnsignedString(n)))
                        .append(units[i]).append(' ');
                return;
            }
        }
    }

    /** print_header: the chain line and the column titles. */
    static void header(StringBuilder sb, XtChain c, int refs, int fmt) {
        sb.append("Chain ").append(c.name());
        if (c.builtin()) {
            sb.append(" (policy ").append(c.policy());
            if ((fmt & VERBOSE) != 0) {
                sb.append(' ');
                num(sb, c.policyPackets(), fmt, true);
                sb.append("packets, ");
                num(sb, c.policyBytes(), fmt, true);
                sb.append("bytes");
            }
            sb.append(")\n");
        } else {
            sb.append(" (").append(refs).append(" references)\n");
        }
        if ((fmt & LINENUMBERS) != 0) {
            sb.append(String.format("%-4s ", "num"));
        }
        if ((fmt & VERBOSE) != 0) {
            if ((fmt & EXPANDED) != 0) {
                sb.append(String.format("%8s %10s ", "pkts", "bytes"));
            } else {
                sb.append(String.format("%5s %5s ", "pkts", "bytes"));
            }
        }
        sb.append(String.format("%-9s ", "target")).append(" prot ").append("opt");
        if ((fmt & VERBOSE) != 0) {
            sb.append(String.format(" %-6s %-6s ", "in", "out"));
        }
        sb.append(String.format(" %-19s  %-19s \n", "source", "destination"));
    }

    /** One rule as a line of the -L table. */
    static void listRule(StringBuilder sb, XtRule r, int num, int fmt) {
        boolean numeric = (fmt & NUMERIC) != 0;
        IptIp ip = r.ip;
        if ((fmt & LINENUMBERS) != 0) {
            sb.append(String.format("%-4d ", num));
        }
        if ((fmt & VERBOSE) != 0) {
            num(sb, r.packets(), fmt, false);
            num(sb, r.bytes(), fmt, false);
        }
        sb.append(String.format("%-9s ", r.target == null ? "" : r.target.name()));
        sb.append(ip.inv(IptIp.INV_PROTO) ? '!' : ' ');
        sb.append(String.format("%-5s", numeric ? Integer.toString(ip.proto()) : protoName(ip.proto())));
        sb.append(ip.inv(IptIp.INV_FRAG) ? '!' : '-').append(ip.frag() ? 'f' : '-').append(' ');
        if ((fmt & VERBOSE) != 0) {
            String any = numeric ? "*" : "any";
            sb.append(String.format(" %-6s ", (ip.inv(IptIp.INV_VIA_IN) ? "!" : "")
                    + (ip.iniface().isEmpty() ? any : ip.iniface())));
            sb.append(String.format("%-6s ", (ip.inv(IptIp.INV_VIA_OUT) ? "!" : "")
                    + (ip.outiface().isEmpty() ? any : ip.outiface())));
        }
        sb.append(ip.inv(IptIp.INV_SRCIP) ? '!' : ' ');
        sb.append(String.format("%-19s ", addr(ip.src(), ip.smsk(), numeric)));
        sb.append(ip.inv(IptIp.INV_DSTIP) ? '!' : ' ');
        sb.append(String.format("%-19s ", addr(ip.dst(), ip.dmsk(), numeric)));
        tail(sb, r, numeric);
    }

    /** The line {@code iptables -v -A ...} echoes (FMT_NOTABLE | FMT_NOCOUNTS | FMT_NUMERIC | FMT_VIA). */
    static void echoRule(StringBuilder sb, XtRule r) {
        IptIp ip = r.ip;
        sb.append(r.target == null ? "" : r.target.name()).append(' ');
        sb.append(ip.inv(IptIp.INV_PROTO) ? '!' : ' ').append(protoName(ip.proto())).append(' ');
        sb.append("opt ").append(ip.inv(IptIp.INV_FRAG) ? '!' : '-').append(ip.frag() ? 'f' : '-').append(' ');
        sb.append("in ").append(ip.inv(IptIp.INV_VIA_IN) ? "!" : "").append(ip.iniface().isEmpty() ? "*" : ip.iniface())
                .append(' ');
        sb.append("out ").append(ip.inv(IptIp.INV_VIA_OUT) ? "!" : "")
                .append(ip.outiface().isEmpty() ? "*" : ip.outiface()).append(' ');
        sb.append(ip.inv(IptIp.INV_SRCIP) ? '!' : ' ').append(addr(ip.src(), ip.smsk(), true)).append(' ');
        sb.append(ip.inv(IptIp.INV_DSTIP) ? '!' : ' ').append("-> ").append(addr(ip.dst(), ip.dmsk(), true));
        sb.append("  ");
        tail(sb, r, true);
    }

    private static void tail(StringBuilder sb, XtRule r, boolean numeric) {
        if (r.target instanceof XtJump j && j.isGoto()) {
            sb.append("[goto] ");
        }
        for (XtMatch m : r.matches) {
            m.print(sb, numeric);
        }
        if (r.target != null) {
            r.target.print(sb, numeric);
        }
        sb.append('\n');
    }

    /** proto_to_name: "all" for 0, /etc/protocols' name, else the number. */
    static String protoName(int proto) {
        if (proto == 0) {
            return "all";
        }
        String n = XtNames.protocol(proto);
        return n != null ? n : Integer.toString(proto);
    }

    /** ipv4_addr_to_string: "anywhere" for /0 unless numeric; else the address (a name if one is known) and the mask. */
    static String addr(int a, int mask, boolean numeric) {
        if (mask == 0 && !numeric) {
            return "anywhere";
        }
        String s = numeric ? XtParse.ntoa(a) : anyname(a, mask);
        return s + maskSuffix(mask);
    }

    private static String anyname(int a, int mask) {
        if (a == 0x7F000001) {
            return "localhost";
        }
        String net = XtNames.network(a);
        return net != null ? net : XtParse.ntoa(a);
    }

    /** xtables_ipmask_to_numeric: "" for /32, "/N" for a prefix, "/a.b.c.d" otherwise. */
    static String maskSuffix(int mask) {
        if (mask == 0xFFFFFFFF) {
            return "";
        }
        int bits = Integer.bitCount(mask);
        if (mask == (bits == 0 ? 0 : (int) (0xFFFFFFFFL << (32 - bits)))) {
            return "/" + bits;
        }
        return "/" + XtParse.ntoa(mask);
    }

    /** mask_to_str for -S: "32", the prefix length, or the dotted mask. */
    static String saveMask(int mask) {
        String s = maskSuffix(mask);
        return s.isEmpty() ? "32" : s.substring(1);
    }

    /** One rule as -S and iptables-save write it after {@code -A CHAIN}; counters as " -c P B" when asked. */
    static void saveRule(StringBuilder sb, XtRule r, boolean counters) {
        IptIp ip = r.ip;
        saveAddr(sb, 's', ip.src(), ip.smsk(), ip.inv(IptIp.INV_SRCIP));
        saveAddr(sb, 'd', ip.dst(), ip.dmsk(), ip.inv(IptIp.INV_DSTIP));
        if (!ip.iniface().isEmpty()) {
            sb.append(ip.inv(IptIp.INV_VIA_IN) ? " !" : "").append(" -i ").append(ip.iniface());
        }
        if (!ip.outiface().isEmpty()) {
            sb.append(ip.inv(IptIp.INV_VIA_OUT) ? " !" : "").append(" -o ").append(ip.outiface());
        }
        if (ip.proto() > 0) {
            sb.append(ip.inv(IptIp.INV_PROTO) ? " !" : "").append(" -p ").append(protoName(ip.proto()));
        }
        if (ip.frag()) {
            sb.append(ip.inv(IptIp.INV_FRAG) ? " !" : "").append(" -f");
        }
        for (XtMatch m : r.matches) {
            sb.append(" -m ").append(m.name());
            m.save(sb);
        }
        if (counters) {
            sb.append(" -c ").append(Long.toUnsignedString(r.packets())).append(' ')
                    .append(Long.toUnsignedString(r.bytes()));
        }
        if (r.target != null) {
            r.target.save(sb);
        }
    }

    private static void saveAddr(StringBuilder sb, char letter, int a, int mask, boolean inv) {
        if (mask == 0 && !inv && a == 0) {
            return;
        }
        sb.append(inv ? " !" : "").append(" -").append(letter).append(' ').append(XtParse.ntoa(a)).append('/')
                .append(saveMask(mask));
    }
}
