package io.netemu.packet.pcap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a classic pcap file (draft-ietf-opsawg-pcap §4-5): little-endian, nanosecond magic, Ethernet link type. */
public final class PcapWriter implements AutoCloseable {
    static final int SNAPLEN = 262_144;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(PcapReader.RECORD_HEADER_LEN).order(ByteOrder.LITTLE_ENDIAN);

    private PcapWriter(OutputStream out) {
        this.out = out;
    }

    /** Creates or truncates {@code file} and writes the file header. */
    public static PcapWriter open(Path file) throws IOException {
        return open(new BufferedOutputStream(Files.newOutputStream(file)));
    }

    /** Writes the file header to {@code out}; {@link #close()} closes it. */
    public static PcapWriter open(OutputStream out) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(PcapReader.FILE_HEADER_LEN).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(PcapReader.MAGIC_NANOS).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(SNAPLEN).putInt(PcapReader.LINKTYPE_ETHERNET);
        out.write(h.array());
        return new PcapWriter(out);
    }

    /** Appends one frame of {@code len} bytes captured whole at {@code tsNanos} since the epoch. */
    public synchronized void write(long tsNanos, byte[] b, int off, int len) throws IOException {
        if (tsNanos < 0) {
            throw new IllegalArgumentException("negative timestamp: " + tsNanos);
        }
        header.clear();
        header.putInt((int) (tsNanos / 1_000_000_000L)).putInt((int) (tsNanos % 1_000_000_000L))
                .putInt(len).putInt(len);
        out.write(header.array());
        out.write(b, off, len);
    }

    /** Appends a record as it is (its original length may exceed its data). */
    public synchronized void write(PcapRecord r) throws IOException {
        header.clear();
        header.putInt((int) (r.timestampNanos() / 1_000_000_000L)).putInt((int) (r.timestampNanos() % 1_000_000_000L))
                .putInt(r.data().length).putInt(r.origLen());
        out.write(header.array());
        out.write(r.data());
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
