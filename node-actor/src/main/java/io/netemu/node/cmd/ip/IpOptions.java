package io.netemu.node.cmd.ip;

/**
 * iproute2's global options ({@code ip [OPTIONS] OBJECT ...}): {@code -4}, {@code -o} (one line),
 * {@code -s} (repeatable), {@code -d}, {@code -j} and {@code -p} (JSON, pretty), {@code -br}.
 */
public record IpOptions(boolean inet4Only, boolean oneline, int stats, boolean details, boolean json,
                        boolean pretty, boolean brief, boolean color) {
    public static final IpOptions DEFAULT = new IpOptions(false, false, 0, false, false, false, false, false);
}
