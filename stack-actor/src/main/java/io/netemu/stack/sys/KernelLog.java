package io.netemu.stack.sys;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The namespace's kernel log ring (what {@code dmesg} prints; the LOG target writes here). Lines
 * carry the run-clock timestamp as printk does ({@code [   12.345678] ...}). Bounded: the oldest
 * lines go first, as the kernel's ring buffer overwrites.
 */
public final class KernelLog {
    private static final int MAX_LINES = 4096;
    private final ArrayDeque<String> lines = new ArrayDeque<>();

    public void log(long nowNanos, String text) {
        if (lines.size() >= MAX_LINES) {
            lines.poll();
        }
        lines.add(String.format("[%5d.%06d] %s", nowNanos / 1_000_000_000L, (nowNanos / 1000) % 1_000_000, text));
    }

    public List<String> lines() { return List.copyOf(lines); }

    public void clear() { lines.clear(); }
}
