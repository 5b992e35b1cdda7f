package io.netemu.node.cmd.tcpdump;

/** tcpdump's ICMP text (print-icmp.c): echoes with id and seq, and the errors naming what they quote. */
final class Icmp {
    private Icmp() {}

    /** {@code len}: the bytes captured of the ICMP message; {@code wireLen}: its length from the IP header. */
    static void print(StringBuilder sb, byte[] b, int p, int len, int wireLen) {
        sb.append("ICMP ");
        if (len < 4) {
            sb.append("[|icmp]");
            return;
        }
        int type = b[p] & 0xff;
        int code = b[p + 1] & 0xff;
        switch (type) {
            case 8, 0 -> sb.append(type == 8 ? "echo request" : "echo reply").append(", id ")
                    .append(TcpdumpPrinter.u16(b, p + 4)).append(", seq ").append(TcpdumpPrinter.u16(b, p + 6));
            case 3 -> unreachable(sb, b, p, len, code);
            case 11 -> sb.append(code == 0 ? "time exceeded in-transit" : "ip reassembly time exceeded");
            case 5 -> sb.append("redirect");
            default -> sb.append("type-#").append(type);
        }
        sb.append(", length ").append(wireLen);
    }

    /** The quoted datagram's destination (and port, for UDP and TCP) names what was unreachable. */
    private static void unreachable(StringBuilder sb, byte[] b, int p, int len, int code) {
        int q = p + 8;
        if (len < 8 + 20) {
            sb.append("unreachable");
            return;
        }
        int qihl = (b[q] & 0x0f) * 4;
        int qproto = b[q + 9] & 0xff;
        StringBuilder dst = TcpdumpPrinter.ipv4(new StringBuilder(), b, q + 16);
        switch (code) {
            case 0 -> sb.append("net ").append(dst).append(" unreachable");
            case 1 -> sb.append("host ").append(dst).append(" unreachable");
            case 2 -> sb.append(dst).append(" protocol ").append(qproto).append(" unreachable");
            case 3 -> {
                int dport = len >= 8 + qihl + 4 ? TcpdumpPrinter.u16(b, q + qihl + 2) : 0;
                sb.append(dst).append(qproto == 17 ? " udp port " : qproto == 6 ? " tcp port " : " port ")
                        .append(dport).append(" unreachable");
            }
            case 4 -> sb.append(dst).append(" unreachable - need to frag (mtu ")
                    .append(TcpdumpPrinter.u16(b, p + 6)).append(')');
            case 13 -> sb.append("host ").append(dst).append(" unreachable - admin prohibited filter");
            default -> sb.append(dst).append(" unreachable - #").append(code);
        }
    }
}
