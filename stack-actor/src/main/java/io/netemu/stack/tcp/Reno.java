package io.netemu.stack.tcp;

/** NewReno's window arithmetic (RFC 5681 §3.1; tcp_reno_cong_avoid, tcp_reno_ssthresh); recovery itself is the engine's. */
public final class Reno implements CongestionControl {
    @Override
    public String name() {
        return "reno";
    }

    @Override
    public int ssthresh(TcpCwnd c) {
        return Math.max(c.sndCwnd >> 1, 2);
    }

    @Override
    public void congAvoid(TcpCwnd c, int acked, long nowNs) {
        if (!c.cwndLimited) {
            return;
        }
        if (c.inSlowStart()) {
            acked = c.slowStart(acked);
            if (acked == 0) {
                return;
            }
        }
        c.congAvoidAi(c.sndCwnd, acked);
    }
}
