package io.netemu.stack.tcp;

/**
 * Initial sequence numbers and timestamp offsets from a seed, so runs are reproducible: as Linux's
 * {@code secure_tcp_seq} (a keyed hash of the 4-tuple plus a clock ticking every 64 ns, RFC 6528) and
 * {@code secure_tcp_ts_off} (a keyed hash of the addresses), with the key from the seed.
 */
public final class TcpIsn {
    private final long key;

    public TcpIsn(long seed) {
        this.key = mix(seed ^ 0x5DEECE66DL);
    }

    public int isn(int localAddr, int localPort, int remoteAddr, int remotePort, long nowNs) {
        long h = mix(key ^ ((long) localAddr << 32 | (remoteAddr & 0xffffffffL)));
        h = mix(h ^ ((long) localPort << 16 | remotePort));
        return (int) (h + (nowNs >>> 6));
    }

    public int tsOffset(int localAddr, int remoteAddr) {
        return (int) mix(key + ((long) localAddr << 32 | (remoteAddr & 0xffffffffL)));
    }

    private static long mix(long z) { // SplitMix64's finalizer
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
