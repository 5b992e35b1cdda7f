package io.netemu.device.xdp;

/**
 * One queue pair's XDP counters, under veth's names in {@code ethtool -S}: on the rx queue the
 * frames and bytes the program ran on and what it decided (redirect, drops — DROP and ABORTED
 * alike —, tx and the XDP_TX frames that could not be sent), on the tx queue the frames other
 * devices' programs redirected out of this one ({@code xdp_xmit}) and those that failed.
 */
public record XdpCounters(long packets, long bytes, long redirect, long drops, long tx, long txErrors,
                          long xmit, long xmitErrors) {
    public static final XdpCounters ZERO = new XdpCounters(0, 0, 0, 0, 0, 0, 0, 0);
}
