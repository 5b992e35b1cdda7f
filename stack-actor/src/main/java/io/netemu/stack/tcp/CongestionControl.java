package io.netemu.stack.tcp;

/**
 * A congestion control algorithm (Linux's {@code struct tcp_congestion_ops}); one instance per
 * connection, as the per-socket {@code icsk_ca_priv} state.
 */
public interface CongestionControl {
    /** The name ss prints and tcp_congestion_control selects. */
    String name();

    /** The slow-start threshold after a loss (.ssthresh); the caller sets snd_ssthresh to it. */
    int ssthresh(TcpCwnd c);

    /** Grows the window on an ACK outside cwnd reduction (.cong_avoid); {@code acked} segments were delivered. */
    void congAvoid(TcpCwnd c, int acked, long nowNs);

    /** The retransmission timer fired (CA_EVENT_LOSS): forget the epoch. */
    default void onLoss(TcpCwnd c) {}

    /** The algorithm Linux registers under {@code name}. */
    static CongestionControl of(String name) {
        return switch (name) {
            case "reno" -> new Reno();
            case "cubic" -> new Cubic();
            default -> throw new IllegalArgumentException("unknown congestion control " + name
                    + " (available: reno cubic)");
        };
    }
}
