package io.netemu.packet.wire;

import static org.junit.jupiter.api.Assertions.fail;

import io.netemu.packet.pcap.Fixtures;
import io.netemu.packet.pcap.PcapRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random, truncated and bit-flipped input: the parsers throw WireException and nothing else. */
class FuzzTest {
    interface Parser {
        void parse(byte[] b, int off, int len) throws WireException;
    }

    static final List<Parser> PARSERS = List.of(
            (b, o, n) -> Dissector.dissect(b, o, n),
            (b, o, n) -> Dissector.ipv4(b, o, n, true),
            (b, o, n) -> Dissector.ipv4(b, o, n, false),
            (b, o, n) -> EthernetRepr.parse(EthernetFrame.of(b, o, n)),
            (b, o, n) -> ArpRepr.parse(ArpPacket.of(b, o, n)),
            (b, o, n) -> Ipv4Repr.parse(Ipv4Packet.of(b, o, n), false),
            (b, o, n) -> IcmpRepr.parse(IcmpPacket.of(b, o, n)),
            (b, o, n) -> IcmpRepr.parse(IcmpPacket.of(b, o, n), false),
            (b, o, n) -> UdpRepr.parse(UdpPacket.of(b, o, n)),
            (b, o, n) -> UdpRepr.parse(UdpPacket.of(b, o, n), 1, 2),
            (b, o, n) -> {
                TcpPacket t = TcpPacket.of(b, o, n);
                t.checkLen();
                t.verifyChecksum(1, 2);
                t.toString();
            });

    private static void run(byte[] b, int off, int len) {
        for (Parser p : PARSERS) {
            try {
                p.parse(b, off, len);
            } catch (WireException expected) {
                // the only allowed outcome besides success
            } catch (RuntimeException | AssertionError e) {
                fail("input " + java.util.HexFormat.of().formatHex(b, off, off + len), e);
            }
        }
    }

    @Test
    void randomBytes() {
        Random rnd = new Random(0x5eed);
        for (int i = 0; i < 5000; i++) {
            byte[] b = new byte[rnd.nextInt(120)];
            rnd.nextBytes(b);
            if (b.length > 14 && rnd.nextBoolean()) {
                b[12] = 8;
                b[13] = (byte) (rnd.nextBoolean() ? 0 : 6);
                b[14] = (byte) (0x40 | (b[14] & 0x0f));
            }
            int off = b.length == 0 ? 0 : rnd.nextInt(b.length);
            run(b, 0, b.length);
            run(b, off, b.length - off);
        }
    }

    @Test
    void everyTruncationOfEveryFixtureFrame() {
        for (byte[] f : frames()) {
            for (int n = 0; n <= f.length; n++) {
                run(f, 0, n);
                if (n >= 14) {
                    run(f, 14, n - 14);
                }
            }
        }
    }

    @Test
    void bitFlipsOfFixtureFrames() {
        Random rnd = new Random(42);
        List<byte[]> frames = frames();
        for (int i = 0; i < 5000; i++) {
            byte[] f = frames.get(rnd.nextInt(frames.size())).clone();
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) {
                int at = rnd.nextInt(Math.min(f.length, 80));
                f[at] ^= (byte) (1 << rnd.nextInt(8));
            }
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(f.length + 1) : f.length;
            run(f, 0, len);
            if (len >= 14) {
                run(f, 14, len - 14);
            }
        }
    }

    private static List<byte[]> frames() {
        List<byte[]> out = new ArrayList<>();
        for (String name : Fixtures.names()) {
            for (PcapRecord r : Fixtures.records(name)) {
                out.add(r.data());
            }
        }
        return out;
    }
}
