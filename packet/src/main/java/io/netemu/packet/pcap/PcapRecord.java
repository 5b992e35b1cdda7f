package io.netemu.packet.pcap;

import java.util.Arrays;

/**
 * One captured frame of a classic pcap file (draft-ietf-opsawg-pcap §5).
 *
 * @param timestampNanos the capture time in nanoseconds since the epoch
 * @param origLen the frame's length on the wire, at least {@code data.length}
 * @param data the captured bytes (the array is shared, not copied)
 */
public record PcapRecord(long timestampNanos, int origLen, byte[] data) {
    public PcapRecord {
        if (data == null) {
            throw new IllegalArgumentException("null data");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PcapRecord r && timestampNanos == r.timestampNanos && origLen == r.origLen
                && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(timestampNanos) * 31 + origLen) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PcapRecord[ts=" + timestampNanos + ", origLen=" + origLen + ", captured=" + data.length + "]";
    }
}
