package io.netemu.cluster.link;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netemu.cluster.serialization.Frames;
import io.netemu.device.NetDevice;
import io.netemu.proto.Control;
import io.netemu.proto.LinkBatch;
import io.netemu.proto.LinkEntry;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * A {@link MemberLinks.Batch} as the Protobuf {@code LinkBatch}: frames in the frame schema,
 * the rare control messages by their own (Kryo) serializer inside.
 */
public final class LinkBatchSerializer extends SerializerWithStringManifest {
    static final int IDENTIFIER = 0x4e450003;
    private static final String BATCH = "B";
    private final ExtendedActorSystem system;
    private volatile ActorRefResolver resolver;

    public LinkBatchSerializer(ExtendedActorSystem system) {
        this.system = system;
    }

    @Override
    public int identifier() { return IDENTIFIER; }

    @Override
    public String manifest(Object o) {
        if (o instanceof MemberLinks.Batch) {
            return BATCH;
        }
        throw new IllegalArgumentException("LinkBatchSerializer cannot serialize " + o.getClass().getName());
    }

    private ActorRefResolver resolver() {
        if (resolver == null) {
            resolver = ActorRefResolver.get(Adapter.toTyped(system));
        }
        return resolver;
    }

    @Override
    public byte[] toBinary(Object o) {
        MemberLinks.Batch b = (MemberLinks.Batch) o;
        LinkBatch.Builder out = LinkBatch.newBuilder().setOrigin(b.origin());
        for (MemberLinks.Entry e : b.entries()) {
            LinkEntry.Builder le = LinkEntry.newBuilder().setLink(e.link());
            if (e.target() != null) {
                le.setTarget(resolver().toSerializationFormat(e.target()));
            }
            switch (e.cmd()) {
                case null -> { }
                case NetDevice.Receive r -> le.setReceive(Frames.toBatch(r.frames()));
                case NetDevice.XdpReceive r -> le.setXdpReceive(Frames.toBatch(r.frames()));
                default -> le.setControl(control(e.cmd()));
            }
            out.addEntries(le);
        }
        return out.build().toByteArray();
    }

    private Control control(Object cmd) {
        Serialization ser = SerializationExtension.get(system);
        Serializer s = ser.findSerializerFor(cmd);
        return Control.newBuilder().setSerializer(s.identifier()).setManifest(Serializers.manifestFor(s, cmd))
                .setPayload(ByteString.copyFrom(s.toBinary(cmd))).build();
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        if (!BATCH.equals(manifest)) {
            throw new NotSerializableException("unknown manifest " + manifest);
        }
        LinkBatch in;
        try {
            in = LinkBatch.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new NotSerializableException("malformed LinkBatch: " + e.getMessage());
        }
        List<MemberLinks.Entry> entries = new ArrayList<>(in.getEntriesCount());
        for (LinkEntry le : in.getEntriesList()) {
            ActorRef<NetDevice.Command> target = le.getTarget().isEmpty() ? null : resolver().resolveActorRef(le.getTarget());
            NetDevice.Command cmd = switch (le.getBodyCase()) {
                case RECEIVE -> new NetDevice.Receive(Frames.fromBatch(le.getReceive()));
                case XDP_RECEIVE -> new NetDevice.XdpReceive(Frames.fromBatch(le.getXdpReceive()));
                case CONTROL -> fromControl(le.getControl());
                case BODY_NOT_SET -> null;
            };
            entries.add(new MemberLinks.Entry(le.getLink(), target, cmd));
        }
        return new MemberLinks.Batch(in.getOrigin(), List.copyOf(entries));
    }

    private NetDevice.Command fromControl(Control c) throws NotSerializableException {
        try {
            return (NetDevice.Command) SerializationExtension.get(system)
                    .deserialize(c.getPayload().toByteArray(), c.getSerializer(), c.getManifest()).get();
        } catch (RuntimeException e) {
            throw new NotSerializableException("LinkBatch control message: " + e.getMessage());
        }
    }
}
