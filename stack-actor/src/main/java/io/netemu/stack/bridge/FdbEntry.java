package io.netemu.stack.bridge;

/**
 * One forwarding database entry (struct net_bridge_fdb_entry), as {@code bridge fdb show} reports it.
 *
 * @param port the port's ifindex; 0 for an address of the bridge device itself (f->dst == NULL)
 * @param local one of the bridge's own addresses (BR_FDB_LOCAL): frames to it are delivered up
 * @param isStatic never ages (BR_FDB_STATIC); local entries are static
 * @param updatedNanos when the address was last seen as a source (or the entry made)
 * @param usedNanos when a frame was last forwarded by this entry
 */
public record FdbEntry(long mac, int port, boolean local, boolean isStatic, long updatedNanos, long usedNanos) {}
