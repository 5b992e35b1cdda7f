package io.netemu.cluster.link;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.netemu.packet.PacketType;
import io.netemu.packet.SkBuff;
import io.netemu.packet.SkbMeta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code LinkBatch} wire format of proto/netemu.proto written and read field by field,
 * without the generated message objects: the member link's hot path. Building a {@code Frame}
 * and its builder per frame, then copying the parsed bytes once more into a frame with
 * headroom, cost three objects and a copy per frame; here a frame is sized, then written straight
 * from its {@link SkBuff}, and read straight into a new buffer with its headroom. The output is
 * ordinary Protobuf: the generated {@code LinkBatch.parseFrom} reads it, and this reader reads
 * what the generated code writes (fields in any order, unknown fields skipped).
 *
 * <pre>
 * LinkBatch  1 origin fixed64 | 2 entries LinkEntry* | 3 seq uint64 | 4 reply_to string
 * LinkEntry  1 link uint64 | 2 target string | 3 receive FrameBatch | 4 xdp_receive FrameBatch | 5 control Control
 * FrameBatch 1 frames Frame*
 * Frame      1 data | 2 protocol | 3 pkt_type | 4 ifindex (int32) | 5 mark | 6 priority | 7 tstamp_nanos (int64) | 8 headroom
 * Control    1 serializer int32 | 2 manifest string | 3 payload bytes
 * </pre>
 */
final class LinkWire {
    /** A received frame's headroom at most, whatever the sender had (as Frames.fromFrame). */
    static final int MAX_HEADROOM = 256;
    private static final PacketType[] TYPES = PacketType.values();

    private LinkWire() {}

    /** One entry ready to write: frames ({@code xdp} tells which body) or a control message already serialized. */
    record Out(long link, String target, List<SkBuff> frames, boolean xdp, Control control) {}

    /** A control message as its Pekko serializer wrote it. */
    record Control(int serializer, String manifest, byte[] payload) {}

    /** What {@link #read} found: entries whose body is frames, a control, or nothing. */
    record In(long origin, long seq, String replyTo, List<InEntry> entries) {}

    record InEntry(long link, String target, List<SkBuff> frames, boolean xdp, Control control) {}

    /** Bytes a frame takes inside its FrameBatch, tag and length included. */
    static int frameBytes(SkBuff skb) {
        int n = frameBody(skb);
        return 1 + CodedOutputStream.computeUInt32SizeNoTag(n) + n;
    }

    private static int frameBody(SkBuff skb) {
        SkbMeta m = skb.meta();
        int len = skb.len();
        int n = 1 + CodedOutputStream.computeUInt32SizeNoTag(len) + len;
        n += m.protocol() == 0 ? 0 : 1 + CodedOutputStream.computeUInt32SizeNoTag(m.protocol());
        n += m.pktType().ordinal() == 0 ? 0 : 1 + CodedOutputStream.computeUInt32SizeNoTag(m.pktType().ordinal());
        n += m.ifindex() == 0 ? 0 : 1 + CodedOutputStream.computeInt32SizeNoTag(m.ifindex());
        n += m.mark() == 0 ? 0 : 1 + CodedOutputStream.computeUInt32SizeNoTag(m.mark());
        n += m.priority() == 0 ? 0 : 1 + CodedOutputStream.computeUInt32SizeNoTag(m.priority());
        n += m.tstampNanos() == 0 ? 0 : 1 + CodedOutputStream.computeInt64SizeNoTag(m.tstampNanos());
        int h = skb.headroom();
        n += h == 0 ? 0 : 1 + CodedOutputStream.computeUInt32SizeNoTag(h);
        n += m.gsoSize() == 0 ? 0 : 1 + CodedOutputStream.computeUInt32SizeNoTag(m.gsoSize());
        n += m.gsoSegs() == 0 ? 0 : 1 + CodedOutputStream.computeUInt32SizeNoTag(m.gsoSegs());
        return n;
    }

    private static int entryBody(Out e, int bodyLen) {
        int n = e.link() == 0 ? 0 : 1 + CodedOutputStream.computeUInt64SizeNoTag(e.link());
        n += e.target() == null ? 0 : CodedOutputStream.computeStringSize(2, e.target());
        return bodyLen < 0 ? n : n + 1 + CodedOutputStream.computeUInt32SizeNoTag(bodyLen) + bodyLen;
    }

    private static int controlBody(Control c) {
        return (c.serializer() == 0 ? 0 : CodedOutputStream.computeInt32Size(1, c.serializer()))
                + (c.manifest().isEmpty() ? 0 : CodedOutputStream.computeStringSize(2, c.manifest()))
                + (c.payload().length == 0 ? 0 : CodedOutputStream.computeByteArraySize(3, c.payload()));
    }

