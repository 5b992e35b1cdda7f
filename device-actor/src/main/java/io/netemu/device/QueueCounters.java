package io.netemu.device;

/**
 * One queue pair's counters: frames and bytes passed up, ring-full drops, NAPI polls, frames the
 * polls processed, softirq rounds squeezed (budget or time used up with work left), and the
 * frames and bytes sent on the tx queue of the same index; the XDP program's counters of the pair.
 */
public record QueueCounters(long rxPackets, long rxBytes, long drops, long polls, long processed, long timeSqueeze,
                            long txPackets, long txBytes, io.netemu.device.xdp.XdpCounters xdp) {}
