package io.netemu.packet.pcap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic pcap file (draft-ietf-opsawg-pcap §4-5): little-endian, Ethernet link type,
 * nanosecond magic by default; {@link #open(OutputStream, int, boolean)} writes what
 * {@code tcpdump -w} does (microsecond magic, its snapshot length).
 */
public final class PcapWriter implements AutoCloseable {
    static final int SNAPLEN = 262_144;

    private final OutputStream out;
    private final int snaplen;
    private final boolean nanos;
    private final ByteBuffer header = ByteBuffer.allocate(PcapReader.RECORD_HEADER_LEN).order(ByteOrder.LITTLE_ENDIAN);

    private PcapWriter(OutputStream out, int snaplen, boolean nanos) {
        this.out = out;
        this.snaplen = snaplen;
        this.nanos = nanos;
    }

    /** Creates or truncates {@code file} and writes the file header. */
    public static PcapWriter open(Path file) throws IOException {
        return open(new BufferedOutputStream(Files.newOutputStream(file)));
    }

    /** Writes the file header to {@code out}; {@link #close()} closes it. */
    public static PcapWriter open(OutputStream out) throws IOException {
        return open(out, SNAPLEN, true);
    }

    /**
     * Writes the file header to {@code out}: frames are cut to {@code snaplen} bytes (their
     * original length kept), timestamps in nanoseconds or, as libpcap writes by default, microseconds.
     */
    public static PcapWriter open(OutputStream out, int snaplen, boolean nanos) throws IOException {
        if (snaplen <= 0) {
            throw new IllegalArgumentException("snaplen must be positive: " + snaplen);
        }
        ByteBuffer h = ByteBuffer.allocate(PcapReader.FILE_HEADER_LEN).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(nanos ? PcapReader.MAGIC_NANOS : PcapReader.MAGIC_MICROS).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(snaplen).putInt(PcapReader.LINKTYPE_ETHERNET);
        out.write(h.array());
        return new PcapWriter(out, snaplen, nanos);
    }

    /** Creates or truncates {@code file}; see {@link #open(OutputStream, int, boolean)}. */
    public static PcapWriter open(Path file, int snaplen, boolean nanos) throws IOException {
        return open(new BufferedOutputStream(Files.newOutputStream(file)), snaplen, nanos);
    }

    /** Appends one frame of {@code len} bytes captured whole at {@code tsNanos} since the epoch. */
    public synchronized void write(long tsNanos, byte[] b, int off, int len) throws IOException {
        if (tsNanos < 0) {
            throw new IllegalArgumentException("negative timestamp: " + tsNanos);
        }
        int caplen = Math.min(len, snaplen);
        long fraction = tsNanos % 1_000_000_000L;
        header.clear();
        header.putInt((int) (tsNanos / 1_000_000_000L)).putInt((int) (nanos ? fraction : fraction / 1000))
                .putInt(caplen).putInt(len);
        out.write(header.array());
        out.write(b, off, caplen);
    }

    /** Appends a record as it is (its original length may exceed its data). */
    public synchronized void write(PcapRecord r) throws IOException {
        long fraction = r.timestampNanos() % 1_000_000_000L;
        header.clear();
        header.putInt((int) (r.timestampNanos() / 1_000_000_000L)).putInt((int) (nanos ? fraction : fraction / 1000))
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