    /**
     * The body length of the entry's oneof, -1 when it has none; each frame's own length goes
     * into {@code frameBodies} from {@code at}, so writing does not size the frames again.
     */
    private static int bodyLen(Out e, int[] frameBodies, int at) {
        if (e.frames() != null) {
            int n = 0;
            for (int i = 0, size = e.frames().size(); i < size; i++) {
                int b = frameBody(e.frames().get(i));
                frameBodies[at + i] = b;
                n += 1 + CodedOutputStream.computeUInt32SizeNoTag(b) + b;
            }
            return n;
        }
        return e.control() == null ? -1 : controlBody(e.control());
    }

    static byte[] write(long origin, long seq, String replyTo, List<Out> entries) {
        int count = entries.size();
        int frames = 0;
        for (int i = 0; i < count; i++) {
            frames += entries.get(i).frames() == null ? 0 : entries.get(i).frames().size();
        }
        int[] frameBodies = new int[frames];
        int[] bodies = new int[count];
        int[] sizes = new int[count];
        int total = 1 + 8;
        for (int i = 0, at = 0; i < count; i++) {
            Out e = entries.get(i);
            bodies[i] = bodyLen(e, frameBodies, at);
            at += e.frames() == null ? 0 : e.frames().size();
            sizes[i] = entryBody(e, bodies[i]);
            total += 1 + CodedOutputStream.computeUInt32SizeNoTag(sizes[i]) + sizes[i];
        }
        total += seq == 0 ? 0 : CodedOutputStream.computeUInt64Size(3, seq);
        total += replyTo == null ? 0 : CodedOutputStream.computeStringSize(4, replyTo);
        byte[] bytes = new byte[total];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeFixed64(1, origin);
            for (int i = 0, at = 0; i < count; i++) {
                Out e = entries.get(i);
                out.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(sizes[i]);
                if (e.link() != 0) {
                    out.writeUInt64(1, e.link());
                }
                if (e.target() != null) {
                    out.writeString(2, e.target());
                }
                if (e.frames() != null) {
                    out.writeTag(e.xdp() ? 4 : 3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    out.writeUInt32NoTag(bodies[i]);
                    for (int f = 0, size = e.frames().size(); f < size; f++) {
                        writeFrame(out, e.frames().get(f), frameBodies[at++]);
                    }
                } else if (e.control() != null) {
                    Control c = e.control();
                    out.writeTag(5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    out.writeUInt32NoTag(bodies[i]);
                    if (c.serializer() != 0) {
                        out.writeInt32(1, c.serializer());
                    }
                    if (!c.manifest().isEmpty()) {
                        out.writeString(2, c.manifest());
                    }
                    if (c.payload().length != 0) {
                        out.writeByteArray(3, c.payload());
                    }
                }
            }
            if (seq != 0) {
                out.writeUInt64(3, seq);
            }
            if (replyTo != null) {
                out.writeString(4, replyTo);
            }
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("LinkBatch sized wrongly: " + e.getMessage(), e);
        }
        return bytes;
    }

    private static void writeFrame(CodedOutputStream out, SkBuff skb, int body) throws IOException {
        SkbMeta m = skb.meta();
        out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(body);
        out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(skb.len());
        out.writeRawBytes(skb.array(), skb.dataOffset(), skb.len());
        if (m.protocol() != 0) {
            out.writeUInt32(2, m.protocol());
        }
        if (m.pktType().ordinal() != 0) {
            out.writeUInt32(3, m.pktType().ordinal());
        }
        if (m.ifindex() != 0) {
            out.writeInt32(4, m.ifindex());
        }
        if (m.mark() != 0) {
            out.writeUInt32(5, m.mark());
        }
        if (m.priority() != 0) {
            out.writeUInt32(6, m.priority());
        }
        if (m.tstampNanos() != 0) {
            out.writeInt64(7, m.tstampNanos());
        }
        if (skb.headroom() != 0) {
            out.writeUInt32(8, skb.headroom());
        }
        if (m.gsoSize() != 0) { // a TSO/GSO super-segment: the receiver must know to segment or take it whole
            out.writeUInt32(9, m.gsoSize());
        }
        if (m.gsoSegs() != 0) {
            out.writeUInt32(10, m.gsoSegs());
        }
    }

    /** Reads a LinkBatch; IOException (InvalidProtocolBufferException) when the bytes are not one. */
    static In read(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        long origin = 0;
        long seq = 0;
        String replyTo = null;
        List<InEntry> entries = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_FIXED64 -> origin = in.readFixed64();
                case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    entries.add(readEntry(in, bytes));
                    in.popLimit(limit);
                }
                case (3 << 3) | WireFormat.WIRETYPE_VARINT -> seq = in.readUInt64();
                case (4 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> replyTo = in.readStringRequireUtf8();
                default -> skip(in, tag);
            }
        }
        return new In(origin, seq, replyTo, entries);
    }

    private static InEntry readEntry(CodedInputStream in, byte[] bytes) throws IOException {
        long link = 0;
        String target = null;
        List<SkBuff> frames = null;
        boolean xdp = false;
        Control control = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_VARINT -> link = in.readUInt64();
                case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> target = in.readStringRequireUtf8();
                case (3 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED, (4 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    frames = readFrames(in, bytes);
                    xdp = tag >>> 3 == 4;
                    control = null;
                    in.popLimit(limit);
                }
                case (5 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    control = readControl(in);
                    frames = null;
                    in.popLimit(limit);
                }
                default -> skip(in, tag);
            }
        }
        return new InEntry(link, target, frames, xdp, control);
    }

    private static List<SkBuff> readFrames(CodedInputStream in, byte[] bytes) throws IOException {
        List<SkBuff> frames = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == ((1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                int limit = in.pushLimit(in.readRawVarint32());
                frames.add(readFrame(in, bytes));
                in.popLimit(limit);
            } else {
                skip(in, tag);
            }
        }
        return frames;
    }

    /** One frame: its bytes are copied once, from the batch into a buffer with the sender's headroom. */
    private static SkBuff readFrame(CodedInputStream in, byte[] bytes) throws IOException {
        int dataPos = -1;
        int dataLen = 0;
        int protocol = 0;
        int pktType = 0;
        int ifindex = 0;
        int mark = 0;
        int priority = 0;
        long tstamp = 0;
        int headroom = 0;
        int gsoSize = 0;
        int gsoSegs = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    dataLen = in.readRawVarint32();
                    if (dataLen < 0) {
                        throw new IOException("negative frame length");
                    }
                    dataPos = in.getTotalBytesRead();
                    in.skipRawBytes(dataLen); // bounds-checked against the limits: the copy below stays inside
                }
                case (2 << 3) | WireFormat.WIRETYPE_VARINT -> protocol = in.readUInt32();
                case (3 << 3) | WireFormat.WIRETYPE_VARINT -> pktType = in.readUInt32();
                case (4 << 3) | WireFormat.WIRETYPE_VARINT -> ifindex = in.readInt32();
                case (5 << 3) | WireFormat.WIRETYPE_VARINT -> mark = in.readUInt32();
                case (6 << 3) | WireFormat.WIRETYPE_VARINT -> priority = in.readUInt32();
                case (7 << 3) | WireFormat.WIRETYPE_VARINT -> tstamp = in.readInt64();
                case (8 << 3) | WireFormat.WIRETYPE_VARINT -> headroom = in.readUInt32();
                case (9 << 3) | WireFormat.WIRETYPE_VARINT -> gsoSize = in.readUInt32();
                case (10 << 3) | WireFormat.WIRETYPE_VARINT -> gsoSegs = in.readUInt32();
                default -> skip(in, tag);
            }
        }
        int h = Math.min(Math.max(headroom, 0), MAX_HEADROOM);
        byte[] b = new byte[h + dataLen];
        if (dataLen > 0) {
            System.arraycopy(bytes, dataPos, b, h, dataLen);
        }
        SkBuff skb = SkBuff.wrap(b, h, dataLen);
        if ((protocol | pktType | ifindex | mark | priority | gsoSize | gsoSegs) == 0 && tstamp == 0) {
            return skb; // SkbMeta.NONE
        }
        PacketType type = pktType >= 0 && pktType < TYPES.length ? TYPES[pktType] : PacketType.HOST;
        return skb.withMeta(new SkbMeta(protocol, type, ifindex, mark, priority, tstamp, null, gsoSize, gsoSegs));
    }

    private static Control readControl(CodedInputStream in) throws IOException {
        int serializer = 0;
        String manifest = "";
        byte[] payload = new byte[0];
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_VARINT -> serializer = in.readInt32();
                case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> manifest = in.readStringRequireUtf8();
                case (3 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> payload = in.readByteArray();
                default -> skip(in, tag);
            }
        }
        return new Control(serializer, manifest, payload);
    }

    private static void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new IOException("unexpected end-group tag " + tag);
        }
    }
}
