package io.netemu.node.cmd.tcpdump;

import java.util.HashMap;
import java.util.Map;

/**
 * tcpdump's TCP line (print-tcp.c) with its relative sequence numbers: the first segment with
 * ACK set of a conversation (or any SYN with ACK) records both directions' initial numbers and
 * prints them absolute; later segments print seq and ack relative to them.
 */
final class TcpSeqTable {
    private record Key(long lowAddr, long highAddr, int lowPort, int highPort) {}

    /** {@code seq}: the initial number of the canonical first end's direction; {@code ack}: the other's. */
    private static final class Conv {
        long seq;
        long ack;
    }

    private final Map<Key, Conv> convs = new HashMap<>();

    /** {@code verbose}: also the checksum, as tcpdump -v checks it when the whole segment is there. */
    void print(StringBuilder sb, byte[] b, int ip, int th, int payload, boolean verbose, int captured) {
        long src = TcpdumpPrinter.u32(b, ip + 12);
        long dst = TcpdumpPrinter.u32(b, ip + 16);
        int sport = TcpdumpPrinter.u16(b, th);
        int dport = TcpdumpPrinter.u16(b, th + 2);
        long seq = TcpdumpPrinter.u32(b, th + 4);
        long ack = TcpdumpPrinter.u32(b, th + 8);
        int flags = b[th + 13] & 0xff;
        int doff = (b[th + 12] & 0xf0) >> 2;
        int win = TcpdumpPrinter.u16(b, th + 14);
        sb.append("Flags [").append(flags(flags)).append(']');
        int segLen = doff + payload;
        if (verbose && th + segLen <= captured) {
            int sum = io.netemu.packet.wire.Checksum.sum(b, th, segLen, io.netemu.packet.wire.Checksum.pseudoHeader(
                    (int) src, (int) dst, 6, segLen));
            int field = TcpdumpPrinter.u16(b, th + 16);
            sb.append(String.format(", cksum 0x%04x ", field));
            if (io.netemu.packet.wire.Checksum.fold(sum) == 0) {
                sb.append("(correct)");
            } else {
                int zeroed = io.netemu.packet.wire.Checksum.fold(sum - field < 0 ? sum + 0xffff - field : sum - field);
                sb.append(String.format("(incorrect -> 0x%04x)", zeroed));
            }
        }
        if ((flags & 0x10) != 0) {
            boolean rev = src > dst || (src == dst && sport > dport);
            Key k = rev ? new Key(dst, src, dport, sport) : new Key(src, dst, sport, dport);
            Conv c = convs.get(k);
            if (c == null || (flags & 0x02) != 0) {
                c = new Conv();
                if (rev) {
                    c.ack = seq;
                    c.seq = ack - 1;
                } else {
                    c.seq = seq;
                    c.ack = ack - 1;
                }
                convs.put(k, c);
            } else if (rev) {
                seq = (seq - c.ack) & 0xffff_ffffL;
                ack = (ack - c.seq) & 0xffff_ffffL;
            } else {
                seq = (seq - c.seq) & 0xffff_ffffL;
                ack = (ack - c.ack) & 0xffff_ffffL;
            }
        }
        if (payload > 0 || (flags & 0x07) != 0) {
            sb.append(", seq ").append(seq);
            if (payload > 0) {
                sb.append(':').append((seq + payload) & 0xffff_ffffL);
            }
        }
        if ((flags & 0x10) != 0) {
            sb.append(", ack ").append(ack);
        }
        sb.append(", win ").append(win);
        if ((flags & 0x20) != 0) {
            sb.append(", urg ").append(TcpdumpPrinter.u16(b, th + 18));
        }
        if (doff > 20) {
            sb.append(", options [");
            options(sb, b, th + 20, doff - 20);
            sb.append(']');
        }
        sb.append(", length ").append(payload);
    }

    private static String flags(int f) {
        StringBuilder s = new StringBuilder();
        char[] names = {'F', 'S', 'R', 'P', '.', 'U', 'E', 'W'};
        for (int i = 0; i < 8; i++) {
            if ((f & (1 << i)) != 0) {
                s.append(names[i]);
            }
        }
        return s.isEmpty() ? "none" : s.toString();
    }

    private static void options(StringBuilder sb, byte[] b, int p, int len) {
        int end = p + len;
        boolean first = true;
        while (p < end) {
            int kind = b[p] & 0xff;
            if (!first) {
                sb.append(',');
            }
            first = false;
            if (kind == 0) {
                sb.append("eol");
                return;
            }
            if (kind == 1) {
                sb.append("nop");
                p++;
                continue;
            }
            int olen = p + 1 < end ? b[p + 1] & 0xff : 0;
            if (olen < 2 || p + olen > end) {
                sb.append("bad opt");
                return;
            }
            switch (kind) {
                case 2 -> sb.append("mss ").append(TcpdumpPrinter.u16(b, p + 2));
                case 3 -> sb.append("wscale ").append(b[p + 2] & 0xff);
                case 4 -> sb.append("sackOK");
                case 8 -> sb.append("TS val ").append(TcpdumpPrinter.u32(b, p + 2)).append(" ecr ").append(TcpdumpPrinter.u32(b, p + 6));
                case 5 -> {
                    sb.append("sack ").append((olen - 2) / 8);
                    for (int q = p + 2; q + 8 <= p + olen; q += 8) {
                        sb.append(" {").append(TcpdumpPrinter.u32(b, q)).append(':').append(TcpdumpPrinter.u32(b, q + 4)).append('}');
                    }
                }
                default -> sb.append("unknown-").append(kind);
            }
            p += olen;
        }
    }
}
