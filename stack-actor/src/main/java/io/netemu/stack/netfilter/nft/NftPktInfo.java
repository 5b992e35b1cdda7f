package io.netemu.stack.netfilter.nft;

import io.netemu.stack.netfilter.NfPacket;

/**
 * Where the headers of one packet are (struct nft_pktinfo, nft_set_pktinfo_ipv4): network
 * header, transport protocol and offset, fragment offset. Transport fields read as missing on
 * non-first fragments and past the end of the packet, which makes a match fail (NFT_BREAK).
 */
public final class NftPktInfo {
    /** A load that finds nothing (the kernel's NFT_BREAK from a payload or meta load). */
    public static final long NONE = -1;

    final NfPacket p;
    final byte[] buf;
    final int nh;
    final int len;
    final int tprot;
    final int thoff;
    final int fragoff;

    NftPktInfo(NfPacket p) {
        this.p = p;
        this.buf = p.skb.array();
        this.nh = p.skb.dataOffset();
        int l = p.skb.len();
        boolean ok = l >= 20 && (buf[nh] & 0xf0) == 0x40;
        int ihl = ok ? (buf[nh] & 0x0f) * 4 : 0;
        int total = ok ? u16(nh + 2) : 0;
        if (!ok || ihl < 20 || total < ihl || total > l) {
            this.len = l;
            this.tprot = -1;
            this.thoff = -1;
            this.fragoff = 0;
        } else {
            this.len = total;
            this.tprot = buf[nh + 9] & 0xff;
            this.thoff = nh + ihl;
            this.fragoff = (u16(nh + 6) & 0x1fff) * 8;
        }
    }

    /** Bytes of the packet from the network header (what counters add). */
    public int length() { return len; }

    /** Unsigned load of {@code n} (1, 2 or 4) bytes at {@code off} from the network header, or NONE. */
    long network(int off, int n) {
        if (tprot < 0 || off + n > len) {
            return NONE;
        }
        return load(nh + off, n);
    }

    /** Unsigned load at {@code off} from the transport header, or NONE (no L4, a later fragment, too short). */
    long transport(int off, int n) {
        if (tprot < 0 || fragoff != 0 || thoff + off + n > nh + len) {
            return NONE;
        }
        return load(thoff + off, n);
    }

    private long load(int at, int n) {
        return switch (n) {
            case 1 -> buf[at] & 0xffL;
            case 2 -> u16(at);
            default -> ((long) u16(at) << 16) | u16(at + 2);
        };
    }

    private int u16(int at) {
        return ((buf[at] & 0xff) << 8) | (buf[at + 1] & 0xff);
    }
}
