package io.netemu.stack.neigh;

/**
 * A snapshot of one neighbour entry (struct neighbour) for {@code ip neigh show}.
 *
 * @param mac the link-layer address, -1 for none; only meaningful when {@code state.valid()}
 * @param updatedNanos when the state or address last changed
 * @param confirmedNanos when reachability was last confirmed
 * @param usedNanos when the entry was last used on the slow path (neigh_event_send)
 * @param probes solicitations counted by the kernel (starts at ucast_solicit for INCOMPLETE)
 * @param queued packets waiting for resolution
 */
public record NeighEntry(int ifindex, int ip, long mac, NudState state, long updatedNanos, long confirmedNanos,
                         long usedNanos, int probes, int queued) {
    /** iproute2 prints the lladdr only for NUD_VALID entries (neigh_fill_info). */
    public boolean hasLladdr() { return state.valid() && mac >= 0; }

    /** The kernel's refcount less one, as {@code ip -s neigh} shows it: a pending timer holds a reference. */
    public int refcnt() { return state.inTimer() ? 1 : 0; }
}
