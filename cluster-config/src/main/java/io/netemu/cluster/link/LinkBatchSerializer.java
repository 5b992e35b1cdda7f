package io.netemu.cluster.link;

import io.netemu.device.NetDevice;
import java.io.IOException;
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
 * A {@link MemberLinks.Batch} as the Protobuf {@code LinkBatch} (written and read by
 * {@link LinkWire}): frames in the frame schema, the rare control messages by their own (Kryo)
 * serializer inside. Bytes that are not a LinkBatch give {@link NotSerializableException}.
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
        List<LinkWire.Out> out = new ArrayList<>(b.entries().size());
        for (MemberLinks.Entry e : b.entries()) {
            String target = e.target() == null ? null : resolver().toSerializationFormat(e.target());
            out.add(switch (e.cmd()) {
                case null -> new LinkWire.Out(e.link(), target, null, false, null);
                case NetDevice.Receive r -> new LinkWire.Out(e.link(), target, r.frames(), false, null);
                case NetDevice.XdpReceive r -> new LinkWire.Out(e.link(), target, r.frames(), true, null);
                default -> new LinkWire.Out(e.link(), target, null, false, control(e.cmd()));
            });
        }
        String replyTo = b.replyTo() == null ? null : resolver().toSerializationFormat(b.replyTo());
        return LinkWire.write(b.origin(), b.seq(), replyTo, out);
    }

    private LinkWire.Control control(Object cmd) {
        Serialization ser = SerializationExtension.get(system);
        Serializer s = ser.findSerializerFor(cmd);
        return new LinkWire.Control(s.identifier(), Serializers.manifestFor(s, cmd), s.toBinary(cmd));
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        if (!BATCH.equals(manifest)) {
            throw new NotSerializableException("unknown manifest " + manifest);
        }
        LinkWire.In in;
        try {
            in = LinkWire.read(bytes);
        } catch (IOException e) {
            throw new NotSerializableException("malformed LinkBatch: " + e.getMessage());
        }
        List<MemberLinks.Entry> entries = new ArrayList<>(in.entries().size());
        for (LinkWire.InEntry le : in.entries()) {
            ActorRef<NetDevice.Command> target = le.target() == null || le.target().isEmpty() ? null
                    : resolver().resolveActorRef(le.target());
            NetDevice.Command cmd = le.frames() != null
                    ? le.xdp() ? new NetDevice.XdpReceive(le.frames()) : new NetDevice.Receive(le.frames())
                    : le.control() != null ? fromControl(le.control()) : null;
            entries.add(new MemberLinks.Entry(le.link(), target, cmd));
        }
        ActorRef<MemberLinks.Command> replyTo = in.replyTo() == null || in.replyTo().isEmpty() ? null
                : resolver().resolveActorRef(in.replyTo());
        return new MemberLinks.Batch(in.origin(), in.seq(), replyTo, entries);
    }

    private NetDevice.Command fromControl(LinkWire.Control c) throws NotSerializableException {
        try {
            return (NetDevice.Command) SerializationExtension.get(system)
                    .deserialize(c.payload(), c.serializer(), c.manifest()).get();
        } catch (RuntimeException e) {
            throw new NotSerializableException("LinkBatch control message: " + e.getMessage());
        }
    }
}
