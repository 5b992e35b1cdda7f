package io.netemu.stack.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The out-of-order queue (tcp_data_queue_ofo): data beyond rcv_nxt, kept without overlaps, and the
 * contiguous blocks it forms, from which SACK blocks are reported (RFC 2018 §4: the block holding the
 * latest arrival first). Sequence numbers are 64-bit (unwrapped).
 */
final class OfoQueue {
    private final TreeMap<Long, byte[]> segs = new TreeMap<>();
    private final TreeMap<Long, Long> blocks = new TreeMap<>();
    private long bytes;
    private long finSeq = -1;
    private long latest = -1;

    boolean isEmpty() {
        return segs.isEmpty() && finSeq < 0;
    }

    long bytes() {
        return bytes;
    }

    /** Queues {@code data} at {@code seq} (> rcv_nxt), keeping only bytes not already queued; returns the new bytes. */
    long insert(long seq, byte[] data, boolean fin) {
        long end = seq + data.length;
        if (fin) {
            finSeq = end;
        }
        latest = seq;
        long added = 0;
        long pos = seq;
        while (pos < end) {
            Map.Entry<Long, byte[]> before = segs.floorEntry(pos);
            if (before != null && before.getKey() + before.getValue().length > pos) {
                pos = before.getKey() + before.getValue().length; // covered already
                continue;
            }
            Long next = segs.higherKey(pos);
            long stop = next == null ? end : Math.min(end, next);
            if (stop > pos) {
                byte[] part = (pos == seq && stop == end) ? data
                        : java.util.Arrays.copyOfRange(data, (int) (pos - seq), (int) (stop - seq));
                segs.put(pos, part);
                added += part.length;
                addBlock(pos, stop);
            }
            pos = stop;
        }
        bytes += added;
        return added;
    }

    private void addBlock(long start, long end) {
        Map.Entry<Long, Long> lo = blocks.floorEntry(start);
        if (lo != null && lo.getValue() >= start) {
            start = lo.getKey();
            end = Math.max(end, lo.getValue());
            blocks.remove(lo.getKey());
        }
        Map.Entry<Long, Long> hi;
        while ((hi = blocks.ceilingEntry(start)) != null && hi.getKey() <= end) {
            end = Math.max(end, hi.getValue());
            blocks.remove(hi.getKey());
        }
        blocks.put(start, end);
    }

    /** The first queued segment if it starts at or before {@code rcvNxt}, trimmed to start there; removes it. */
    byte[] pollContiguous(long rcvNxt) {
        while (!segs.isEmpty()) {
            Map.Entry<Long, byte[]> e = segs.firstEntry();
            long s = e.getKey();
            if (s > rcvNxt) {
                return null;
            }
            segs.pollFirstEntry();
            byte[] d = e.getValue();
            bytes -= d.length;
            trimBlocks(s + d.length);
            if (s + d.length <= rcvNxt) {
                continue; // wholly old
            }
            return s == rcvNxt ? d : java.util.Arrays.copyOfRange(d, (int) (rcvNxt - s), d.length);
        }
        return null;
    }

    /** The queued FIN's sequence number if it is now in order. */
    boolean finAt(long rcvNxt) {
        return finSeq >= 0 && finSeq == rcvNxt;
    }

    void clearFin() {
        finSeq = -1;
    }

    private void trimBlocks(long upTo) {
        Map.Entry<Long, Long> b;
        while ((b = blocks.firstEntry()) != null && b.getKey() < upTo) {
            blocks.pollFirstEntry();
            if (b.getValue() > upTo) {
                blocks.put(upTo, b.getValue());
                break;
            }
        }
    }

    /** Up to {@code max} blocks as [start, end) pairs: the one holding the latest arrival, then the highest. */
    List<long[]> sackBlocks(int max) {
        List<long[]> out = new ArrayList<>(max);
        Map.Entry<Long, Long> first = latest >= 0 ? blocks.floorEntry(latest) : null;
        if (first != null && first.getValue() > latest) {
            out.add(new long[] {first.getKey(), first.getValue()});
        } else {
            first = null;
        }
        for (Map.Entry<Long, Long> e : blocks.descendingMap().entrySet()) {
            if (out.size() >= max) {
                break;
            }
            if (first != null && e.getKey().equals(first.getKey())) {
                continue;
            }
            out.add(new long[] {e.getKey(), e.getValue()});
        }
        return out;
    }

    void clear() {
        segs.clear();
        blocks.clear();
        bytes = 0;
        finSeq = -1;
    }
}
