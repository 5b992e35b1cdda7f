package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtParse;
import io.netemu.stack.netfilter.iptables.XtPkt;

/**
 * The line the LOG target writes (nf_log_syslog.c: nf_log_dump_packet_common, dump_mac_header,
 * dump_ipv4_packet, nf_log_dump_tcp_header, nf_log_dump_udp_header), e.g.
 * {@code PREFIX IN=eth0 OUT= MAC=... SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=ICMP TYPE=8 CODE=0 ID=7 SEQ=1 },
 * trailing space included, as dmesg shows it.
 */
final class NfLogLine {
    private NfLogLine() {}

    static String format(XtPkt p, String prefix, int flags) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(prefix).append("IN=").append(p.in).append(" OUT=").append(p.out).append(' ');
        if (p.nf.in != null) {
            mac(sb, p, flags);
        }
        byte[] b = p.buffer();
        ipv4(sb, b, p.ipOffset(), p.ipOffset() + p.len, flags, true);
        if (p.nf.mark != 0) {
            sb.append("MARK=0x").append(Integer.toHexString(p.nf.mark)).append(' ');
        }
        return sb.toString();
    }

    /** dump_mac_header: the 14 header bytes the frame came with (zeros on lo, as loopback_xmit's header). */
    private static void mac(StringBuilder sb, XtPkt p, int flags) {
        byte[] b = p.buffer();
        int off = p.ipOffset() - 14;
        boolean lo = !p.nf.in.isEther();
        boolean have = lo || off >= 0;
        if ((flags & LogTarget.MACDECODE) != 0 && !lo && have) {
            sb.append("MACSRC=");
            hex(sb, b, off + 6, 6, ':');
            sb.append(" MACDST=");
            hex(sb, b, off, 6, ':');
            sb.append(String.format(" MACPROTO=%04x ", u16(b, off + 12)));
            return;
        }
        sb.append("MAC=");
        if (lo) {
            sb.append("00:00:00:00:00:00:00:00:00:00:00:00:08:00");
        } else if (have) {
            hex(sb, b, off, 14, ':');
        }
        sb.append(' ');
    }

    /** dump_ipv4_packet; {@code top} is false for the header inside an ICMP error (one level of recursion). */
    private static void ipv4(StringBuilder sb, byte[] b, int ip, int end, int flags, boolean top) {
        if (end - ip < 20) {
            sb.append("TRUNCATED");
            return;
        }
        int ihl = (b[ip] & 0xf) * 4;
        int tos = b[ip + 1] & 0xff;
        int fragOff = u16(b, ip + 6);
        int proto = b[ip + 9] & 0xff;
        sb.append("SRC=").append(XtParse.ntoa(i32(b, ip + 12))).append(" DST=").append(XtParse.ntoa(i32(b, ip + 16)))
                .append(' ');
        sb.append("LEN=").append(u16(b, ip + 2)).append(String.format(" TOS=0x%02X PREC=0x%02X", tos & 0x1E, tos & 0xE0))
                .append(" TTL=").append(b[ip + 8] & 0xff).append(" ID=").append(u16(b, ip + 4)).append(' ');
        if ((fragOff & 0x8000) != 0) {
            sb.append("CE ");
        }
        if ((fragOff & 0x4000) != 0) {
            sb.append("DF ");
        }
        if ((fragOff & 0x2000) != 0) {
            sb.append("MF ");
        }
        int frag = fragOff & 0x1FFF;
        if (frag != 0) {
            sb.append("FRAG:").append(frag).append(' ');
        }
        if ((flags & LogTarget.IPOPT) != 0 && ihl > 20) {
            if (end - ip < ihl) {
                sb.append("TRUNCATED");
                return;
            }
            sb.append("OPT (");
            hex(sb, b, ip + 20, ihl - 20, '\0');
            sb.append(") ");
        }
        int l4 = ip + ihl;
        int have = end - l4;
        switch (proto) {
            case 6 -> tcp(sb, b, l4, have, frag != 0, flags);
            case 17, 136 -> {
                sb.append(proto == 17 ? "PROTO=UDP " : "PROTO=UDPLITE ");
                if (frag == 0) {
                    if (have < 8) {
                        sb.append("INCOMPLETE [").append(have).append(" bytes] ");
                    } else {
                        sb.append("SPT=").append(u16(b, l4)).append(" DPT=").append(u16(b, l4 + 2)).append(" LEN=")
                                .append(u16(b, l4 + 4)).append(' ');
                    }
                }
            }
            case 1 -> icmp(sb, b, l4, have, end, frag != 0, flags, top);
            default -> sb.append("PROTO=").append(proto).append(' ');
        }
    }

    private static void tcp(StringBuilder sb, byte[] b, int th, int have, boolean fragment, int flags) {
        sb.append("PROTO=TCP ");
        if (fragment) {
            return;
        }
        if (have < 20) {
            sb.append("INCOMPLETE [").append(have).append(" bytes] ");
            return;
        }
        sb.append("SPT=").append(u16(b, th)).append(" DPT=").append(u16(b, th + 2)).append(' ');
        if ((flags & LogTarget.TCPSEQ) != 0) {
            sb.append("SEQ=").append(Integer.toUnsignedString(i32(b, th + 4))).append(" ACK=")
                    .append(Integer.toUnsignedString(i32(b, th + 8))).append(' ');
        }
        sb.append("WINDOW=").append(u16(b, th + 14)).append(' ');
        sb.append(String.format("RES=0x%02x ", (u16(b, th + 12) & 0x0F00) >> 8 << 2 & 0x3C));
        int f = b[th + 13] & 0xff;
        String[] names = {"CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"};
        for (int i = 0; i < 8; i++) {
            if ((f & (0x80 >> i)) != 0) {
                sb.append(names[i]).append(' ');
            }
        }
        sb.append("URGP=").append(u16(b, th + 18)).append(' ');
        int doff = ((b[th + 12] & 0xff) >> 4) * 4;
        if ((flags & LogTarget.TCPOPT) != 0 && doff > 20 && have >= doff) {
            sb.append("OPT (");
            hex(sb, b, th + 20, doff - 20, '\0');
            sb.append(") ");
        }
    }

    private static void icmp(StringBuilder sb, byte[] b, int ic, int have, int end, boolean fragment, int flags,
                             boolean top) {
        sb.append("PROTO=ICMP ");
        if (fragment) {
            return;
        }
        if (have < 4) {
            sb.append("INCOMPLETE [").append(have).append(" bytes] ");
            return;
        }
        int type = b[ic] & 0xff;
        int code = b[ic + 1] & 0xff;
        sb.append("TYPE=").append(type).append(" CODE=").append(code).append(' ');
        int need = switch (type) {
            case 0, 8 -> 4;
            case 3, 4, 5, 11, 12 -> 28;
            case 13, 14 -> 20;
            case 17, 18 -> 12;
            default -> 0;
        };
        if (need > 0 && have < need) {
            sb.append("INCOMPLETE [").append(have).append(" bytes] ");
            return;
        }
        switch (type) {
            case 0, 8 -> sb.append("ID=").append(u16(b, ic + 4)).append(" SEQ=").append(u16(b, ic + 6)).append(' ');
            case 12 -> sb.append("PARAMETER=").append(b[ic + 4] & 0xff).append(' ');
            case 3, 4, 5, 11 -> {
                if (type == 5) {
                    sb.append("GATEWAY=").append(XtParse.ntoa(i32(b, ic + 4))).append(' ');
                }
                if (top) {
                    sb.append('[');
                    ipv4(sb, b, ic + 8, end, flags, false);
                    sb.append("] ");
                }
                if (type == 3 && code == 4) {
                    sb.append("MTU=").append(u16(b, ic + 6)).append(' ');
                }
            }
            default -> { }
        }
    }

    private static void hex(StringBuilder sb, byte[] b, int off, int n, char sep) {
        for (int i = 0; i < n; i++) {
            if (i > 0 && sep != '\0') {
                sb.append(sep);
            }
            sb.append(String.format(sep == '\0' ? "%02X" : "%02x", b[off + i] & 0xff));
        }
    }

    private static int u16(byte[] b, int i) { return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff); }

    private static int i32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }
}
