package io.netemu.stack.neigh;

/**
 * Neighbour Unreachability Detection states (include/uapi/linux/neighbour.h NUD_*), named as
 * {@code ip neigh} prints them. {@link #NONE} is the state of an entry that was created but
 * never resolved (NUD_NONE, printed as nothing).
 */
public enum NudState {
    INCOMPLETE(0x01), REACHABLE(0x02), STALE(0x04), DELAY(0x08), PROBE(0x10), FAILED(0x20),
    NOARP(0x40), PERMANENT(0x80), NONE(0x00);

    private final int bits;

    NudState(int bits) { this.bits = bits; }

    /** The NUD_* bit, as {@code ndm_state} carries it. */
    public int bits() { return bits; }

    /** NUD_VALID: a link-layer address is known. */
    public boolean valid() {
        return this == PERMANENT || this == NOARP || this == REACHABLE || this == PROBE || this == STALE || this == DELAY;
    }

    /** NUD_CONNECTED: the address may be used without further checks. */
    public boolean connected() { return this == PERMANENT || this == NOARP || this == REACHABLE; }

    /** NUD_IN_TIMER: a timer runs while the entry is in this state. */
    public boolean inTimer() { return this == INCOMPLETE || this == REACHABLE || this == DELAY || this == PROBE; }
}
