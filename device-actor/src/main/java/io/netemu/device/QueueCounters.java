package io.netemu.device;

/**
 * One rx queue's counters: frames and bytes passed up, ring-full drops, NAPI polls, frames the
 * polls processed, and softirq rounds squeezed (budget or time used up with work left).
 */
public record QueueCounters(long rxPackets, long rxBytes, long drops, long polls, long processed, long timeSqueeze) {}
