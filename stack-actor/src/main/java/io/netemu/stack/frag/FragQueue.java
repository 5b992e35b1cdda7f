package io.netemu.stack.frag;

import io.netemu.packet.SkBuff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fragments of one datagram being reassembled (struct ipq / inet_frag_queue): runs of
 * contiguous fragments keyed by offset, as inet_frag_queue_insert keeps them in its rb-tree.
 */
final class FragQueue {
    /** One received fragment: its payload bytes [from, from + end - offset) of {@code skb}'s array. */
    record Frag(int offset, int end, SkBuff skb, int from) {}

    /** A run of fragments appended back to back (FRAG_CB->frag_run_len). */
    private static final class Run {
        final int offset;
        int end;
        final List<Frag> frags = new ArrayList<>(2);

        Run(int offset) { this.offset = offset; }
    }

    enum Insert { OK, DUP, OVERLAP }

    final FragKey key;
    final long deadline;
    /** Bytes of payload expected: the end of the last fragment once it came (q->len). */
    int len;
    /** Bytes of payload received (q->meat). */
    int meat;
    boolean firstIn;
    boolean lastIn;
    int maxSize;
    int maxDfSize;
    /** IPFRAG_ECN_* bits seen. */
    int ecn;
    int iif;
    long mem;
    /** The fragment at offset 0 as received (data at its IP header), once it came. */
    SkBuff first;
    private final TreeMap<Integer, Run> runs = new TreeMap<>();
    /** The run the last tail append went to, and the end of the last fragment in it (q->fragments_tail). */
    private Run lastRun;
    private int tailEnd = -1;
    private int count;

    FragQueue(FragKey key, long deadline) {
        this.key = key;
        this.deadline = deadline;
    }

    /** inet_frag_queue_insert: DUP when the data is wholly inside one run (dropped, queue kept), OVERLAP when it straddles anything. */
    Insert insert(Frag f) {
        if (lastRun == null) {
            newRun(f);
        } else if (tailEnd < f.end()) {
            if (f.offset() < tailEnd) {
                return Insert.OVERLAP;
            }
            if (f.offset() == tailEnd) {
                lastRun.frags.add(f);
                lastRun.end = f.end();
                tailEnd = f.end();
            } else {
                newRun(f);
            }
        } else {
            // runs never overlap: only the last one starting before f's end can intersect it
            Map.Entry<Integer, Run> e = runs.floorEntry(f.end() - 1);
            if (e != null && e.getValue().end > f.offset()) {
                Run r = e.getValue();
                return f.offset() >= r.offset && f.end() <= r.end ? Insert.DUP : Insert.OVERLAP;
            }
            Run r = new Run(f.offset());
            r.frags.add(f);
            r.end = f.end();
            runs.put(f.offset(), r);
        }
        count++;
        return Insert.OK;
    }

    private void newRun(Frag f) {
        Run r = new Run(f.offset());
        r.frags.add(f);
        r.end = f.end();
        runs.put(f.offset(), r);
        lastRun = r;
        tailEnd = f.end();
    }

    /** Every fragment, in offset order (runs hold contiguous fragments in order). */
    List<Frag> fragments() {
        List<Frag> out = new ArrayList<>(count);
        for (Run r : runs.values()) {
            out.addAll(r.frags);
        }
        return out;
    }

    int count() { return count; }
}
