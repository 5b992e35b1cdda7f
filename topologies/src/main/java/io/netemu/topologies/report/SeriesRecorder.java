package io.netemu.topologies.report;

import io.netemu.device.DeviceCounters;
import io.netemu.device.DropReason;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LinkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends one row per sample to every device's columns and builds the {@link Telemetry} at the
 * end. Slot {@code 2 * link + side} is the link's end {@code a} (side 0) or {@code b} (side 1).
 * A drop-reason column is created the first time that reason counts, so a lab that never drops
 * carries no drop columns at all.
 */
final class SeriesRecorder {
    private static final DropReason[] REASONS = DropReason.values();

    private final Lab lab;
    private final long intervalMs;
    private final int capacity;
    private final LongColumn time;
    private final LongColumn[][] counters; // [slot][tx packets, tx bytes, rx packets, rx bytes, carrier]
    private final LongColumn[][] drops;    // [slot][reason], null until the reason first counts

    SeriesRecorder(Lab lab, long intervalMs, int expectedRows) {
        this.lab = lab;
        this.intervalMs = intervalMs;
        this.capacity = Math.min(expectedRows, 1 << 16);
        int slots = lab.links().size() * 2;
        this.time = new LongColumn(capacity);
        this.counters = new LongColumn[slots][5];
        this.drops = new LongColumn[slots][REASONS.length];
        for (LongColumn[] cs : counters) {
            for (int i = 0; i < cs.length; i++) {
                cs[i] = new LongColumn(capacity);
            }
        }
    }

    int slots() { return counters.length; }

    int rows() { return time.size(); }

    /** One sample: {@code answers[slot]} null where the device is absent (node down, no answer in time). */
    void row(long tMs, DeviceCounters[] answers) {
        int row = time.size();
        time.add(tMs);
        for (int s = 0; s < counters.length; s++) {
            DeviceCounters c = answers[s];
            LongColumn[] cs = counters[s];
            if (c == null) {
                for (int i = 0; i < 4; i++) {
                    cs[i].add(Telemetry.ABSENT);
                }
                cs[4].add(Telemetry.CARRIER_ABSENT);
            } else {
                cs[0].add(c.txPackets());
                cs[1].add(c.txBytes());
                cs[2].add(c.rxPackets());
                cs[3].add(c.rxBytes());
                cs[4].add(c.carrier() ? 1 : 0);
            }
            for (DropReason r : REASONS) {
                long v = c == null ? Telemetry.ABSENT : c.drops(r);
                LongColumn col = drops[s][r.ordinal()];
                if (col == null && v > 0) {
                    col = drops[s][r.ordinal()] = zeroesUpTo(s, row);
                }
                if (col != null) {
                    col.add(v);
                }
            }
        }
    }

    /** A new drop column: 0 for the earlier rows, absent where the device was. */
    private LongColumn zeroesUpTo(int slot, int rows) {
        long[] carrier = counters[slot][4].toArray();
        LongColumn out = new LongColumn(capacity);
        for (int i = 0; i < rows; i++) {
            out.add(carrier[i] == Telemetry.CARRIER_ABSENT ? Telemetry.ABSENT : 0);
        }
        return out;
    }

    Telemetry build(int skipped) {
        List<Telemetry.Link> links = new ArrayList<>();
        List<Telemetry.DeviceSeries> devices = new ArrayList<>();
        for (int l = 0; l < lab.links().size(); l++) {
            LinkSpec spec = lab.links().get(l);
            links.add(new Telemetry.Link(spec.a().toString(), spec.b().toString()));
            for (int side = 0; side < 2; side++) {
                int s = 2 * l + side;
                var end = side == 0 ? spec.a() : spec.b();
                List<Telemetry.Drops> d = new ArrayList<>();
                for (int r = 0; r < REASONS.length; r++) {
                    if (drops[s][r] != null) {
                        d.add(new Telemetry.Drops(REASONS[r].name(), drops[s][r].toArray()));
                    }
                }
                long[] carrierWide = counters[s][4].toArray();
                byte[] carrier = new byte[carrierWide.length];
                for (int i = 0; i < carrier.length; i++) {
                    carrier[i] = (byte) carrierWide[i];
                }
                devices.add(new Telemetry.DeviceSeries(end.node(), end.iface(), l, counters[s][0].toArray(),
                        counters[s][1].toArray(), counters[s][2].toArray(), counters[s][3].toArray(), d, carrier));
            }
        }
        return new Telemetry(intervalMs, time.toArray(), skipped, List.copyOf(lab.nodes().keySet()), links, devices);
    }
}
