package io.netemu.stack.ip;

import io.netemu.packet.SkBuff;
import io.netemu.packet.offload.TcpGso;
import io.netemu.packet.wire.TcpPacket;
import java.util.List;

/**
 * The IP layer's view of a GSO skb: what matters against an MTU is the length of each real
 * segment (skb_gso_network_seglen), and where one does not fit, the skb is segmented in software
 * before fragmenting (ip_finish_output_gso). A frame that is not GSO keeps its own length.
 */
final class GsoSeg {
    private GsoSeg() {}

    /** {@code skb} at the IP header: the segments' datagram length if GSO, else {@code totalLen}. */
    static int networkLen(SkBuff skb, int totalLen) {
        return skb.meta().isGso() ? TcpGso.networkSegLen(skb) : totalLen;
    }

    /** {@code l4} at the TCP header, before the IP header of {@code ipHeaderLen} is pushed. */
    static int networkLen(SkBuff l4, int ipHeaderLen, int totalLen) {
        if (!l4.meta().isGso()) {
            return totalLen;
        }
        return ipHeaderLen + TcpPacket.of(l4.array(), l4.dataOffset(), l4.len()).headerLen() + l4.meta().gsoSize();
    }

    /** {@code skb} at the IP header: its real segments (itself when it is not GSO). */
    static List<SkBuff> segments(SkBuff skb) {
        return TcpGso.segment(skb, 0);
    }
}
