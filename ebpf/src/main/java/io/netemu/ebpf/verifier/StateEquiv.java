package io.netemu.ebpf.verifier;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether an explored state covers a new one at the same instruction, as the kernel's
 * {@code states_equal}: every live register and every stack byte of the old state allows at
 * least what the new one holds, so whatever the new path could do the old path already showed
 * safe. With {@code exact} both must hold the same, which at a loop head means the loop made no
 * progress.
 */
final class StateEquiv {
    private StateEquiv() {}

    /** Registers r0-r5 of a caller are rewritten when its callee returns, so they never matter. */
    private static final int CALLER_DEAD = 0b111111;

    static boolean covers(Cfg cfg, VerifierState old, VerifierState cur, boolean exact) {
        if (old.frames.size() != cur.frames.size()) return false;
        IdMap ids = new IdMap();
        int n = cur.frames.size();
        for (int f = 0; f < n; f++) {
            FuncState o = old.frames.get(f), c = cur.frames.get(f);
            if (o.callsite != c.callsite) return false;
            int live = f == n - 1 ? cfg.liveIn[cur.insnIdx] : cfg.liveIn[cur.frames.get(f + 1).callsite + 1] & ~CALLER_DEAD;
            for (int r = 0; r < 11; r++) {
                if ((live & (1 << r)) != 0 && !regsafe(o.regs[r], c.regs[r], ids, exact)) return false;
            }
            if (!stacksafe(o.stack, c.stack, ids, exact)) return false;
        }
        return true;
    }

    static boolean regsafe(RegState old, RegState cur, IdMap ids, boolean exact) {
        if (old.type == RegType.NOT_INIT) return !exact || cur.type == RegType.NOT_INIT;
        if (old.type != cur.type) return false;
        boolean var = exact ? sameRange(old, cur) : rangeWithin(old, cur);
        return switch (old.type) {
            case SCALAR -> var;
            case PTR_TO_MAP_VALUE -> var && old.mapIndex == cur.mapIndex && old.off == cur.off;
            case PTR_TO_MAP_VALUE_OR_NULL -> var && old.mapIndex == cur.mapIndex && old.off == cur.off && ids.check(old.id, cur.id);
            case PTR_TO_PACKET, PTR_TO_PACKET_META -> var && old.off == cur.off
                    && (exact ? old.range == cur.range : cur.range >= old.range) && ids.check(old.id, cur.id);
            case PTR_TO_STACK -> var && old.off == cur.off && old.frameno == cur.frameno;
            case CONST_PTR_TO_MAP -> old.mapIndex == cur.mapIndex;
            default -> var && old.off == cur.off;
        };
    }

    private static boolean rangeWithin(RegState old, RegState cur) {
        return Long.compareUnsigned(old.umin, cur.umin) <= 0 && Long.compareUnsigned(cur.umax, old.umax) <= 0
                && old.smin <= cur.smin && cur.smax <= old.smax;
    }

    private static boolean sameRange(RegState a, RegState b) {
        return a.umin == b.umin && a.umax == b.umax && a.smin == b.smin && a.smax == b.smax;
    }

    private static boolean stacksafe(StackState old, StackState cur, IdMap ids, boolean exact) {
        for (int i = 0; i < StackState.MAX_STACK; i++) {
            byte o = old.bytes[i], c = cur.bytes[i];
            if (exact && o != c) return false;
            switch (o) {
                case StackState.INVALID -> { }
                case StackState.MISC -> {
                    if (c == StackState.INVALID) return false;
                    if (c == StackState.SPILL && cur.spills[i / 8].type != RegType.SCALAR) return false;
                }
                default -> {
                    if (c != StackState.SPILL) return false;
                    if ((i & 7) == 0 && !regsafe(old.spills[i / 8], cur.spills[i / 8], ids, exact)) return false;
                }
            }
        }
        return true;
    }

    /** Ids are handed out per path, so equal states may number them differently; map one onto the other. */
    static final class IdMap {
        private final Map<Integer, Integer> oldToCur = new HashMap<>(), curToOld = new HashMap<>();

        boolean check(int oldId, int curId) {
            Integer a = oldToCur.putIfAbsent(oldId, curId), b = curToOld.putIfAbsent(curId, oldId);
            return (a == null || a == curId) && (b == null || b == oldId);
        }
    }
}
