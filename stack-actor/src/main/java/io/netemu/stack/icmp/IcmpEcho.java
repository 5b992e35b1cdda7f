package io.netemu.stack.icmp;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.IcmpPacket;
import io.netemu.packet.wire.IcmpType;
import io.netemu.packet.wire.IpProtocol;
import io.netemu.stack.NetStack;
import io.netemu.stack.ip.Pmtudisc;

/**
 * The send half of a ping socket: an echo request whose data starts with the send time (a
 * struct timeval, 16 bytes, as iputils writes it) followed by bytes counting up from 0x10.
 */
public final class IcmpEcho {
    private static final int HEADROOM = 64;
    private static final int TIMEVAL_LEN = 16;

    private IcmpEcho() {}

    /** Builds and sends one echo request; returns 0 or the errno sendmsg would give. */
    public static int send(NetStack stack, int ident, int seq, int src, int dst, int dataLen, int ttl, int tos,
                           Pmtudisc pmtu, int oif) {
        int len = IcmpPacket.HEADER_LEN + dataLen;
        SkBuff skb = SkBuff.alloc(HEADROOM, len).put(len);
        byte[] b = skb.array();
        int data = skb.dataOffset() + IcmpPacket.HEADER_LEN;
        long now = stack.env().now();
        if (dataLen >= TIMEVAL_LEN) {
            putLongLe(b, data, now / 1_000_000_000L);
            putLongLe(b, data + 8, (now / 1_000L) % 1_000_000L);
        }
        for (int i = dataLen >= TIMEVAL_LEN ? TIMEVAL_LEN : 0; i < dataLen; i++) {
            b[data + i] = (byte) i;
        }
        IcmpPacket icmp = IcmpPacket.of(skb);
        icmp.setType(IcmpType.ECHO);
        icmp.setCode(0);
        icmp.setEchoIdent(ident);
        icmp.setEchoSeq(seq);
        icmp.fillChecksum();
        int err = stack.ipOutput().output(src, dst, IpProtocol.ICMP.value(), skb, ttl, tos, pmtu, oif);
        stack.settle();
        return err;
    }

    private static void putLongLe(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
