package io.netemu.node.cmd.tcpdump;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * tcpdump's one-line decodes (print-ether.c, print-arp.c, print-ip.c, print-icmp.c,
 * print-udp.c, print-tcp.c) for what the emulator sends: Ethernet, ARP, IPv4, ICMP, UDP and
 * TCP, with {@code -e}, {@code -q} and {@code -v}'s IP header line; addresses and ports numeric
 * (as {@code -nn}). One printer per capture: it remembers TCP conversations to print relative
 * sequence numbers, as tcpdump does.
 */
public final class TcpdumpPrinter {
    private final boolean ether;
    private final int verbose;
    private final boolean quiet;
    private final ZoneId zone = ZoneId.systemDefault();
    private final TcpSeqTable tcpSeq = new TcpSeqTable();

    public TcpdumpPrinter(boolean ether, int verbose, boolean quiet) {
        this.ether = ether;
        this.verbose = verbose;
        this.quiet = quiet;
    }

    /** The line for one frame captured at {@code epochNanos}, without the newline. */
    public String line(long epochNanos, byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(128);
        timestamp(sb, epochNanos);
        sb.append(' ');
        if (len < 14) {
            return sb.append("[|ether]").toString();
        }
        int type = u16(b, off + 12);
        if (ether) {
            mac(sb, b, off + 6).append(" > ");
            mac(sb, b, off).append(", ethertype ").append(etherName(type))
                    .append(String.format(" (0x%04x), length %d: ", type, len));
        }
        int p = off + 14;
        int rest = len - 14;
        switch (type) {
            case 0x0806 -> arp(sb, b, p, rest);
            case 0x0800 -> ip(sb, b, p, rest, !ether);
            default -> {
                if (!ether) {
                    sb.append("ethertype ").append(etherName(type)).append(String.format(" (0x%04x), length %d: ", type, len));
                }
                sb.append("unknown");
            }
        }
        return sb.toString();
    }

