package io.netemu.packet.offload;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.packet.wire.Ipv4Repr;
import io.netemu.packet.wire.TcpPacket;

/** Builds Ethernet/IPv4/TCP frames with timestamps-sized options for the offload tests. */
final class TcpFrames {
    static final int SRC = 0x0a000001;
    static final int DST = 0x0a000002;
    static final int THL = 32;

    private TcpFrames() {}

    /** One frame: {@code payload} bytes of a pattern from {@code seq}, IP ID {@code id}. */
    static SkBuff frame(int seq, int flags, int payload, int id, boolean df, int tsVal) {
        int len = 14 + 20 + THL + payload;
        byte[] b = new byte[64 + len];
        int off = 64;
        for (int i = 0; i < 6; i++) {
            b[off + i] = 2;
            b[off + 6 + i] = 4;
        }
        b[off + 12] = 0x08;
        new Ipv4Repr(SRC, DST, 6, THL + payload, 64, 0, id, df, false, 0, new byte[0])
                .emit(Ipv4Packet.of(b, off + 14, 20 + THL + payload));
        TcpPacket t = TcpPacket.of(b, off + 34, THL + payload);
        t.setSrcPort(40000);
        t.setDstPort(5001);
        t.setSeq(seq);
        t.setAck(777);
        t.setHeaderLen(THL);
        t.setFlags(flags);
        t.setWindow(500);
        int o = t.optionsOffset();
        b[o] = 1;
        b[o + 1] = 1;
        b[o + 2] = 8;
        b[o + 3] = 10;
        b[o + 4] = (byte) (tsVal >>> 24);
        b[o + 7] = (byte) tsVal;
        for (int i = 0; i < payload; i++) {
            b[t.payloadOffset() + i] = (byte) ((seq + i) * 7);
        }
        t.fillChecksum(SRC, DST);
        return SkBuff.wrap(b, off, len);
    }

    static byte[] bytes(SkBuff s) {
        return s.toByteArray();
    }
}
