package io.netemu.packet.filter;

/**
 * BPF's packet loads (ld/ldh/ldb, network byte order) and the offsets libpcap computes for an
 * Ethernet frame: the network header at 14, the transport header past the IPv4 header's IHL.
 * A load past the frame's end aborts the filter (rejecting the frame) by a preallocated
 * exception, as the BPF machine returns 0.
 */
final class Loads {
    static final int ETH_HLEN = 14;
    static final int ETH_P_IP = 0x0800;
    static final int ETH_P_ARP = 0x0806;
    static final int ETH_P_RARP = 0x8035;

    /** Thrown without a stack trace and never allocated again. */
    static final class OutOfBounds extends RuntimeException {
        private OutOfBounds() {
            super(null, null, false, false);
        }
    }

    static final OutOfBounds OOB = new OutOfBounds();

    private Loads() {}

    static int u8(byte[] b, int off, int len, int at) {
        if (at < 0 || at + 1 > len) {
            throw OOB;
        }
        return b[off + at] & 0xff;
    }

    static int u16(byte[] b, int off, int len, int at) {
        if (at < 0 || at + 2 > len) {
            throw OOB;
        }
        return ((b[off + at] & 0xff) << 8) | (b[off + at + 1] & 0xff);
    }

    static long u32(byte[] b, int off, int len, int at) {
        if (at < 0 || at + 4 > len) {
            throw OOB;
        }
        return ((long) (b[off + at] & 0xff) << 24) | ((b[off + at + 1] & 0xff) << 16)
                | ((b[off + at + 2] & 0xff) << 8) | (b[off + at + 3] & 0xff);
    }

    static int etherType(byte[] b, int off, int len) {
        return u16(b, off, len, 12);
    }

    /** Whether the frame is IPv4 carrying {@code proto} (the test {@code ip proto N} compiles to). */
    static boolean ipProto(byte[] b, int off, int len, int proto) {
        return etherType(b, off, len) == ETH_P_IP && u8(b, off, len, ETH_HLEN + 9) == proto;
    }

    /** Whether this IPv4 frame is the first fragment (or none): only then has it transport ports. */
    static boolean firstFragment(byte[] b, int off, int len) {
        return (u16(b, off, len, ETH_HLEN + 6) & 0x1fff) == 0;
    }

    /** Where the transport header starts: 14 + 4 × IHL. */
    static int transport(byte[] b, int off, int len) {
        return ETH_HLEN + 4 * (u8(b, off, len, ETH_HLEN) & 0x0f);
    }
}
