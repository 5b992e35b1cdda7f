package io.netemu.topologies.report;

import java.util.List;

/**
 * The counters sampled during a run, column by column: one array per counter per device, one
 * element per sample, so a 100-node lab sampled for a minute stays a few MB and travels in the
 * {@code RunReport} as plain arrays. Times count milliseconds from the end of boot, as the steps'.
 *
 * @param intervalMs the sampling interval asked for
 * @param tMs        when each sample was taken (the tick's time on the lab clock)
 * @param skipped    ticks not sampled because the previous tick's answers were not all in
 * @param nodes      the lab's nodes, in file order
 * @param links      the lab's links, in file order (the topology the report draws)
 * @param devices    each link end (two per link, in link order), whose node may be down at times
 */
public record Telemetry(long intervalMs, long[] tMs, int skipped, List<String> nodes, List<Link> links,
                        List<DeviceSeries> devices) {

    public Telemetry {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        devices = List.copyOf(devices);
    }

    public int samples() { return tMs.length; }

    /** A cable between two {@code node:iface} ends. */
    public record Link(String a, String b) {}

    /**
     * One device's columns. A value of {@link #ABSENT} (and carrier {@link #CARRIER_ABSENT})
     * marks a sample taken while the device did not exist: its node was down, or it did not
     * answer in time. {@code drops} has a column for each {@code DropReason} that counted a
     * drop during the run (qdisc drops are QDISC_LOSS and QDISC_LIMIT), in the enum's order.
     */
    public record DeviceSeries(String node, String iface, int link, long[] txPackets, long[] txBytes, long[] rxPackets,
                               long[] rxBytes, List<Drops> drops, byte[] carrier) {
        public DeviceSeries {
            drops = List.copyOf(drops);
        }

        public String name() { return node + ":" + iface; }
    }

    /** The drops of one reason ({@code DropReason} name), one value per sample. */
    public record Drops(String reason, long[] values) {}

    public static final long ABSENT = -1;
    public static final byte CARRIER_ABSENT = -1;
}
