package io.netemu.stack.frag;

import static io.netemu.stack.frag.FragFixture.ipFragments;
import static io.netemu.stack.frag.FragFixture.original;
import static io.netemu.stack.frag.FragFixture.rx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.stack.sys.Sysctls;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ip_defrag on the fragments real Linux sent: orders, duplicates, overlaps, timeouts, counters. */
class IpReassemblyTest {
    static final long S = 1_000_000_000L;
    final Sysctls sysctl = new Sysctls();
    final IpReassembly r = new IpReassembly(sysctl);
    final List<byte[]> frags = ipFragments(2);

    @ParameterizedTest(name = "order {0}")
    @ValueSource(strings = {"012", "021", "102", "120", "201", "210"})
    void capturedFragmentsInAnyOrderGiveTheOriginalDatagram(String order) {
        SkBuff out = null;
        for (int i = 0; i < 3; i++) {
            assertNull(out, "complete only with the last fragment");
            out = r.add(rx(frags.get(order.charAt(i) - '0')), i * S / 10);
        }
        assertNotNull(out);
        assertArrayEquals(original(frags), out.toByteArray());
        assertTrue(Ipv4Packet.of(out).verifyChecksum());
        assertTrue(out.headroom() >= 14);
        assertEquals(IpReassembly.Verdict.COMPLETE, r.lastVerdict());
        assertEquals(3, r.reasmReqds());
        assertEquals(1, r.reasmOks());
        assertEquals(0, r.reasmFails());
        assertEquals(0, r.pending());
        assertEquals(0, r.memory());
        assertEquals(Long.MAX_VALUE, r.nextDeadline());
    }

    @Test
    void reassemblyUndoesFragmentation() {
        byte[] d = original(frags);
        SkBuff out = null;
        for (SkBuff f : IpFragmenter.fragment(SkBuff.wrap(d), 576, 14).reversed()) {
            out = r.add(f, 0);
        }
        assertArrayEquals(d, out.toByteArray());
    }

    @Test
    void aDuplicateIsDroppedAndTheDatagramKept() {
        r.add(rx(frags.get(0)), 0);
        assertNull(r.add(rx(frags.get(0)), 1));
        assertEquals(IpReassembly.Verdict.DUPLICATE, r.lastVerdict());
        r.add(rx(frags.get(2)), 2);
        assertNull(r.add(rx(frags.get(2)), 3));
        assertEquals(IpReassembly.Verdict.DUPLICATE, r.lastVerdict());
        assertNotNull(r.add(rx(frags.get(1)), 4));
        assertEquals(0, r.reasmFails());
        assertEquals(5, r.reasmReqds());
    }

    @Test
    void anOverlappingFragmentKillsTheWholeDatagram() {
        r.add(rx(frags.get(0)), 0);
        byte[] overlap = frags.get(1).clone();
        Ipv4Packet p = Ipv4Packet.of(overlap, 0, overlap.length);
        p.setFragOffset(1472);
        p.fillChecksum();
        assertNull(r.add(rx(overlap), 1));
        assertEquals(IpReassembly.Verdict.OVERLAP, r.lastVerdict());
        assertEquals(1, r.reasmOverlaps());
        assertEquals(1, r.reasmFails());
        assertEquals(0, r.pending());
        assertEquals(2, r.fragsDropped());
        assertNull(r.add(rx(frags.get(1)), 2), "a new datagram starts");
        assertNull(r.add(rx(frags.get(2)), 3));
        assertEquals(1, r.pending());
    }

    @Test
    void aFragmentOverlappingTheMiddleOfTheQueueIsAnOverlapToo() {
        r.add(rx(frags.get(2)), 0);
        r.add(rx(frags.get(0)), 0);
        byte[] straddle = frags.get(1).clone();
        Ipv4Packet p = Ipv4Packet.of(straddle, 0, straddle.length);
        p.setFragOffset(8);
        p.fillChecksum();
        assertNull(r.add(rx(straddle), 1));
        assertEquals(IpReassembly.Verdict.OVERLAP, r.lastVerdict());
    }

    @Test
    void twoDifferentEndsAreInvalid() {
        r.add(rx(frags.get(2)), 0);
        byte[] shortLast = Arrays.copyOf(frags.get(2), 40);
        Ipv4Packet p = Ipv4Packet.of(shortLast, 0, shortLast.length);
        p.setTotalLen(40);
        p.fillChecksum();
        assertNull(r.add(rx(shortLast), 1));
        assertEquals(IpReassembly.Verdict.INVALID, r.lastVerdict());
        assertEquals(1, r.reasmFails());
    }

    @Test
    void anIncompleteDatagramExpiresAfterIpfragTimeQuotingItsFirstFragment() {
        SkBuff first = rx(frags.get(0));
        r.add(first, 5 * S);
        r.add(rx(frags.get(2)), 6 * S);
        assertEquals(35 * S, r.nextDeadline(), "ipfrag_time from the first fragment, not refreshed");
        assertTrue(r.expire(35 * S - 1).isEmpty());
        List<IpReassembly.Expired> e = r.expire(35 * S);
        assertEquals(1, e.size());
        assertSame(first, e.get(0).firstFragment());
        assertEquals(2, e.get(0).fragments());
        assertEquals(0x96bd, e.get(0).ident());
        assertEquals(1, r.reasmTimeout());
        assertEquals(1, r.reasmFails());
        assertEquals(0, r.memory());
        assertEquals(Long.MAX_VALUE, r.nextDeadline());
    }

    @Test
    void withoutTheFirstFragmentNothingIsQuoted() {
        r.add(rx(frags.get(1)), 0);
        assertNull(r.expire(30 * S).get(0).firstFragment());
    }

    @Test
    void aboveHighThreshFragmentsAreRefused() {
        sysctl.set("net.ipv4.ipfrag_high_thresh", "1000");
        assertNull(r.add(rx(frags.get(0)), 0));
        assertEquals(IpReassembly.Verdict.QUEUED, r.lastVerdict(), "the first one is taken: memory was under the limit");
        assertNull(r.add(rx(frags.get(1)), 0));
        assertEquals(IpReassembly.Verdict.NO_MEMORY, r.lastVerdict());
        assertEquals(1, r.reasmFails());
    }

    @Test
    void dontFragmentIsKeptWhenTheLargestFragmentHadIt() {
        SkBuff out = null;
        for (byte[] f : frags) {
            byte[] df = f.clone();
            Ipv4Packet p = Ipv4Packet.of(df, 0, df.length);
            p.setDontFrag(true);
            p.fillChecksum();
            out = r.add(rx(df), 0);
        }
        assertTrue(Ipv4Packet.of(out).dontFrag());
        assertEquals(0, Ipv4Packet.of(out).fragOffset());
    }
}
