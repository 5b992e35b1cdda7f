package io.netemu.stack.tcp;

/**
 * The sysctls TCP reads ({@code net.ipv4.tcp_*}, {@code net.core.[rw]mem_max}), Linux's defaults from
 * {@link #linux()}. Times are in nanoseconds of the virtual clock.
 *
 * @param rmem            tcp_rmem: min, default (the initial sk_rcvbuf), max (what autotuning may reach)
 * @param wmem            tcp_wmem: min, default, max; the send buffer here counts payload bytes (no skb truesize)
 * @param rmemMax         net.core.rmem_max, which with rmem[2] sets the window scale shift
 * @param congestion      tcp_congestion_control: "cubic" or "reno"
 * @param initCwnd        initial congestion window in segments (RFC 6928)
 * @param finTimeoutNs    tcp_fin_timeout: how long an orphaned FIN-WAIT-2 lives
 * @param timeWaitNs      TCP_TIMEWAIT_LEN
 * @param synRetries      tcp_syn_retries
 * @param synackRetries   tcp_synack_retries
 * @param retries2        tcp_retries2: retransmissions (or unanswered window probes) before ETIMEDOUT
 * @param rtoMinNs        TCP_RTO_MIN
 * @param rtoInitNs       TCP_TIMEOUT_INIT
 * @param rtoMaxNs        TCP_RTO_MAX
 * @param delackMinNs     TCP_DELACK_MIN (= TCP_ATO_MIN), the delayed ACK timeout
 * @param invalidRateLimitNs tcp_invalid_ratelimit: at most one challenge or out-of-window ACK per this
 */
public record TcpConfig(int[] rmem, int[] wmem, int rmemMax, boolean timestamps, boolean sack, boolean windowScaling,
                        String congestion, int initCwnd, long finTimeoutNs, long timeWaitNs, int synRetries,
                        int synackRetries, int retries2, long rtoMinNs, long rtoInitNs, long rtoMaxNs,
                        long delackMinNs, long invalidRateLimitNs, boolean moderateRcvbuf, int reordering) {
    private static final long MS = 1_000_000L;

    public static TcpConfig linux() {
        return new TcpConfig(new int[] {4096, 131072, 6291456}, new int[] {4096, 16384, 4194304}, 212992,
                true, true, true, "cubic", 10, 60_000 * MS, 60_000 * MS, 6, 5, 15,
                200 * MS, 1000 * MS, 120_000 * MS, 40 * MS, 500 * MS, true, 3);
    }

    public TcpConfig withCongestion(String cc) {
        return new TcpConfig(rmem, wmem, rmemMax, timestamps, sack, windowScaling, cc, initCwnd, finTimeoutNs,
                timeWaitNs, synRetries, synackRetries, retries2, rtoMinNs, rtoInitNs, rtoMaxNs, delackMinNs,
                invalidRateLimitNs, moderateRcvbuf, reordering);
    }

    public TcpConfig withRmem(int min, int def, int max) {
        return new TcpConfig(new int[] {min, def, max}, wmem, rmemMax, timestamps, sack, windowScaling, congestion,
                initCwnd, finTimeoutNs, timeWaitNs, synRetries, synackRetries, retries2, rtoMinNs, rtoInitNs,
                rtoMaxNs, delackMinNs, invalidRateLimitNs, moderateRcvbuf, reordering);
    }

    public TcpConfig withWmem(int min, int def, int max) {
        return new TcpConfig(rmem, new int[] {min, def, max}, rmemMax, timestamps, sack, windowScaling, congestion,
                initCwnd, finTimeoutNs, timeWaitNs, synRetries, synackRetries, retries2, rtoMinNs, rtoInitNs,
                rtoMaxNs, delackMinNs, invalidRateLimitNs, moderateRcvbuf, reordering);
    }

    /** Options on or off: tcp_timestamps, tcp_sack, tcp_window_scaling. */
    public TcpConfig withOptions(boolean ts, boolean sackOn, boolean ws) {
        return new TcpConfig(rmem, wmem, rmemMax, ts, sackOn, ws, congestion, initCwnd, finTimeoutNs, timeWaitNs,
                synRetries, synackRetries, retries2, rtoMinNs, rtoInitNs, rtoMaxNs, delackMinNs, invalidRateLimitNs,
                moderateRcvbuf, reordering);
    }

    /** tcp_moderate_rcvbuf: receive-buffer autotuning (off pins sk_rcvbuf at rmem[1]). */
    public TcpConfig withModerateRcvbuf(boolean on) {
        return new TcpConfig(rmem, wmem, rmemMax, timestamps, sack, windowScaling, congestion, initCwnd,
                finTimeoutNs, timeWaitNs, synRetries, synackRetries, retries2, rtoMinNs, rtoInitNs, rtoMaxNs,
                delackMinNs, invalidRateLimitNs, on, reordering);
    }

    /** The receive window shift Linux offers (tcp_select_initial_window): enough for the largest buffer, at most 14. */
    public int rcvWscale() {
        if (!windowScaling) {
            return 0;
        }
        int space = Math.max(rmem[2], rmemMax);
        int log = 31 - Integer.numberOfLeadingZeros(space);
        return Math.max(0, Math.min(14, log - 15));
    }
}
