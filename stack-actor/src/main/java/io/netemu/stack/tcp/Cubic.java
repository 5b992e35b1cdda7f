package io.netemu.stack.tcp;

/**
 * CUBIC (RFC 9438) with Linux's choices (tcp_cubic.c): β = 0.7, C = 0.4, fast convergence, the
 * Reno-friendly region estimated by counting ACKs, the target taken one min-RTT ahead, and growth
 * at most one segment per two ACKs. HyStart is not implemented: slow start runs until loss.
 */
public final class Cubic implements CongestionControl {
    static final double BETA = 0.7;
    static final double C = 0.4;
    /** Reno-friendly increase per RTT for β = 0.7: 3(1-β)/(1+β) (RFC 9438 §4.3). */
    static final double ALPHA_AIMD = 3 * (1 - BETA) / (1 + BETA);

    private int lastMaxCwnd;   // W_max
    private long epochStartNs; // 0 = no epoch
    private double k;          // seconds to reach W_max
    private int originPoint;
    private double tcpCwnd;    // W_est, the Reno-friendly estimate
    private int cnt;           // ACKs per one-segment increase

    @Override
    public String name() {
        return "cubic";
    }

    @Override
    public int ssthresh(TcpCwnd c) {
        epochStartNs = 0;
        if (c.sndCwnd < lastMaxCwnd) { // fast convergence: release bandwidth to newer flows
            lastMaxCwnd = (int) (c.sndCwnd * (1 + BETA) / 2);
        } else {
            lastMaxCwnd = c.sndCwnd;
        }
        return Math.max((int) (c.sndCwnd * BETA), 2);
    }

    @Override
    public void onLoss(TcpCwnd c) {
        epochStartNs = 0;
        lastMaxCwnd = 0; // bictcp_reset on CA_EVENT_LOSS... keeps nothing of the old epoch
        k = 0;
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
        update(c, acked, nowNs);
        c.congAvoidAi(cnt, acked);
    }

    private void update(TcpCwnd c, int acked, long nowNs) {
        int cwnd = c.sndCwnd;
        if (epochStartNs == 0) {
            epochStartNs = nowNs == 0 ? 1 : nowNs;
            tcpCwnd = cwnd;
            if (lastMaxCwnd <= cwnd) {
                k = 0;
                originPoint = cwnd;
            } else {
                k = Math.cbrt((lastMaxCwnd - cwnd) / C);
                originPoint = lastMaxCwnd;
            }
        }
        // where the window should be one RTT from now (Linux adds delay_min to t)
        double t = (nowNs - epochStartNs) / 1e9 + c.minRttUs / 1e6;
        double target = originPoint + C * Math.pow(t - k, 3);
        if (target > cwnd) {
            cnt = (int) Math.max(1, cwnd / (target - cwnd));
        } else {
            cnt = 100 * cwnd; // nearly flat at the plateau
        }
        if (lastMaxCwnd == 0 && cnt > 20) {
            cnt = 20; // no loss yet: grow at least 5 % per RTT
        }
        // Reno-friendly region: W_est grows by ALPHA_AIMD per RTT, one RTT being cwnd ACKs
        tcpCwnd += ALPHA_AIMD * acked / cwnd;
        if (tcpCwnd > cwnd) {
            int maxCnt = (int) Math.max(1, cwnd / (tcpCwnd - cwnd));
            cnt = Math.min(cnt, maxCnt);
        }
        cnt = Math.max(cnt, 2);
    }
}
