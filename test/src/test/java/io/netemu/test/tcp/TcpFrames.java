package io.netemu.test.tcp;

import io.netemu.packet.wire.Checksum;
import io.netemu.packet.wire.IpProtocol;
import java.nio.ByteBuffer;

/**
 * Hand-made Ethernet/IPv4/TCP frames for injection, built byte by byte (not by netemu's own
 * encoder, so a frame can be wrong on purpose: a data offset below 5 or past the segment, options
 * with silly lengths). Checksums are right unless the test says otherwise. The same layout as
 * {@code linux-tcp/tcp_bad_input.py} writes for real Linux.
 */
final class TcpFrames {
    static final int ACK = 0x10;
    static final int PSH = 0x08;
    static final int RST = 0x04;

    private TcpFrames() {}

    /**
     * @param doff the data offset field, or -1 for the length of the header and {@code options}
     */
    static byte[] frame(long dstMac, long srcMac, int src, int dst, int sport, int dport, long seq, long ack,
                        int flags, byte[] options, int doff, byte[] payload) {
        int tcpLen = 20 + options.length + payload.length;
        ByteBuffer t = ByteBuffer.allocate(tcpLen);
        t.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack);
        t.put((byte) ((doff < 0 ? (20 + options.length) / 4 : doff) << 4)).put((byte) flags).putShort((short) 502);
        t.putShort((short) 0).putShort((short) 0).put(options).put(payload);
        byte[] tcp = t.array();
        int sum = Checksum.fold(Checksum.sum(tcp, 0, tcp.length,
                Checksum.pseudoHeader(src, dst, IpProtocol.TCP.value(), tcp.length)));
        tcp[16] = (byte) (sum >>> 8);
        tcp[17] = (byte) sum;
        ByteBuffer f = ByteBuffer.allocate(14 + 20 + tcpLen);
        f.putShort((short) (dstMac >>> 32)).putInt((int) dstMac).putShort((short) (srcMac >>> 32)).putInt((int) srcMac);
        f.putShort((short) 0x0800);
        int ipAt = f.position();
        f.put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcpLen)).putShort((short) 0x1234).putShort((short) 0x4000);
        f.put((byte) 64).put((byte) 6).putShort((short) 0).putInt(src).putInt(dst);
        byte[] b = f.array();
        int ipSum = Checksum.fold(Checksum.sum(b, ipAt, 20, 0));
        b[ipAt + 10] = (byte) (ipSum >>> 8);
        b[ipAt + 11] = (byte) ipSum;
        System.arraycopy(tcp, 0, b, ipAt + 20, tcpLen);
        return b;
    }

    /** {seq, ack, payload length, source port} of an IPv4/TCP frame from {@code srcAddr}, or null. */
    static long[] tcpOf(byte[] b, int off, int len, int srcAddr) {
        if (len < 34 || (b[off + 12] & 0xff) != 0x08 || b[off + 13] != 0 || b[off + 23] != 6) {
            return null;
        }
        ByteBuffer f = ByteBuffer.wrap(b, off, len);
        if (f.getInt(off + 26) != srcAddr) {
            return null;
        }
        int ihl = (b[off + 14] & 15) * 4;
        int total = f.getShort(off + 16) & 0xffff;
        int t = off + 14 + ihl;
        int doff = ((b[t + 12] & 0xff) >>> 4) * 4;
        return new long[] {Integer.toUnsignedLong(f.getInt(t + 4)), Integer.toUnsignedLong(f.getInt(t + 8)),
                total - ihl - doff, f.getShort(t) & 0xffff};
    }
}
