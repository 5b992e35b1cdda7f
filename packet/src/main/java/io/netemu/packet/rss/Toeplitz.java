package io.netemu.packet.rss;

/**
 * The Toeplitz hash NICs compute for receive-side scaling (Microsoft's RSS specification, which
 * Linux drivers and {@code ethtool -x} follow): every set bit of the input selects the 32-bit
 * window of the key that starts at that bit, and the windows are XORed. The key is 40 bytes,
 * enough for the IPv4 and IPv6 4-tuples.
 */
public final class Toeplitz {
    /** The key of the RSS specification's verification suite, which many drivers use by default. */
    public static final byte[] MICROSOFT_KEY = {
        (byte) 0x6d, (byte) 0x5a, (byte) 0x56, (byte) 0xda, (byte) 0x25, (byte) 0x5b, (byte) 0x0e, (byte) 0xc2,
        (byte) 0x41, (byte) 0x67, (byte) 0x25, (byte) 0x3d, (byte) 0x43, (byte) 0xa3, (byte) 0x8f, (byte) 0xb0,
        (byte) 0xd0, (byte) 0xca, (byte) 0x2b, (byte) 0xcb, (byte) 0xae, (byte) 0x7b, (byte) 0x30, (byte) 0xb4,
        (byte) 0x77, (byte) 0xcb, (byte) 0x2d, (byte) 0xa3, (byte) 0x80, (byte) 0x30, (byte) 0xf2, (byte) 0x0c,
        (byte) 0x6a, (byte) 0x42, (byte) 0xb7, (byte) 0x3b, (byte) 0xbe, (byte) 0xac, (byte) 0x01, (byte) 0xfa,
    };

    /** Input bytes a table covers: the IPv6 4-tuple (36 bytes), so hashing is one lookup per byte. */
    private static final int TABLE_BYTES = 36;

    private final byte[] key;
    /** table[i][b]: the hash contribution of byte value b at input position i. */
    private final int[][] table;

    public Toeplitz(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("an RSS key has at least 16 bytes, got " + key.length);
        }
        this.key = key.clone();
        this.table = new int[TABLE_BYTES][256];
        for (int i = 0; i < TABLE_BYTES; i++) {
            for (int bit = 0; bit < 8; bit++) {
                int w = window(i * 8 + bit);
                for (int b = 0; b < 256; b++) {
                    if ((b & (0x80 >>> bit)) != 0) {
                        table[i][b] ^= w;
                    }
                }
            }
        }
    }

    /** The key's 32 bits starting at bit {@code bit} (bits past the key's end are 0). */
    private int window(int bit) {
        int byteIdx = bit >>> 3;
        int shift = bit & 7;
        long w = 0;
        for (int i = 0; i < 5; i++) {
            w = (w << 8) | (byteIdx + i < key.length ? key[byteIdx + i] & 0xff : 0);
        }
        return (int) (w >>> (8 - shift));
    }

    /** The hash of {@code len} input bytes (network order) from {@code off}. */
    public int hash(byte[] in, int off, int len) {
        int h = 0;
        for (int i = 0; i < len; i++) {
            int b = in[off + i] & 0xff;
            if (i < TABLE_BYTES) {
                h ^= table[i][b];
                continue;
            }
            for (int bit = 0; bit < 8; bit++) {
                if ((b & (0x80 >>> bit)) != 0) {
                    h ^= window(i * 8 + bit);
                }
            }
        }
        return h;
    }

    /** IPv4 source and destination, then the ports if {@code withPorts} (the TCP/UDP 4-tuple), as the specification orders them. */
    public int ipv4(int src, int dst, int sport, int dport, boolean withPorts) {
        int h = word(0, src) ^ word(4, dst);
        if (withPorts) {
            h ^= table[8][(sport >>> 8) & 0xff] ^ table[9][sport & 0xff] ^ table[10][(dport >>> 8) & 0xff] ^ table[11][dport & 0xff];
        }
        return h;
    }

    private int word(int pos, int v) {
        return table[pos][v >>> 24] ^ table[pos + 1][(v >>> 16) & 0xff] ^ table[pos + 2][(v >>> 8) & 0xff] ^ table[pos + 3][v & 0xff];
    }

}
