package io.netemu.stack.neigh;

import io.netemu.packet.SkBuff;
import java.util.List;

/** What {@link NeighTable#resolve} decided for one packet (neigh_resolve_output). */
public sealed interface NeighResult {
    /** Send now to {@code mac}. */
    record Resolved(long mac) implements NeighResult {}

    /**
     * The packet waits on the entry. {@code solicit} is a request to send now (null if none is due);
     * {@code evicted} are older queued packets dropped to make room (unres_qlen_bytes), which the
     * caller counts as dropped (SKB_DROP_REASON_NEIGH_QUEUEFULL).
     */
    record Queued(NeighTable.Solicit solicit, List<SkBuff> evicted) implements NeighResult {
        public Queued(NeighTable.Solicit solicit) { this(solicit, List.of()); }
    }

    /** The packet was dropped: the neighbour table is full, or solicitation is disabled (mcast_solicit + app_solicit = 0). */
    record Dropped(String reason) implements NeighResult {}
}
