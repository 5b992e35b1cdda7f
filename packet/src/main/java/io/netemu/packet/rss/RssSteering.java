package io.netemu.packet.rss;

import io.netemu.packet.SkBuff;

/**
 * Which rx queue a frame lands in: the Toeplitz hash of its IPv4 flow (4-tuple for TCP and UDP
 * that are not fragments, addresses otherwise) looked up in a 128-entry indirection table filled
 * round robin over the queues (ethtool_rxfh_indir_default). Frames that are not IPv4 (ARP...)
 * hash to 0: queue 0. One flow therefore always lands in one queue.
 */
public final class RssSteering {
    public static final int INDIR_SIZE = 128;
    private static final Toeplitz DEFAULT = new Toeplitz(Toeplitz.MICROSOFT_KEY);

    private RssSteering() {}

    /** The RSS hash of an Ethernet frame (0 when it has no IPv4 flow to hash). */
    public static int hash(SkBuff frame) {
        byte[] b = frame.array();
        int o = frame.dataOffset();
        int len = frame.len();
        if (len < 34 || (b[o + 12] & 0xff) != 0x08 || b[o + 13] != 0x00 || (b[o + 14] & 0xf0) != 0x40) {
            return 0;
        }
        int ihl = (b[o + 14] & 0x0f) * 4;
        int proto = b[o + 23] & 0xff;
        int src = int32(b, o + 26);
        int dst = int32(b, o + 30);
        boolean fragment = (((b[o + 20] & 0x3f) << 8) | (b[o + 21] & 0xff)) != 0; // MF or an offset
        boolean ports = (proto == 6 || proto == 17) && !fragment && len >= 14 + ihl + 4;
        int sport = ports ? ((b[o + 14 + ihl] & 0xff) << 8) | (b[o + 15 + ihl] & 0xff) : 0;
        int dport = ports ? ((b[o + 16 + ihl] & 0xff) << 8) | (b[o + 17 + ihl] & 0xff) : 0;
        return DEFAULT.ipv4(src, dst, sport, dport, ports);
    }

    /** The queue of {@code hash} among {@code queues}: the default indirection table's entry. */
    public static int queue(int hash, int queues) {
        return queues <= 1 ? 0 : (hash & (INDIR_SIZE - 1)) % queues;
    }

    private static int int32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }
}
