package io.netemu.stack.tcp;

/**
 * The congestion state a {@link CongestionControl} works on (tcp_sock's snd_cwnd, snd_ssthresh,
 * snd_cwnd_cnt, snd_cwnd_clamp), in segments, with the slow-start and additive-increase steps every
 * algorithm shares (tcp_slow_start, tcp_cong_avoid_ai).
 */
public final class TcpCwnd {
    public static final int INFINITE_SSTHRESH = 0x7fffffff;

    public int sndCwnd;
    public int sndSsthresh = INFINITE_SSTHRESH;
    public int sndCwndCnt;
    public int sndCwndClamp = 0xffff * 64;
    /** The smallest RTT seen (tcp_min_rtt), microseconds; 0 before the first sample. */
    public long minRttUs;
    /** Whether the last flight used the window (tcp_is_cwnd_limited): growth is only earned then. */
    public boolean cwndLimited;

    public boolean inSlowStart() {
        return sndCwnd < sndSsthresh;
    }

    /** RFC 5681 slow start up to ssthresh; returns the acks left over for congestion avoidance. */
    public int slowStart(int acked) {
        int cwnd = Math.min(sndCwnd + acked, sndSsthresh);
        acked -= cwnd - sndCwnd;
        sndCwnd = Math.min(cwnd, sndCwndClamp);
        return acked;
    }

    /** One more segment per {@code w} segments acknowledged (tcp_cong_avoid_ai). */
    public void congAvoidAi(int w, int acked) {
        if (sndCwndCnt >= w) {
            sndCwndCnt = 0;
            sndCwnd++;
        }
        sndCwndCnt += acked;
        if (sndCwndCnt >= w) {
            int delta = sndCwndCnt / w;
            sndCwndCnt -= delta * w;
            sndCwnd += delta;
        }
        sndCwnd = Math.min(sndCwnd, sndCwndClamp);
    }
}
