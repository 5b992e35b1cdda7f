package io.netemu.ebpf.verifier;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The instructions one path went through, as a list shared with the paths it branched from:
 * a branch costs nothing, and only a rejected path is ever turned into text.
 */
record PathLog(PathLog prev, int insnIdx, String note) {

    static PathLog append(PathLog prev, int insnIdx) { return new PathLog(prev, insnIdx, null); }

    static PathLog note(PathLog prev, String note) { return new PathLog(prev, -1, note); }

    /** The last {@code max} entries, oldest first. */
    static Deque<PathLog> tail(PathLog last, int max) {
        Deque<PathLog> out = new ArrayDeque<>();
        for (PathLog p = last; p != null && out.size() < max; p = p.prev) out.addFirst(p);
        return out;
    }
}
