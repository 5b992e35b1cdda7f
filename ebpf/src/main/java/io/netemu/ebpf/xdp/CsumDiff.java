package io.netemu.ebpf.xdp;

/**
 * bpf_csum_diff's arithmetic: the one's-complement sum, seeded, of the negated "from" words and
 * the "to" words, folded to 32 bits (csum_partial on x86-64, which reads the words in memory
 * order as little-endian numbers). csum_fold of the result gives the Internet checksum delta.
 */
final class CsumDiff {
    private CsumDiff() {}

    /** Kernel limit: the words of both buffers must fit its 512-byte scratch area. */
    static final int MAX_BYTES = 512;

    static long sum(byte[] from, int fromOff, int fromSize, byte[] to, int toOff, int toSize, long seed) {
        long sum = seed & 0xffffffffL;
        for (int k = 0; k < fromSize; k += 4) sum += ~word(from, fromOff + k) & 0xffffffffL;
        for (int k = 0; k < toSize; k += 4) sum += word(to, toOff + k) & 0xffffffffL;
        while ((sum >>> 32) != 0) sum = (sum & 0xffffffffL) + (sum >>> 32);
        return sum;
    }

    private static int word(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    /** The 16-bit Internet checksum folding of a 32-bit sum (csum_fold), for callers and tests. */
    static int fold(long sum) {
        long s = (sum & 0xffff) + ((sum >>> 16) & 0xffff);
        s = (s & 0xffff) + (s >>> 16);
        return (int) (~s & 0xffff);
    }
}
