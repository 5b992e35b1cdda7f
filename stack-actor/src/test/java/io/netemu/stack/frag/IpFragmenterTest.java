package io.netemu.stack.frag;

import static io.netemu.stack.frag.FragFixture.ipFragments;
import static io.netemu.stack.frag.FragFixture.original;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Packet;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ip_do_fragment against the fragments real Linux put on the wire. */
class IpFragmenterTest {
    @ParameterizedTest(name = "frames {0}..")
    @ValueSource(ints = {2, 5})
    void fragmentsOfA3000ByteEchoAreByteIdenticalToLinux(int firstFrame) {
        List<byte[]> captured = ipFragments(firstFrame);
        byte[] datagram = original(captured);
        assertEquals(3028, datagram.length);

        List<SkBuff> frags = IpFragmenter.fragment(SkBuff.wrap(datagram), 1500, 14);
        assertEquals(3, frags.size());
        int[] offsets = {0, 1480, 2960};
        for (int i = 0; i < 3; i++) {
            SkBuff f = frags.get(i);
            assertTrue(f.headroom() >= 14, "room for the Ethernet header");
            assertArrayEquals(captured.get(i), f.toByteArray(), "fragment " + i);
            Ipv4Packet p = Ipv4Packet.of(f);
            assertEquals(offsets[i], p.fragOffset());
            assertEquals(i < 2, p.moreFrags());
            assertTrue(p.verifyChecksum());
        }
    }

    @Test
    void fragmentsAreNoLargerThanTheMtuAndOffsetsAreMultiplesOfEight() {
        byte[] d = original(ipFragments(2));
        List<SkBuff> frags = IpFragmenter.fragment(SkBuff.wrap(d), 1000, 0);
        int expect = 0;
        for (SkBuff f : frags) {
            Ipv4Packet p = Ipv4Packet.of(f);
            assertTrue(f.len() <= 1000);
            assertEquals(0, p.fragOffset() % 8);
            assertEquals(expect, p.fragOffset());
            expect += p.totalLen() - 20;
        }
        assertEquals(3008, expect);
        assertEquals(List.of(996, 996, 996, 100), frags.stream().map(SkBuff::len).toList());
    }

    @Test
    void aDatagramThatFitsIsReturnedAsItIs() {
        SkBuff d = SkBuff.wrap(original(ipFragments(2)));
        assertSame(d, IpFragmenter.fragment(d, 3028, 14).get(0));
    }

    @Test
    void dontFragmentIsClearedAndAFragmentKeepsMoreFragmentsOnItsLastPiece() {
        byte[] d = original(ipFragments(2));
        Ipv4Packet p = Ipv4Packet.of(d, 0, d.length);
        p.setDontFrag(true);
        p.setMoreFrags(true);
        p.setFragOffset(8000);
        p.fillChecksum();
        List<SkBuff> frags = IpFragmenter.fragment(SkBuff.wrap(d), 1500, 0);
        for (SkBuff f : frags) {
            assertFalse(Ipv4Packet.of(f).dontFrag());
            assertTrue(Ipv4Packet.of(f).moreFrags());
        }
        assertEquals(List.of(8000, 9480, 10960), frags.stream().map(f -> Ipv4Packet.of(f).fragOffset()).toList());
    }

    @Test
    void optionsWithoutTheCopiedFlagBecomeNoopsAfterTheFirstFragment() {
        // 20-byte header + 12 bytes of options: record route (7, not copied, 7 bytes), NOOP, router alert (0x94, copied, 4 bytes)
        byte[] opts = {7, 7, 4, 0, 0, 0, 0, 1, (byte) 0x94, 4, 0, 0};
        byte[] d = new byte[32 + 2000];
        Ipv4Packet p = Ipv4Packet.of(d, 0, d.length);
        d[0] = 0x48;
        p.setTotalLen(d.length);
        p.setIdent(7);
        p.setTtl(64);
        p.setProtocol(17);
        p.setSrc(0x0A000001);
        p.setDst(0x0A000002);
        System.arraycopy(opts, 0, d, 20, opts.length);
        p.fillChecksum();
        List<SkBuff> frags = IpFragmenter.fragment(SkBuff.wrap(d), 1500, 0);
        assertEquals(2, frags.size());
        byte[] first = frags.get(0).toByteArray();
        byte[] second = frags.get(1).toByteArray();
        assertEquals(32, Ipv4Packet.of(frags.get(1)).headerLen(), "the header keeps its length");
        assertArrayEquals(opts, Arrays.copyOfRange(first, 20, 32));
        byte[] later = {1, 1, 1, 1, 1, 1, 1, 1, (byte) 0x94, 4, 0, 0};
        assertArrayEquals(later, Arrays.copyOfRange(second, 20, 32));
        assertEquals(1464, frags.get(0).len() - 32, "1,468 bytes of room rounded down to 8");
        assertTrue(Ipv4Packet.of(frags.get(1)).verifyChecksum());
    }

    @Test
    void anMtuTooSmallForEightBytesOfDataIsRefused() {
        byte[] d = original(ipFragments(2));
        assertThrows(IllegalArgumentException.class, () -> IpFragmenter.fragment(SkBuff.wrap(d), 27, 0));
    }
}
