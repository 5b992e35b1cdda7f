package io.netemu.cluster.serialization;

import com.google.protobuf.UnsafeByteOperations;
import io.netemu.packet.PacketType;
import io.netemu.packet.SkBuff;
import io.netemu.packet.SkbMeta;
import io.netemu.proto.Frame;
import io.netemu.proto.FrameBatch;
import java.util.ArrayList;
import java.util.List;

/** Conversions between {@link SkBuff} and the Protobuf frame schema that crosses JVMs. */
public final class Frames {
    private static final PacketType[] TYPES = PacketType.values();

    private Frames() {}

    public static Frame toFrame(SkBuff skb) {
        SkbMeta m = skb.meta();
        return Frame.newBuilder()
                .setData(UnsafeByteOperations.unsafeWrap(skb.array(), skb.dataOffset(), skb.len()))
                .setProtocol(m.protocol())
                .setPktType(m.pktType().ordinal())
                .setIfindex(m.ifindex())
                .setMark(m.mark())
                .setPriority(m.priority())
                .setTstampNanos(m.tstampNanos())
                .setHeadroom(skb.headroom())
                .setGsoSize(m.gsoSize())
                .setGsoSegs(m.gsoSegs())
                .build();
    }

    /** A received frame gets its own array with the sender's headroom, so headers can be pushed without copying. */
    public static SkBuff fromFrame(Frame f) {
        int headroom = Math.min(f.getHeadroom(), 256);
        int len = f.getData().size();
        byte[] b = new byte[headroom + len];
        f.getData().copyTo(b, headroom);
        int type = f.getPktType();
        SkbMeta meta = new SkbMeta(f.getProtocol(), type >= 0 && type < TYPES.length ? TYPES[type] : PacketType.HOST,
                f.getIfindex(), f.getMark(), f.getPriority(), f.getTstampNanos(), null, f.getGsoSize(), f.getGsoSegs());
        return SkBuff.wrap(b, headroom, len).withMeta(meta);
    }

    public static FrameBatch toBatch(List<SkBuff> frames) {
        FrameBatch.Builder b = FrameBatch.newBuilder();
        for (SkBuff skb : frames) {
            b.addFrames(toFrame(skb));
        }
        return b.build();
    }

    public static List<SkBuff> fromBatch(FrameBatch batch) {
        List<SkBuff> out = new ArrayList<>(batch.getFramesCount());
        for (Frame f : batch.getFramesList()) {
            out.add(fromFrame(f));
        }
        return List.copyOf(out);
    }
}
