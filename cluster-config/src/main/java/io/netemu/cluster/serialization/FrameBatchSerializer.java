package io.netemu.cluster.serialization;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netemu.device.NetDevice;
import io.netemu.proto.FrameBatch;
import java.io.NotSerializableException;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Frames on the wire between veth ends ({@link NetDevice.Receive}) as a Protobuf
 * {@code FrameBatch}: the one message that crosses JVMs for every packet, kept schema-defined.
 */
public final class FrameBatchSerializer extends SerializerWithStringManifest {
    static final int IDENTIFIER = 0x4e450002;
    private static final String RECEIVE = "R";

    public FrameBatchSerializer(ExtendedActorSystem system) {
    }

    @Override
    public int identifier() { return IDENTIFIER; }

    @Override
    public String manifest(Object o) {
        if (o instanceof NetDevice.Receive) {
            return RECEIVE;
        }
        throw new IllegalArgumentException("FrameBatchSerializer cannot serialize " + o.getClass().getName());
    }

    @Override
    public byte[] toBinary(Object o) {
        return Frames.toBatch(((NetDevice.Receive) o).frames()).toByteArray();
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        if (!RECEIVE.equals(manifest)) {
            throw new NotSerializableException("unknown manifest " + manifest);
        }
        try {
            return new NetDevice.Receive(Frames.fromBatch(FrameBatch.parseFrom(bytes)));
        } catch (InvalidProtocolBufferException e) {
            throw new NotSerializableException("malformed FrameBatch: " + e.getMessage());
        }
    }
}
