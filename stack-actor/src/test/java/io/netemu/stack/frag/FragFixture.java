package io.netemu.stack.frag;

import io.netemu.packet.SkBuff;
import io.netemu.packet.pcap.PcapReader;
import io.netemu.packet.pcap.PcapRecord;
import io.netemu.packet.wire.Ipv4Packet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The captured fragments of ipv4-fragments.pcap (frames 2-4: echo request, 5-7: reply) and datagrams built from them. */
final class FragFixture {
    static final int ETH = 14;

    private FragFixture() {}

    /** {@code -Dnetemu.fixtures}, else {@code ../../shared/fixtures} from the module directory. */
    static List<PcapRecord> records() {
        String p = System.getProperty("netemu.fixtures");
        Path base = p != null && !p.isBlank() ? Path.of(p) : Path.of("../../shared/fixtures");
        try {
            return PcapReader.read(base.resolve("pcap/ipv4-fragments.pcap"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The IP packets (Ethernet header stripped) of frames {@code from..from+2}. */
    static List<byte[]> ipFragments(int from) {
        List<PcapRecord> r = records();
        return List.of(ip(r.get(from)), ip(r.get(from + 1)), ip(r.get(from + 2)));
    }

    static byte[] ip(PcapRecord r) {
        return Arrays.copyOfRange(r.data(), ETH, r.data().length);
    }

    /** The datagram the sender fragmented: the first fragment's header, whole length, no MF, offset 0. */
    static byte[] original(List<byte[]> frags) {
        int hl = (frags.get(0)[0] & 0xf) * 4;
        int payload = 0;
        for (byte[] f : frags) {
            payload += f.length - hl;
        }
        byte[] d = new byte[hl + payload];
        System.arraycopy(frags.get(0), 0, d, 0, hl);
        for (byte[] f : frags) {
            Ipv4Packet p = Ipv4Packet.of(f, 0, f.length);
            System.arraycopy(f, hl, d, hl + p.fragOffset(), f.length - hl);
        }
        Ipv4Packet o = Ipv4Packet.of(d, 0, d.length);
        o.setTotalLen(d.length);
        o.setMoreFrags(false);
        o.setFragOffset(0);
        o.fillChecksum();
        return d;
    }

    /** A received frame's IP part as the stack sees it: data at the IP header, the Ethernet header as headroom. */
    static SkBuff rx(byte[] ip) {
        byte[] frame = new byte[ETH + ip.length];
        System.arraycopy(ip, 0, frame, ETH, ip.length);
        return SkBuff.wrap(frame, ETH, ip.length);
    }
}
