package io.netemu.stack.dev;

/**
 * What {@code ethtool} tunes on a netemu veth end: ring sizes (-g/-G), combined channels (-l/-L:
 * rx/tx queue pairs, each with its own NAPI poller, frames spread by RSS), interrupt coalescing
 * (-c/-C: the poll is scheduled {@code rxUsecs} after the first frame or once {@code rxFrames}
 * are waiting, whichever comes first; 0 turns a limit off, both 0 = at once, and the defaults are
 * 0 and 0, so that {@code ethtool -C DEV rx-usecs 100} alone delays the interrupt) and the feature flags (-k/-K). Linux's veth
 * has none of the first three (it has a fixed 256-slot ring per queue in NAPI mode); netemu's
 * veth is tunable as a physical NIC is, so labs can study them.
 */
public record NicConfig(int rxRing, int txRing, int channels, int rxUsecs, int rxFrames, int txUsecs, int txFrames,
                        Features features) {
    public static final int RING_MAX = 4096;
    public static final int RING_MIN = 1;
    public static final int CHANNELS_MAX = 64;
    public static final int DEFAULT_RING = 1024;
    public static final NicConfig DEFAULT = new NicConfig(DEFAULT_RING, DEFAULT_RING, 1, 0, 0, 0, 0, Features.DEFAULT);

    public NicConfig withRings(int rx, int tx) { return new NicConfig(rx, tx, channels, rxUsecs, rxFrames, txUsecs, txFrames, features); }
    public NicConfig withChannels(int n) { return new NicConfig(rxRing, txRing, n, rxUsecs, rxFrames, txUsecs, txFrames, features); }
    public NicConfig withRxCoalesce(int usecs, int frames) { return new NicConfig(rxRing, txRing, channels, usecs, frames, txUsecs, txFrames, features); }
    public NicConfig withTxCoalesce(int usecs, int frames) { return new NicConfig(rxRing, txRing, channels, rxUsecs, rxFrames, usecs, frames, features); }
    public NicConfig withFeatures(Features f) { return new NicConfig(rxRing, txRing, channels, rxUsecs, rxFrames, txUsecs, txFrames, f); }

    /** The feature flags {@code ethtool -k} lists that can change ({@code -K}); the others are shown fixed. */
    public record Features(java.util.Map<String, Boolean> on) {
        public static final Features DEFAULT = new Features(java.util.Map.of());

        public Features {
            on = java.util.Map.copyOf(on);
        }

        /** The flag's state: set by {@code -K}, else {@code dflt}. */
        public boolean get(String name, boolean dflt) { return on.getOrDefault(name, dflt); }

        public Features with(String name, boolean value) {
            java.util.Map<String, Boolean> m = new java.util.HashMap<>(on);
            m.put(name, value);
            return new Features(m);
        }
    }
}
