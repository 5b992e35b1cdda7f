package io.netemu.packet.wire;

/**
 * The Internet checksum (RFC 1071), its pseudo header (RFC 768, RFC 9293 §3.1) and incremental
 * update (RFC 1624 eqn. 3), over byte ranges without allocation.
 *
 * <p>A <em>partial sum</em> is the one's-complement sum of 16-bit big-endian words, kept folded to
 * 16 bits; partial sums chain through {@code initial}. {@link #fold} turns one into the value to
 * store in a checksum field; a received header verifies when {@code fold(sum(header)) == 0}.
 *
 * <h2>Pitfalls</h2>
 * Only the last range of a chain may have an odd length: an odd range is padded with a zero byte
 * on the right, which shifts every later byte into the wrong half of its word.
 */
public final class Checksum {
    private Checksum() {}

    /** Big-endian longs over a byte array: four 16-bit words per read. */
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /**
     * Adds the 16-bit words of {@code b[off, off+len)} to the partial sum {@code initial} (csum_partial).
     * Eight bytes at a time, as the kernel's do_csum adds machine words: 2^16 is 1 modulo 0xffff, so
     * the two 32-bit halves of each big-endian long fold to the sum of its four 16-bit words (a TSO
     * super-segment is checksummed whole, 64 KB at a time).
     */
    public static int sum(byte[] b, int off, int len, int initial) {
        long s = initial & 0xffff_ffffL;
        int i = off;
        int end8 = off + (len & ~7);
        for (; i < end8; i += 8) {
            long w = (long) LONGS.get(b, i);
            s += (w >>> 32) + (w & 0xffff_ffffL); // at most 2^33 per round: no overflow below 2^31 rounds
        }
        int end = off + len - 1;
        for (; i < end; i += 2) {
            s += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i == end) {
            s += (b[i] & 0xff) << 8;
        }
        return foldCarries(s);
    }

    /** The checksum field value for a partial sum: the folded sum, complemented (csum_fold). */
    public static int fold(int sum) {
        return ~foldCarries(sum & 0xffff_ffffL) & 0xffff;
    }

    /** The partial sum of the IPv4 pseudo header: addresses, zero, protocol, upper-layer length (csum_tcpudp_nofold). */
    public static int pseudoHeader(int src, int dst, int protocol, int length) {
        long s = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff)
                + (protocol & 0xff) + (length & 0xffff_ffffL);
        return foldCarries(s);
    }

    /** The checksum after one 16-bit word of the covered data changes from {@code oldWord} to {@code newWord} (RFC 1624 eqn. 3). */
    public static int update16(int oldChecksum, int oldWord, int newWord) {
        long s = (~oldChecksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return ~foldCarries(s) & 0xffff;
    }

    /** As {@link #update16} for a 32-bit value such as an address (inet_proto_csum_replace4). */
    public static int update32(int oldChecksum, int oldValue, int newValue) {
        long s = (~oldChecksum & 0xffff) + (~oldValue >>> 16) + (~oldValue & 0xffff)
                + (newValue >>> 16) + (newValue & 0xffff);
        return ~foldCarries(s) & 0xffff;
    }

    private static int foldCarries(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}
