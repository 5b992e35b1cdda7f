package io.netemu.stack.netfilter.nft;

import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.netfilter.NfPacket;

/**
 * The kernel log line of the {@code log} statement for an IPv4 packet, as nf_log_syslog.c writes
 * it with no log flags (nf_log_dump_packet_common, dump_mac_header, dump_ipv4_packet): interfaces,
 * MAC header on input, IP header, then TCP, UDP or ICMP fields; trailing space included.
 */
final class NftLogFormat {
    private NftLogFormat() {}

    static String line(String prefix, NfPacket p) {
        StringBuilder sb = new StringBuilder();
        sb.append(prefix == null ? "" : prefix).append("IN=").append(p.in == null ? "" : p.in.name())
                .append(" OUT=").append(p.out == null ? "" : p.out.name()).append(' ');
        byte[] b = p.skb.array();
        int nh = p.skb.dataOffset();
        if (p.in != null) {
            sb.append("MAC=");
            if (nh >= 14) {
                for (int i = 0; i < 14; i++) {
                    sb.append(String.format("%02x", b[nh - 14 + i] & 0xff)).append(i == 13 ? ' ' : ':');
                }
            } else {
                sb.append(' ');
            }
        }
        ipv4(sb, b, nh, p.skb.len(), true);
        if (p.mark != 0) {
            sb.append(String.format("MARK=0x%x ", p.mark));
        }
        return sb.toString();
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static void ipv4(StringBuilder sb, byte[] b, int nh, int len, boolean outer) {
        if (len < 20) {
            sb.append("TRUNCATED ");
            return;
        }
        int ihl = (b[nh] & 0x0f) * 4;
        int tos = b[nh + 1] & 0xff;
        int frag = u16(b, nh + 6);
        sb.append("SRC=").append(Ipv4Address.format(Ipv4Address.read(b, nh + 12)))
                .append(" DST=").append(Ipv4Address.format(Ipv4Address.read(b, nh + 16))).append(' ')
                .append(String.format("LEN=%d TOS=0x%02X PREC=0x%02X TTL=%d ID=%d ", u16(b, nh + 2), tos & 0x1e,
                        tos & 0xe0, b[nh + 8] & 0xff, u16(b, nh + 4)));
        if ((frag & 0x8000) != 0) {
            sb.append("CE ");
        }
        if ((frag & 0x4000) != 0) {
            sb.append("DF ");
        }
        if ((frag & 0x2000) != 0) {
            sb.append("MF ");
        }
        int off = frag & 0x1fff;
        if (off != 0) {
            sb.append("FRAG:").append(off).append(' ');
        }
        int th = nh + ihl;
        int avail = len - ihl;
        switch (b[nh + 9] & 0xff) {
            case 6 -> {
                sb.append("PROTO=TCP ");
                if (off != 0) {
                    return;
                }
                if (avail < 20) {
                    sb.append("INCOMPLETE [").append(avail).append(" bytes] ");
                    return;
                }
                int flags = b[th + 13] & 0xff;
                sb.append("SPT=").append(u16(b, th)).append(" DPT=").append(u16(b, th + 2)).append(' ')
                        .append("WINDOW=").append(u16(b, th + 14)).append(' ')
                        .append(String.format("RES=0x%02x ", (b[th + 12] & 0x0f) << 2));
                String[] names = {"CWR ", "ECE ", "URG ", "ACK ", "PSH ", "RST ", "SYN ", "FIN "};
                for (int i = 0; i < 8; i++) {
                    if ((flags & (0x80 >> i)) != 0) {
                        sb.append(names[i]);
                    }
                }
                sb.append("URGP=").append(u16(b, th + 18)).append(' ');
            }
            case 17 -> {
                sb.append("PROTO=UDP ");
                if (off != 0) {
                    return;
                }
                if (avail < 8) {
                    sb.append("INCOMPLETE [").append(avail).append(" bytes] ");
                    return;
                }
                sb.append("SPT=").append(u16(b, th)).append(" DPT=").append(u16(b, th + 2))
                        .append(" LEN=").append(u16(b, th + 4)).append(' ');
            }
            case 1 -> icmp(sb, b, th, avail, off, outer);
            default -> sb.append("PROTO=").append(b[nh + 9] & 0xff).append(' ');
        }
    }

    private static void icmp(StringBuilder sb, byte[] b, int th, int avail, int off, boolean outer) {
        sb.append("PROTO=ICMP ");
        if (off != 0) {
            return;
        }
        if (avail < 8) {
            sb.append("INCOMPLETE [").append(avail).append(" bytes] ");
            return;
        }
        int type = b[th] & 0xff;
        int code = b[th + 1] & 0xff;
        sb.append("TYPE=").append(type).append(" CODE=").append(code).append(' ');
        switch (type) {
            case 0, 8 -> sb.append("ID=").append(u16(b, th + 4)).append(" SEQ=").append(u16(b, th + 6)).append(' ');
            case 12 -> sb.append("PARAMETER=").append(b[th + 4] & 0xff).append(' ');
            case 5 -> sb.append("GATEWAY=").append(Ipv4Address.format(Ipv4Address.read(b, th + 4))).append(' ');
            case 3, 4, 11 -> {
                if (outer && avail > 8) {
                    sb.append('[');
                    ipv4(sb, b, th + 8, avail - 8, false);
                    sb.append("] ");
                }
                if (type == 3 && code == 4) {
                    sb.append("MTU=").append(u16(b, th + 6)).append(' ');
                }
            }
            default -> { }
        }
    }
}