    private void timestamp(StringBuilder sb, long epochNanos) {
        LocalTime t = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L))
                .atZone(zone).toLocalTime();
        sb.append(String.format("%02d:%02d:%02d.%06d", t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000));
    }

    private static String etherName(int type) {
        return switch (type) {
            case 0x0800 -> "IPv4";
            case 0x0806 -> "ARP";
            case 0x86dd -> "IPv6";
            case 0x8100 -> "802.1Q";
            default -> "Unknown";
        };
    }

    private void arp(StringBuilder sb, byte[] b, int p, int len) {
        if (!ether) {
            sb.append("ARP, ");
        }
        if (len < 28 || u16(b, p) != 1 || u16(b, p + 2) != 0x0800) {
            sb.append("[|arp]");
            return;
        }
        if (verbose > 0) {
            sb.append("Ethernet (len 6), IPv4 (len 4), ");
        }
        int op = u16(b, p + 6);
        switch (op) {
            case 1 -> {
                sb.append("Request who-has ");
                ipv4(sb, b, p + 24);
                sb.append(" tell ");
                ipv4(sb, b, p + 14);
            }
            case 2 -> {
                sb.append("Reply ");
                ipv4(sb, b, p + 14);
                sb.append(" is-at ");
                mac(sb, b, p + 8);
            }
            default -> sb.append("Unknown opcode (").append(op).append(')');
        }
        sb.append(", length ").append(len);
    }

    /** {@code named}: begin with "IP " (no -e, or a datagram an ICMP error quotes). */
    private void ip(StringBuilder sb, byte[] b, int p, int len, boolean named) {
        if (named) {
            sb.append("IP ");
        }
        if (len < 20) {
            sb.append("[|ip]");
            return;
        }
        int ihl = (b[p] & 0x0f) * 4;
        int total = u16(b, p + 2);
        int frag = u16(b, p + 6);
        int proto = b[p + 9] & 0xff;
        int off = (frag & 0x1fff) * 8;
        if (verbose > 0) {
            sb.append(String.format("(tos 0x%x, ttl %d, id %d, offset %d, flags [%s], proto %s (%d), length %d)\n    ",
                    b[p + 1] & 0xff, b[p + 8] & 0xff, u16(b, p + 4), off, ipFlags(frag), protoName(proto), proto, total));
        }
        int l4 = p + ihl;
        int l4len = Math.min(total, len) - ihl;
        if (off != 0) {
            ipv4(sb, b, p + 12).append(" > ");
            ipv4(sb, b, p + 16).append(": ");
            sb.append(proto == 1 ? "ip-proto-1" : "ip-proto-" + proto);
            return;
        }
        switch (proto) {
            case 1 -> {
                ipv4(sb, b, p + 12).append(" > ");
                ipv4(sb, b, p + 16).append(": ");
                Icmp.print(sb, b, l4, l4len, total - ihl);
                int type = l4len > 0 ? b[l4] & 0xff : -1;
                if (verbose > 0 && (type == 3 || type == 11 || type == 12 || type == 4 || type == 5) && l4len >= 8 + 20) {
                    // -v decodes the datagram an ICMP error quotes, on its own line
                    sb.append("\n\t");
                    ip(sb, b, l4 + 8, l4len - 8, true);
                }
            }
            case 17 -> {
                if (l4len < 8) {
                    ports(sb, b, p, l4, l4len);
                    sb.append("[|udp]");
                    return;
                }
                ports(sb, b, p, l4, l4len);
                if (quiet) {
                    sb.append("UDP, length ").append(u16(b, l4 + 4) - 8);
                } else {
                    sb.append("UDP, length ").append(u16(b, l4 + 4) - 8);
                }
            }
            case 6 -> {
                if (l4len < 20 || l4len < ((b[l4 + 12] & 0xf0) >> 2)) {
                    ports(sb, b, p, l4, l4len);
                    sb.append("[|tcp]");
                    return;
                }
                ports(sb, b, p, l4, l4len);
                int payload = total - ihl - ((b[l4 + 12] & 0xf0) >> 2);
                if (quiet) {
                    sb.append("tcp ").append(payload);
                } else {
                    tcpSeq.print(sb, b, p, l4, payload, verbose > 0, p + len);
                }
            }
            default -> {
                ipv4(sb, b, p + 12).append(" > ");
                ipv4(sb, b, p + 16).append(": ");
                sb.append("ip-proto-").append(proto).append(' ').append(total - ihl);
            }
        }
    }

    /** Addresses with ports; addresses alone when the ports were not captured. */
    private static void ports(StringBuilder sb, byte[] b, int ip, int l4, int l4len) {
        if (l4len < 4) {
            ipv4(sb, b, ip + 12).append(" > ");
            ipv4(sb, b, ip + 16).append(": ");
            return;
        }
        ipv4(sb, b, ip + 12).append('.').append(u16(b, l4)).append(" > ");
        ipv4(sb, b, ip + 16).append('.').append(u16(b, l4 + 2)).append(": ");
    }

    private static String ipFlags(int frag) {
        String s = ((frag & 0x8000) != 0 ? "+" : "") + ((frag & 0x4000) != 0 ? "DF" : "") + ((frag & 0x2000) != 0 ? "+" : "");
        return s.isEmpty() ? "none" : s;
    }

    private static String protoName(int p) {
        return switch (p) {
            case 1 -> "ICMP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            default -> "unknown";
        };
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    static StringBuilder ipv4(StringBuilder sb, byte[] b, int at) {
        return sb.append(b[at] & 0xff).append('.').append(b[at + 1] & 0xff).append('.')
                .append(b[at + 2] & 0xff).append('.').append(b[at + 3] & 0xff);
    }

    static StringBuilder mac(StringBuilder sb, byte[] b, int at) {
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((b[at + i] >> 4) & 0xf, 16)).append(Character.forDigit(b[at + i] & 0xf, 16));
        }
        return sb;
    }
}
