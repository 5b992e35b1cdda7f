package io.netemu.node.cmd.conntrack;

import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.netfilter.conntrack.Conn;
import io.netemu.stack.netfilter.conntrack.Conntrack;
import io.netemu.stack.netfilter.conntrack.Tuple;

/**
 * One entry as libnetfilter_conntrack prints it (src/conntrack/snprintf_default.c), the
 * {@code -S} statistics line, and the usage text of conntrack-tools 1.4.7.
 */
final class CtPrinter {
    private CtPrinter() {}

    /** __proto2str. */
    static String protoName(int p) {
        return switch (p) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 136 -> "udplite";
            case 1 -> "icmp";
            case 58 -> "icmpv6";
            case 132 -> "sctp";
            case 47 -> "gre";
            case 33 -> "dccp";
            default -> "unknown";
        };
    }

    /** __snprintf_conntrack_default without the message type: the line {@code conntrack -L} prints. */
    static String line(Conn c, long now, boolean extended, boolean id) {
        StringBuilder sb = new StringBuilder(200);
        if (extended) {
            sb.append(String.format("%-8s %d ", "ipv4", 2));
        }
        sb.append(String.format("%-8s %d ", protoName(c.proto()), c.proto()));
        sb.append(c.timeoutSeconds(now)).append(' ');
        if (c.tcpState() != null) {
            sb.append(c.tcpState().name()).append(' ');
        }
        tuple(sb, c.orig());
        counters(sb, c, Conn.ORIGINAL);
        if (!c.has(Conn.SEEN_REPLY)) {
            sb.append("[UNREPLIED] ");
        }
        tuple(sb, c.reply());
        counters(sb, c, Conn.REPLY);
        if (c.has(Conn.ASSURED)) {
            sb.append("[ASSURED] ");
        }
        sb.append("mark=").append(Integer.toUnsignedString(c.mark())).append(' ');
        sb.append("use=1 ");
        if (id) {
            sb.append("id=").append(Integer.toUnsignedString(c.id())).append(' ');
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    private static void tuple(StringBuilder sb, Tuple t) {
        sb.append("src=").append(Ipv4Address.format(t.src())).append(" dst=").append(Ipv4Address.format(t.dst()))
                .append(' ');
        switch (t.proto()) {
            case 6, 17, 136, 132, 33 -> sb.append("sport=").append(t.sport()).append(" dport=").append(t.dport()).append(' ');
            case 47 -> sb.append("srckey=0x").append(Integer.toHexString(t.sport())).append(" dstkey=0x")
                    .append(Integer.toHexString(t.dport())).append(' ');
            case 1 -> sb.append("type=").append(t.icmpType()).append(" code=").append(t.icmpCode()).append(" id=")
                    .append(t.icmpId()).append(' ');
            default -> { }
        }
    }

    private static void counters(StringBuilder sb, Conn c, int dir) {
        if (c.accounted()) {
            sb.append("packets=").append(c.packets(dir)).append(" bytes=").append(c.bytes(dir)).append(' ');
        }
    }

    /** nfct_stats_cb for the one CPU a namespace runs on. */
    static String stats(Conntrack ct) {
        long[] v = ct == null ? new long[8] : new long[] {ct.found(), ct.invalid(), ct.inserted(), ct.insertFailed(),
            ct.drops(), ct.earlyDrops(), ct.errors(), ct.clashResolved()};
        return String.format("cpu=%-4d\tfound=%d invalid=%d insert=%d insert_failed=%d drop=%d early_drop=%d error=%d "
                + "search_restart=0 clash_resolve=%d chaintoolong=0 \n", 0, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    static final String USAGE = """
            Command line interface for the connection tracking system. Version 1.4.7
            Usage: conntrack [commands] [options]

            Commands:
              -L [table] [options]\t\tList conntrack or expectation table
              -G [table] parameters\t\tGet conntrack or expectation
              -D [table] parameters\t\tDelete conntrack or expectation
              -I [table] parameters\t\tCreate a conntrack or expectation
              -U [table] parameters\t\tUpdate a conntrack
              -E [table] [options]\t\tShow events
              -F [table]\t\t\tFlush table
              -C [table]\t\t\tShow counter
              -S\t\t\t\tShow statistics

            Tables: conntrack, expect, dying, unconfirmed

            Conntrack parameters and options:
              -n, --src-nat ip\t\t\tsource NAT ip
              -g, --dst-nat ip\t\t\tdestination NAT ip
              -j, --any-nat ip\t\t\tsource or destination NAT ip
              -m, --mark mark\t\t\tSet mark
              -c, --secmark secmark\t\t\tSet selinux secmark
              -e, --event-mask eventmask\t\tEvent mask, eg. NEW,DESTROY
              -z, --zero \t\t\t\tZero counters while listing
              -o, --output type[,...]\t\tOutput format, eg. xml
              -l, --label label[,...]\t\tconntrack labels

            Expectation parameters and options:
              --tuple-src ip\tSource address in expect tuple
              --tuple-dst ip\tDestination address in expect tuple

            Updating parameters and options:
              --label-add label\tAdd label
              --label-del label\tDelete label

            Common parameters and options:
              -s, --src, --orig-src ip\t\tSource address from original direction
              -d, --dst, --orig-dst ip\t\tDestination address from original direction
              -r, --reply-src ip\t\tSource address from reply direction
              -q, --reply-dst ip\t\tDestination address from reply direction
              -p, --protonum proto\t\tLayer 4 Protocol, eg. 'tcp'
              -f, --family proto\t\tLayer 3 Protocol, eg. 'ipv6'
              -t, --timeout timeout\t\tSet timeout
              -u, --status status\t\tSet status, eg. ASSURED
              -w, --zone value\t\tSet conntrack zone
              --orig-zone value\t\tSet zone for original direction
              --reply-zone value\t\tSet zone for reply direction
              -b, --buffer-size\t\tNetlink socket buffer size
              --mask-src ip\t\t\tSource mask address
              --mask-dst ip\t\t\tDestination mask address

            """;
}
