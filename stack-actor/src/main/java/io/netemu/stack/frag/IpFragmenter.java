package io.netemu.stack.frag;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Packet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** IPv4 fragmentation: the slow path of ip_do_fragment (ip_frag_init, ip_frag_next, ip_options_fragment in net/ipv4/ip_output.c). */
public final class IpFragmenter {
    private static final int IPOPT_END = 0;
    private static final int IPOPT_NOOP = 1;
    private static final int IPOPT_COPIED = 0x80;

    private IpFragmenter() {}

    /**
     * Splits an IPv4 datagram ({@code datagram} data at its IP header, already checked) into
     * fragments of at most {@code mtu} bytes. Each fragment is a new buffer with {@code headroom}
     * bytes reserved in front, the original header and metadata, offsets multiples of 8, MF on
     * all but the last (and on the last too if the original was itself a non-final fragment),
     * DF cleared as Linux does, and the header checksum filled. Options without the copied flag
     * appear in the first fragment only; later fragments carry NOOPs in their place, so every
     * fragment keeps the original header length. A datagram that fits is returned as it is.
     *
     * @throws IllegalArgumentException if the MTU leaves less than 8 bytes of data per fragment
     */
    public static List<SkBuff> fragment(SkBuff datagram, int mtu, int headroom) {
        Ipv4Packet ip = Ipv4Packet.of(datagram);
        int hlen = ip.headerLen();
        int total = Math.min(ip.totalLen(), datagram.len());
        if (total <= mtu) {
            return List.of(datagram);
        }
        int room = mtu - hlen;
        if (room < 8) {
            throw new IllegalArgumentException("MTU " + mtu + " leaves no room for data after a " + hlen + "-byte header");
        }
        byte[] header = new byte[hlen];
        System.arraycopy(datagram.array(), datagram.dataOffset(), header, 0, hlen);
        boolean notLastFrag = ip.moreFrags();
        int offset = ip.fragOffset();
        int ptr = datagram.dataOffset() + hlen;
        int left = total - hlen;
        List<SkBuff> out = new ArrayList<>(left / (room & ~7) + 1);
        while (left > 0) {
            boolean firstFrag = offset == 0;
            int len = Math.min(left, room);
            if (len < left) {
                len &= ~7;
            }
            SkBuff frag = SkBuff.alloc(headroom, hlen + len).put(hlen + len).withMeta(datagram.meta());
            byte[] b = frag.array();
            int at = frag.dataOffset();
            System.arraycopy(header, 0, b, at, hlen);
            System.arraycopy(datagram.array(), ptr, b, at + hlen, len);
            left -= len;
            Ipv4Packet f = Ipv4Packet.of(frag);
            b[at + Ipv4Packet.Field.FLAGS_FRAG] = 0; // clears DF and the reserved bit; MF set below
            f.setFragOffset(offset);
            f.setMoreFrags(left > 0 || notLastFrag);
            f.setTotalLen(hlen + len);
            f.fillChecksum();
            out.add(frag);
            if (firstFrag) {
                optionsFragment(header);
            }
            ptr += len;
            offset += len;
        }
        return out;
    }

    /** ip_options_fragment: options without the copied flag become NOOPs for the fragments after the first. */
    static void optionsFragment(byte[] header) {
        int i = Ipv4Packet.MIN_HEADER_LEN;
        int l = header.length - i;
        while (l > 0) {
            int type = header[i] & 0xff;
            if (type == IPOPT_END) {
                return;
            }
            if (type == IPOPT_NOOP) {
                l--;
                i++;
                continue;
            }
            int optlen = l > 1 ? header[i + 1] & 0xff : 0;
            if (optlen < 2 || optlen > l) {
                return;
            }
            if ((type & IPOPT_COPIED) == 0) {
                Arrays.fill(header, i, i + optlen, (byte) IPOPT_NOOP);
            }
            l -= optlen;
            i += optlen;
        }
    }
}
