package io.netemu.stack.netfilter.conntrack;

/**
 * Choosing a NAT binding (net/netfilter/nf_nat_core.c: nf_nat_setup_info, get_unique_tuple,
 * find_appropriate_src, find_best_ips_proto, nf_nat_l4proto_unique_tuple, nf_nat_used_tuple).
 * Address choice within a range hashes as the kernel does (jhash2 over the addresses as x86
 * stores them), so it picks the same address Linux picks; random port offsets come from the
 * tracker's seeded generator.
 */
final class NatCore {
    private static final int MAX_ATTEMPTS = 128;

    private NatCore() {}

    /**
     * nf_nat_setup_info for an unconfirmed connection: binds {@code src} (source) or destination
     * manipulation within {@code r}. Returns false when the chosen tuple is already in use, as
     * confirmation would find (insert_failed).
     */
    static boolean setupInfo(Conn c, NatRange r, boolean src, long now) {
        Tuple curr = c.reply().invert(); // what we have looks like the inverse of the reply
        Tuple nt = uniqueTuple(c, curr, r, src, now);
        if (!nt.equals(curr)) {
            c.setReply(nt.invert());
            c.status |= src ? Conn.SRC_NAT : Conn.DST_NAT;
        }
        c.status |= src ? Conn.SRC_NAT_DONE : Conn.DST_NAT_DONE;
        return !used(c, nt, now);
    }

    /** nf_nat_used_tuple: another connection already answers to this tuple's reply. */
    static boolean used(Conn c, Tuple t, long now) {
        Tuple reply = t.invert();
        return reply != null && c.owner.taken(reply, c, now);
    }

    private static Tuple uniqueTuple(Conn c, Tuple orig, NatRange r, boolean src, long now) {
        if (src && !r.random()) {
            // 1) the original tuple, or the mapping this source already has, if in range and unique
            if (inRange(orig, r)) {
                if (!used(c, orig, now)) {
                    return orig;
                }
            } else {
                Tuple t = appropriateSrc(c.owner, orig, r);
                if (t != null && !used(c, t, now)) {
                    return t;
                }
            }
        }
        // 2) the address; 3) the port or id, only if needed
        Tuple t = bestIps(orig, r, src);
        if (!r.random()) {
            if (r.protoSpecified()) {
                if (l4InRange(t, src, r) && (r.portMin() == r.portMax() || !used(c, t, now))) {
                    return t;
                }
            } else if (!used(c, t, now)) {
                return t;
            }
        }
        return l4Unique(c, t, r, src, now);
    }

    /** nf_in_range for a source manip: the source address and port already satisfy the range. */
    private static boolean inRange(Tuple t, NatRange r) {
        if (r.mapIps() && (Integer.compareUnsigned(t.src(), r.minAddr()) < 0
                || Integer.compareUnsigned(t.src(), r.maxAddr()) > 0)) {
            return false;
        }
        return !r.protoSpecified() || l4InRange(t, true, r);
    }

    private static boolean l4InRange(Tuple t, boolean src, NatRange r) {
        int key;
        if (t.proto() == Tuple.ICMP) {
            key = t.sport();
        } else if (t.proto() == Tuple.TCP || t.proto() == Tuple.UDP) {
            key = src ? t.sport() : t.dport();
        } else {
            return true;
        }
        return key >= r.portMin() && key <= r.portMax();
    }

    /** find_appropriate_src: the mapping an earlier flow from the same source got, if in range. */
    private static Tuple appropriateSrc(Conntrack ct, Tuple orig, NatRange r) {
        for (Conn c = ct.bySource.first(orig.src(), orig.sport(), orig.proto()); c != null; c = c.nextBySrc) {
            if (c.oSrc == orig.src() && c.oSport == orig.sport() && c.proto == orig.proto()) {
                int key = orig.proto() == Tuple.ICMP ? c.rSport : c.rDport;
                Tuple t = new Tuple(c.rDst, orig.dst(), key, orig.dport(), orig.proto());
                if (inRange(t, r)) {
                    return t;
                }
            }
        }
        return null;
    }

    /** find_best_ips_proto: one address of the range, by a hash of the addresses. */
    private static Tuple bestIps(Tuple t, NatRange r, boolean src) {
        if (!r.mapIps()) {
            return t;
        }
        int addr;
        if (r.minAddr() == r.maxAddr()) {
            addr = r.minAddr();
        } else {
            // jhash2 over union nf_inet_addr (4 words, the IPv4 address first) as x86 holds it
            int j = jhash2(Integer.reverseBytes(t.src()), r.persistent() ? 0 : Integer.reverseBytes(t.dst()));
            long dist = (r.maxAddr() - r.minAddr() + 1) & 0xffffffffL;
            addr = r.minAddr() + (int) (((j & 0xffffffffL) * dist) >>> 32);
        }
        return src ? t.withSrc(addr, t.sport()) : t.withDst(addr, t.proto() == Tuple.ICMP ? t.sport() : t.dport());
    }

    /** nf_nat_l4proto_unique_tuple: a free port (or ICMP id) in the range or the port's class. */
    private static Tuple l4Unique(Conn c, Tuple t, NatRange r, boolean src, long now) {
        int key;
        int min;
        int size;
        if (t.proto() == Tuple.ICMP) {
            key = t.sport();
            min = r.protoSpecified() ? r.portMin() : 0;
            size = r.protoSpecified() ? r.portMax() - r.portMin() + 1 : 65536;
        } else if (t.proto() == Tuple.TCP || t.proto() == Tuple.UDP) {
            key = src ? t.sport() : t.dport();
            if (r.protoSpecified()) {
                min = r.portMin();
                size = r.portMax() - r.portMin() + 1;
            } else if (!src) {
                return t; // a destination rewrite without ports cannot change the port
            } else if (key < 512) {
                min = 1;
                size = 511;
            } else if (key < 1024) {
                min = 600;
                size = 1023 - 600 + 1;
            } else {
                min = 1024;
                size = 65535 - 1024 + 1;
            }
        } else {
            return t;
        }
        int off = r.random() || src ? c.owner.random.nextInt(65536) : 0;
        int attempts = Math.min(size, MAX_ATTEMPTS);
        Tuple cand = t;
        while (true) {
            for (int i = 0; i < attempts; i++, off = (off + 1) & 0xffff) {
                int k = min + off % size;
                cand = src || t.proto() == Tuple.ICMP ? t.withSrc(t.src(), k) : t.withDst(t.dst(), k);
                if (!used(c, cand, now)) {
                    return cand;
                }
            }
            if (attempts >= size || attempts < 16) {
                return cand; // nothing free: the clash is found when it is used
            }
            attempts /= 2;
            off = c.owner.random.nextInt(65536);
        }
    }

    /** Linux's jhash2 of {@code {a, 0, 0, 0}} with {@code initval} (include/linux/jhash.h). */
    static int jhash2(int a0, int initval) {
        int a = 0xdeadbeef + (4 << 2) + initval;
        int b = a;
        int c = a;
        a += a0;
        // __jhash_mix
        a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
        a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        // the fourth word (0) and __jhash_final
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }
}
