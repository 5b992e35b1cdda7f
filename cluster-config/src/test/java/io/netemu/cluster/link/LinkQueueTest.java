package io.netemu.cluster.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.device.NetDevice;
import io.netemu.packet.SkBuff;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batching rules of one destination, without actors. */
class LinkQueueTest {
    private static List<SkBuff> frames(int n, int len, int tag) {
        List<SkBuff> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[len];
            b[0] = (byte) tag;
            b[1] = (byte) i;
            out.add(SkBuff.wrap(b));
        }
        return out;
    }

    private static MemberLinks.Entry entry(long link, int n) {
        return new MemberLinks.Entry(link, null, new NetDevice.Receive(frames(n, 64, (int) link)));
    }

    private static void add(LinkQueue q, MemberLinks.Entry e) {
        q.add(new LinkQueue.Pending(e, LinkQueue.bytes(e)));
    }

    @Test
    void aBatchTakesEntriesInOrderUpToTheCaps() {
        LinkQueue q = new LinkQueue();
        for (int i = 1; i <= 10; i++) {
            add(q, entry(i, 4));
        }
        int one = LinkQueue.bytes(entry(1, 4));
        assertEquals(10L * one, q.bytes());
        List<MemberLinks.Entry> a = q.take(3, Long.MAX_VALUE);
        assertEquals(List.of(1L, 2L, 3L), a.stream().map(MemberLinks.Entry::link).toList());
        List<MemberLinks.Entry> b = q.take(100, 2L * one + one / 2);
        assertEquals(List.of(4L, 5L), b.stream().map(MemberLinks.Entry::link).toList());
        assertEquals(5L * one, q.bytes());
        assertEquals(2, q.sentSeq());
        // an entry larger than the byte cap still goes, alone
        List<MemberLinks.Entry> c = q.take(100, 1);
        assertEquals(List.of(6L), c.stream().map(MemberLinks.Entry::link).toList());
    }

    @Test
    void theWindowCountsBatchesUntilTheyAreAcknowledged() {
        LinkQueue q = new LinkQueue();
        for (int i = 1; i <= 4; i++) {
            add(q, entry(i, 1));
        }
        q.take(1, Long.MAX_VALUE);
        q.take(1, Long.MAX_VALUE);
        assertEquals(2, q.inFlight());
        q.ack(1);
        assertEquals(1, q.inFlight());
        q.ack(1); // a repeated ack changes nothing
        q.ack(7); // nor does one for a batch never sent
        assertEquals(1, q.inFlight());
        q.take(1, Long.MAX_VALUE);
        assertEquals(2, q.inFlight());
        q.reopen();
        assertEquals(0, q.inFlight());
        assertEquals(3, q.sentSeq());
    }

    @Test
    void frameBytesAreWhatTheWireCarries() throws Exception {
        MemberLinks.Entry e = entry(9, 5);
        List<LinkWire.Out> out = List.of(new LinkWire.Out(9, null, ((NetDevice.Receive) e.cmd()).frames(), false, null));
        int wire = LinkWire.write(1, 0, null, out).length;
        int estimate = LinkQueue.bytes(e);
        // the estimate counts the frames exactly and adds a fixed allowance for the entry's own fields
        assertTrue(estimate >= wire - 9 && estimate <= wire + LinkQueue.ENTRY_BYTES, estimate + " vs " + wire);
    }

    @Test
    void anEntryLargerThanABatchIsSplitInOrder() {
        List<SkBuff> fs = frames(40, 1500, 1);
        MemberLinks.Entry big = new MemberLinks.Entry(5, null, new NetDevice.XdpReceive(fs));
        long cap = 10_000;
        List<LinkQueue.Pending> parts = LinkQueue.split(big, cap);
        assertTrue(parts.size() >= 6, "40 x 1500 bytes in pieces of at most 10,000: " + parts.size());
        List<SkBuff> joined = new ArrayList<>();
        for (LinkQueue.Pending p : parts) {
            assertTrue(p.bytes() <= cap, "piece of " + p.bytes() + " bytes");
            assertEquals(5, p.entry().link());
            joined.addAll(assertInstanceOf(NetDevice.XdpReceive.class, p.entry().cmd()).frames());
        }
        assertEquals(fs.size(), joined.size());
        for (int i = 0; i < fs.size(); i++) {
            assertSame(fs.get(i), joined.get(i), "frame " + i + " in order and not copied");
        }
        assertEquals(1, LinkQueue.split(entry(1, 3), cap).size(), "a small entry stays whole");
    }
}
