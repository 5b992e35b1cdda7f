package io.netemu.stack.netfilter.conntrack;

import io.netemu.packet.wire.Ipv4Packet;

/**
 * A connection as seen in one direction (struct nf_conntrack_tuple, IPv4): addresses, protocol and
 * the protocol's two 16-bit keys. TCP and UDP keep their ports; ICMP keeps the echo id in
 * {@code sport} (the same both ways) and {@code type << 8 | code} in {@code dport}, as the kernel
 * keeps {@code src.u.icmp.id} and {@code dst.u.icmp.type/code}; other protocols have no keys.
 */
public record Tuple(int src, int dst, int sport, int dport, int proto) {
    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;

    public int icmpType() { return dport >>> 8; }
    public int icmpCode() { return dport & 0xff; }
    public int icmpId() { return sport; }

    /** Whether the protocol has keys (ports or ICMP id/type) in the tuple. */
    static boolean keyed(int proto) { return proto == TCP || proto == UDP || proto == ICMP; }

    /**
     * The tuple of the IPv4 packet at {@code ipOff} with {@code avail} bytes readable from there
     * (nf_ct_get_tuple); null when the transport keys are cut off (an ICMP error quoting too little).
     */
    static Tuple of(byte[] b, int ipOff, int avail) {
        if (avail < Ipv4Packet.MIN_HEADER_LEN) {
            return null;
        }
        Ipv4Packet ip = Ipv4Packet.of(b, ipOff, avail);
        int hl = ip.headerLen();
        int l4 = ipOff + hl;
        int l4avail = avail - hl;
        int proto = ip.protocol();
        switch (proto) {
            case TCP, UDP -> {
                if (l4avail < 4) {
                    return null;
                }
                return new Tuple(ip.src(), ip.dst(), u16(b, l4), u16(b, l4 + 2), proto);
            }
            case ICMP -> {
                if (l4avail < 8) {
                    return null;
                }
                return new Tuple(ip.src(), ip.dst(), u16(b, l4 + 4), u16(b, l4), proto);
            }
            default -> {
                return new Tuple(ip.src(), ip.dst(), 0, 0, proto);
            }
        }
    }

    /**
     * The tuple of the other direction (nf_ct_invert_tuple); null for an ICMP type that has no
     * answer (icmp_invert_tuple's invmap covers echo, timestamp, info and address mask).
     */
    public Tuple invert() {
        if (proto == ICMP) {
            int t = icmpInverse(icmpType());
            return t < 0 ? null : new Tuple(dst, src, sport, (t << 8) | icmpCode(), proto);
        }
        return new Tuple(dst, src, dport, sport, proto);
    }

    /** The answering ICMP type, or -1 (invmap in nf_conntrack_proto_icmp.c). */
    static int icmpInverse(int type) {
        return switch (type) {
            case 8 -> 0;
            case 0 -> 8;
            case 13 -> 14;
            case 14 -> 13;
            case 15 -> 16;
            case 16 -> 15;
            case 17 -> 18;
            case 18 -> 17;
            default -> -1;
        };
    }

    /** The ICMP error types whose payload quotes another datagram (icmp_is_err). */
    static boolean icmpIsError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    static int u16(byte[] b, int i) { return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff); }

    /** A well-mixed hash of all five fields (the table's own; the kernel's is a seeded siphash). */
    int hash() {
        return hash(src, dst, sport, dport, proto);
    }

    static int hash(int src, int dst, int sport, int dport, int proto) {
        int h = src * 0x9E3779B1;
        h ^= Integer.rotateLeft(dst * 0x85EBCA77, 13);
        h ^= ((sport << 16) | dport) * 0xC2B2AE3D;
        h ^= proto * 0x27D4EB2F;
        h ^= h >>> 16;
        h *= 0x7FEB352D;
        h ^= h >>> 15;
        h *= 0x846CA68B;
        return h ^ (h >>> 16);
    }

    /** With the source (addr, key) replaced: what a source manip makes of the tuple. */
    Tuple withSrc(int addr, int key) { return new Tuple(addr, dst, key, dport, proto); }

    /** With the destination (addr, key) replaced; for ICMP the id (sport) is the key either way. */
    Tuple withDst(int addr, int key) {
        return proto == ICMP ? new Tuple(src, addr, key, dport, proto) : new Tuple(src, addr, sport, key, proto);
    }
}
