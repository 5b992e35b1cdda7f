package io.netemu.packet.filter;

import static io.netemu.packet.filter.Loads.ETH_HLEN;
import static io.netemu.packet.filter.Loads.ETH_P_ARP;
import static io.netemu.packet.filter.Loads.ETH_P_IP;
import static io.netemu.packet.filter.Loads.ETH_P_RARP;

/**
 * The compiled tree: each node one test of pcap-filter's primitives, over the frame's bytes.
 * Nodes are built once by {@link FilterParser} and hold only final fields.
 */
abstract class FilterNode {
    abstract boolean test(byte[] b, int off, int len);

    /** Which address a qualifier means: {@code src}, {@code dst}, {@code src or dst} (the default), {@code src and dst}. */
    enum Dir { SRC, DST, OR, AND }

    static boolean pick(Dir dir, boolean src, boolean dst) {
        return switch (dir) {
            case SRC -> src;
            case DST -> dst;
            case OR -> src || dst;
            case AND -> src && dst;
        };
    }

    static final class And extends FilterNode {
        private final FilterNode a, b;
        And(FilterNode a, FilterNode b) { this.a = a; this.b = b; }
        @Override boolean test(byte[] x, int off, int len) { return a.test(x, off, len) && b.test(x, off, len); }
    }

    static final class Or extends FilterNode {
        private final FilterNode a, b;
        Or(FilterNode a, FilterNode b) { this.a = a; this.b = b; }
        @Override boolean test(byte[] x, int off, int len) { return a.test(x, off, len) || b.test(x, off, len); }
    }

    static final class Not extends FilterNode {
        private final FilterNode a;
        Not(FilterNode a) { this.a = a; }
        @Override boolean test(byte[] x, int off, int len) { return !a.test(x, off, len); }
    }

    /** {@code ip}, {@code arp}, {@code ether proto N}. */
    static final class EtherProto extends FilterNode {
        private final int type;
        EtherProto(int type) { this.type = type; }
        @Override boolean test(byte[] x, int off, int len) { return Loads.etherType(x, off, len) == type; }
    }

    /** {@code icmp}, {@code tcp}, {@code udp}, {@code ip proto N}. */
    static final class IpProto extends FilterNode {
        private final int proto;
        IpProto(int proto) { this.proto = proto; }
        @Override boolean test(byte[] x, int off, int len) { return Loads.ipProto(x, off, len, proto); }
    }

    /**
     * {@code [ip|arp|rarp] [src|dst] host|net A[/len]}: the IPv4 header's addresses, or ARP's
     * sender and target protocol addresses; with no protocol named, any of them.
     */
    static final class Net extends FilterNode {
        private final boolean ip, arp, rarp;
        private final Dir dir;
        private final long addr, mask;
        Net(boolean ip, boolean arp, boolean rarp, Dir dir, long addr, long mask) {
            this.ip = ip; this.arp = arp; this.rarp = rarp; this.dir = dir; this.addr = addr; this.mask = mask;
        }
        @Override boolean test(byte[] x, int off, int len) {
            int t = Loads.etherType(x, off, len);
            if (t == ETH_P_IP && ip) {
                return pick(dir, (Loads.u32(x, off, len, ETH_HLEN + 12) & mask) == addr,
                        (Loads.u32(x, off, len, ETH_HLEN + 16) & mask) == addr);
            }
            if ((t == ETH_P_ARP && arp) || (t == ETH_P_RARP && rarp)) {
                return pick(dir, (Loads.u32(x, off, len, ETH_HLEN + 14) & mask) == addr,
                        (Loads.u32(x, off, len, ETH_HLEN + 24) & mask) == addr);
            }
            return false;
        }
    }

    /** {@code [tcp|udp] [src|dst] port N} and {@code portrange A-B}: first fragments of TCP or UDP only. */
    static final class Port extends FilterNode {
        private final boolean tcp, udp;
        private final Dir dir;
        private final int lo, hi;
        Port(boolean tcp, boolean udp, Dir dir, int lo, int hi) {
            this.tcp = tcp; this.udp = udp; this.dir = dir; this.lo = lo; this.hi = hi;
        }
        @Override boolean test(byte[] x, int off, int len) {
            if (Loads.etherType(x, off, len) != ETH_P_IP) {
                return false;
            }
            int p = Loads.u8(x, off, len, ETH_HLEN + 9);
            if (!((p == 6 && tcp) || (p == 17 && udp)) || !Loads.firstFragment(x, off, len)) {
                return false;
            }
            int th = Loads.transport(x, off, len);
            int s = Loads.u16(x, off, len, th);
            int d = Loads.u16(x, off, len, th + 2);
            return pick(dir, s >= lo && s <= hi, d >= lo && d <= hi);
        }
    }

    /** {@code ether [src|dst] host M}, {@code ether broadcast} (M all ones, destination). */
    static final class EtherAddr extends FilterNode {
        private final Dir dir;
        private final long mac;
        EtherAddr(Dir dir, long mac) { this.dir = dir; this.mac = mac; }
        @Override boolean test(byte[] x, int off, int len) {
            long d = (Loads.u32(x, off, len, 0) << 16) | Loads.u16(x, off, len, 4);
            long s = (Loads.u32(x, off, len, 6) << 16) | Loads.u16(x, off, len, 10);
            return pick(dir, s == mac, d == mac);
        }
    }

    /** {@code ether multicast}: the group bit of the destination. */
    static final class EtherMulticast extends FilterNode {
        @Override boolean test(byte[] x, int off, int len) { return (Loads.u8(x, off, len, 0) & 1) != 0; }
    }

    /** {@code less N} (len ≤ N) and {@code greater N} (len ≥ N): the frame's length on the wire. */
    static final class Length extends FilterNode {
        private final boolean less;
        private final int n;
        Length(boolean less, int n) { this.less = less; this.n = n; }
        @Override boolean test(byte[] x, int off, int len) { return less ? len <= n : len >= n; }
    }

    /** {@code vlan [ID]}: an 802.1Q or 802.1ad tag, with that VLAN ID when one is named. */
    static final class Vlan extends FilterNode {
        private final int id;
        Vlan(int id) { this.id = id; }
        @Override boolean test(byte[] x, int off, int len) {
            int t = Loads.etherType(x, off, len);
            if (t != 0x8100 && t != 0x88a8) {
                return false;
            }
            return id < 0 || (Loads.u16(x, off, len, 14) & 0x0fff) == id;
        }
    }

    /** {@code EXPR RELOP EXPR}: true when the protocols the loads name are there and the comparison holds. */
    static final class Relation extends FilterNode {
        private final FilterNode guard;
        private final String op;
        private final Arith l, r;
        Relation(FilterNode guard, String op, Arith l, Arith r) { this.guard = guard; this.op = op; this.l = l; this.r = r; }
        @Override boolean test(byte[] x, int off, int len) {
            if (guard != null && !guard.test(x, off, len)) {
                return false;
            }
            long a = l.eval(x, off, len) & 0xffff_ffffL;
            long c = r.eval(x, off, len) & 0xffff_ffffL;
            return switch (op) {
                case "=", "==" -> a == c;
                case "!=" -> a != c;
                case "<" -> a < c;
                case "<=" -> a <= c;
                case ">" -> a > c;
                default -> a >= c;
            };
        }
    }
}
