package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.IptIp;
import io.netemu.stack.netfilter.iptables.XtCheck;
import io.netemu.stack.netfilter.iptables.XtParse;

/** Port ranges as libxt_tcp and libxt_udp print and save them (print_ports, tcp_save) and xt_tcpudp.c port_match. */
final class PortSpec {
    private PortSpec() {}

    static boolean in(int min, int max, int port, boolean invert) {
        return (port >= min && port <= max) ^ invert;
    }

    static void print(StringBuilder sb, String name, int min, int max, boolean inv, String proto, boolean numeric) {
        if (min == 0 && max == 0xFFFF && !inv) {
            return;
        }
        sb.append(' ').append(name);
        if (min == max) {
            sb.append(':').append(inv ? "!" : "").append(XtParse.portName(min, proto, numeric));
        } else {
            sb.append("s:").append(inv ? "!" : "").append(XtParse.portName(min, proto, numeric)).append(':')
                    .append(XtParse.portName(max, proto, numeric));
        }
    }

    static void save(StringBuilder sb, String opt, int min, int max, boolean inv) {
        if (min == 0 && max == 0xFFFF) {
            return;
        }
        sb.append(inv ? " !" : "").append(' ').append(opt).append(' ').append(min);
        if (min != max) {
            sb.append(':').append(max);
        }
    }

    /** xt_check_match's protocol check: "x_tables: ip_tables: tcp match: only valid for protocol 6". */
    static void requireProto(XtCheck c, String name, int proto) throws XtCheck.Refused {
        IptIp ip = c.ip();
        if (ip.proto() != proto || ip.inv(IptIp.INV_PROTO)) {
            throw new XtCheck.Refused("x_tables: ip_tables: " + name + " match: only valid for protocol " + proto,
                    "Invalid argument");
        }
    }
}
