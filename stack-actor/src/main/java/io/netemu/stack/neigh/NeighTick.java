package io.netemu.stack.neigh;

import java.util.List;

/**
 * What a run of the neighbour timers produced (neigh_timer_handler): solicitations to send now,
 * entries that turned FAILED with the packets they held, and when to run again
 * ({@code Long.MAX_VALUE}: nothing pending).
 */
public record NeighTick(List<NeighTable.Solicit> solicits, List<NeighTable.Failure> failures, long nextDeadlineNanos) {}
