package io.netemu.device.qdisc;

/**
 * A tbf qdisc's parameters as the kernel takes them (tc sends struct tc_tbf_qopt with
 * TCA_TBF_BURST/PBURST and the 64-bit rates): the rate and optional peak rate in bytes per
 * second, the bucket {@code burst} and peak bucket {@code mtu} in bytes, the backlog
 * {@code limit} in bytes (tc derives it from {@code latency}: rate*latency + burst), and the
 * link-layer accounting {@code mpu} and {@code overhead}. The buckets are kept as time, as
 * tbf_change does: {@link #bufferNanos()} is the burst's transmission time at the rate.
 */
public record TbfConfig(long rateBytes, long peakBytes, long burst, long mtu, long limitBytes,
                        int mpu, int overhead) implements QdiscConfig {
    public TbfConfig {
        if (rateBytes <= 0 || peakBytes < 0 || burst <= 0 || mtu < 0 || limitBytes < 0) {
            throw new IllegalArgumentException("tbf: rate and burst must be positive, the rest not negative");
        }
    }

    @Override
    public String kind() { return "tbf"; }

    /** q->buffer: the bucket's depth as time at {@code rate}. */
    public long bufferNanos() { return l2t(rateBytes, burst); }

    /** q->mtu: the peak bucket's depth as time at {@code peakrate} (0 without a peak rate). */
    public long mtuNanos() { return peakBytes == 0 ? 0 : l2t(peakBytes, mtu); }

    /** q->max_size: frames longer than this can never get enough tokens and are dropped at enqueue. */
    public long maxSize() { return peakBytes == 0 ? burst : Math.min(burst, mtu); }

    /** psched_l2t_ns at {@code rate} bytes/s. */
    public long l2t(long rate, long len) {
        return new PschedRate(rate).l2t(len, overhead, mpu);
    }
}
