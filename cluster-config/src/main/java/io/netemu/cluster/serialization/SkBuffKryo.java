package io.netemu.cluster.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netemu.packet.SkBuff;

/** An {@link SkBuff} inside any Kryo message travels as the Protobuf {@code Frame} of proto/frames.proto. */
final class SkBuffKryo extends Serializer<SkBuff> {
    SkBuffKryo() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, SkBuff skb) {
        byte[] b = Frames.toFrame(skb).toByteArray();
        output.writeVarInt(b.length, true);
        output.writeBytes(b);
    }

    @Override
    public SkBuff read(Kryo kryo, Input input, Class<? extends SkBuff> type) {
        int n = input.readVarInt(true);
        try {
            return Frames.fromFrame(io.netemu.proto.Frame.parseFrom(input.readBytes(n)));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("malformed Frame: " + e.getMessage(), e);
        }
    }
}
