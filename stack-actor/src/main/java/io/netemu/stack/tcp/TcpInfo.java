package io.netemu.stack.tcp;

/**
 * A snapshot of what {@code ss -tin} shows of one connection (struct tcp_info); times in microseconds
 * as tcp_info keeps them, printed by {@link #ssLine} in ss's order and units (milliseconds with three
 * decimals).
 */
public record TcpInfo(TcpState state, long sendQ, long recvQ, String cc, int sndWscale, int rcvWscale,
                      long rtoUs, int backoff, long rttUs, long rttvarUs, long atoUs, int mss, int pmtu,
                      int rcvMss, int advmss, int cwnd, int ssthresh, long bytesSent, long bytesRetrans,
                      long bytesAcked, long bytesReceived, long segsOut, long segsIn, long dataSegsOut,
                      long dataSegsIn, long lastSndMs, long lastRcvMs, long lastAckMs, long delivered, int unacked,
                      int retrans, long totalRetrans, int lost, int sacked, int reordering, long rcvRttUs,
                      long rcvSpace, long minRttUs, long sndWnd, boolean ts, boolean sack) {

    static TcpInfo of(TcpConnection c, long now) {
        return new TcpInfo(c.state, c.writeSeq - c.sndUna - (c.state == TcpState.SYN_SENT ? 1 : 0),
                c.recvQueue.size(), c.cc.name(), c.sndWscale, c.rcvWscale, c.rtt.rtoUs, c.backoff,
                c.rtt.srttUs(), c.rtt.rttvarUs(), c.atoInit ? c.cfg.delackMinNs() / 1000 : 0, c.mssCache, c.pmtu,
                c.rcvMss, c.advmss, c.cw.sndCwnd, c.cw.sndSsthresh, c.bytesSent, c.bytesRetrans, c.bytesAcked,
                c.bytesReceived, c.segsOut, c.segsIn, c.dataSegsOut, c.dataSegsIn, (now - c.lastSendNs) / 1_000_000,
                (now - c.lastRecvNs) / 1_000_000, (now - c.lastAckNs) / 1_000_000, c.delivered, c.packetsOut,
                c.retransOut, c.totalRetrans, c.lostOut, c.sackedOut, c.cfg.reordering(), c.rcvRttUs,
                TcpXmit.winFromSpace(c.rcvbuf), c.rtt.minRttUs == Long.MAX_VALUE ? 0 : c.rtt.minRttUs, c.sndWnd,
                c.tsOk, c.sackOk);
    }

    /** The second line of {@code ss -tin} for this connection. */
    public String ssLine() {
        StringBuilder b = new StringBuilder();
        if (ts) b.append(" ts");
        if (sack) b.append(" sack");
        b.append(' ').append(cc);
        b.append(" wscale:").append(sndWscale).append(',').append(rcvWscale);
        b.append(" rto:").append(ms(rtoUs));
        if (backoff > 0) b.append(" backoff:").append(backoff);
        if (rttUs > 0) b.append(" rtt:").append(ms(rttUs)).append('/').append(ms(rttvarUs));
        if (atoUs > 0) b.append(" ato:").append(ms(atoUs));
        b.append(" mss:").append(mss).append(" pmtu:").append(pmtu).append(" rcvmss:").append(rcvMss)
                .append(" advmss:").append(advmss).append(" cwnd:").append(cwnd);
        if (ssthresh < TcpCwnd.INFINITE_SSTHRESH) b.append(" ssthresh:").append(ssthresh);
        if (bytesSent > 0) b.append(" bytes_sent:").append(bytesSent);
        if (bytesRetrans > 0) b.append(" bytes_retrans:").append(bytesRetrans);
        if (bytesAcked > 0) b.append(" bytes_acked:").append(bytesAcked);
        if (bytesReceived > 0) b.append(" bytes_received:").append(bytesReceived);
        b.append(" segs_out:").append(segsOut).append(" segs_in:").append(segsIn);
        if (dataSegsOut > 0) b.append(" data_segs_out:").append(dataSegsOut);
        if (dataSegsIn > 0) b.append(" data_segs_in:").append(dataSegsIn);
        if (rttUs > 0) {
            long bps = (long) cwnd * mss * 8_000_000L / rttUs;
            b.append(" send ").append(bps).append("bps");
        }
        b.append(" lastsnd:").append(lastSndMs).append(" lastrcv:").append(lastRcvMs).append(" lastack:")
                .append(lastAckMs);
        if (delivered > 0) b.append(" delivered:").append(delivered);
        if (unacked > 0) b.append(" unacked:").append(unacked);
        if (retrans > 0 || totalRetrans > 0) b.append(" retrans:").append(retrans).append('/').append(totalRetrans);
        if (lost > 0) b.append(" lost:").append(lost);
        if (sacked > 0) b.append(" sacked:").append(sacked);
        if (reordering != 3) b.append(" reordering:").append(reordering);
        if (rcvRttUs > 0) b.append(" rcv_rtt:").append(ms(rcvRttUs));
        b.append(" rcv_space:").append(rcvSpace);
        if (minRttUs > 0) b.append(" minrtt:").append(ms(minRttUs));
        b.append(" snd_wnd:").append(sndWnd);
        return b.toString().trim();
    }

    /** ss prints milliseconds with up to three decimals and no trailing zeros ("1.5", "204"). */
    static String ms(long us) {
        if (us % 1000 == 0) {
            return Long.toString(us / 1000);
        }
        String s = String.format("%.3f", us / 1000.0);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
