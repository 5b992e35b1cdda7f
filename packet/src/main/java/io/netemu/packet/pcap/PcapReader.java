package io.netemu.packet.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a classic pcap file (draft-ietf-opsawg-pcap §4-5) of Ethernet frames: either byte order, µs or ns timestamps. */
public final class PcapReader {
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_NANOS = 0xa1b23c4d;
    static final int LINKTYPE_ETHERNET = 1;
    static final int FILE_HEADER_LEN = 24;
    static final int RECORD_HEADER_LEN = 16;

    private PcapReader() {}

    /** All records of the file; an IOException names the file and what is wrong with it. */
    public static List<PcapRecord> read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /** All records of a pcap image in memory; {@code name} is used in error messages. */
    public static List<PcapRecord> read(byte[] image, String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        if (image.length < FILE_HEADER_LEN) {
            throw new IOException(name + ": not a pcap file: " + image.length + " bytes, shorter than the 24-byte header");
        }
        int magic = b.getInt(0);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
        }
        if (magic == 0x0a0d0d0a) {
            throw new IOException(name + ": pcapng is not supported, only classic pcap");
        }
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
            throw new IOException(String.format("%s: not a pcap file: bad magic 0x%08x", name, b.getInt(0)));
        }
        long unitNanos = magic == MAGIC_NANOS ? 1 : 1000;
        int major = b.getShort(4) & 0xffff;
        int linkType = b.getInt(20) & 0x0fff_ffff;
        if (major != 2) {
            throw new IOException(name + ": unsupported pcap version " + major + "." + (b.getShort(6) & 0xffff));
        }
        if (linkType != LINKTYPE_ETHERNET) {
            throw new IOException(name + ": unsupported link type " + linkType + ", only Ethernet (1)");
        }
        List<PcapRecord> records = new ArrayList<>();
        int pos = FILE_HEADER_LEN;
        while (pos < image.length) {
            if (image.length - pos < RECORD_HEADER_LEN) {
                throw new IOException(name + ": truncated record header at offset " + pos);
            }
            long seconds = b.getInt(pos) & 0xffff_ffffL;
            long fraction = b.getInt(pos + 4) & 0xffff_ffffL;
            long inclLen = b.getInt(pos + 8) & 0xffff_ffffL;
            long origLen = b.getInt(pos + 12) & 0xffff_ffffL;
            pos += RECORD_HEADER_LEN;
            if (inclLen > image.length - pos) {
                throw new IOException(name + ": truncated record at offset " + (pos - RECORD_HEADER_LEN)
                        + ": " + inclLen + " bytes captured, " + (image.length - pos) + " left");
            }
            if (origLen > Integer.MAX_VALUE) {
                throw new IOException(name + ": record at offset " + (pos - RECORD_HEADER_LEN) + " has length " + origLen);
            }
            byte[] data = new byte[(int) inclLen];
            System.arraycopy(image, pos, data, 0, data.length);
            pos += data.length;
            records.add(new PcapRecord(seconds * 1_000_000_000L + fraction * unitNanos,
                    (int) Math.max(origLen, inclLen), data));
        }
        return records;
    }
}
