package io.netemu.stack.dev;

import io.netemu.device.xdp.XdpCounters;

/**
 * One rx/tx queue pair of a device, as its device actor counted it: what {@code ethtool -S}
 * shows per queue, and the NAPI work behind {@code /proc/net/softnet_stat} (netemu maps queue i
 * of every device to "CPU" i, as an irq affinity of queue i to CPU i does). {@code rxDrops}: ring
 * full; {@code polls}: NAPI polls; {@code processed}: frames the polls passed up;
 * {@code timeSqueeze}: softirq rounds that ended with work left (budget or time used up);
 * {@code xdp}: the XDP program's verdicts on the pair.
 */
public record QueueStats(long rxPackets, long rxBytes, long rxDrops, long polls, long processed, long timeSqueeze,
                         long txPackets, long txBytes, XdpCounters xdp) {
    public static final QueueStats ZERO = new QueueStats(0, 0, 0, 0, 0, 0, 0, 0, XdpCounters.ZERO);
}
