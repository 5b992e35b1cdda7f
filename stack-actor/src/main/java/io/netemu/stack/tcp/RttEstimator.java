package io.netemu.stack.tcp;

/**
 * Smoothed RTT and the retransmission timeout (RFC 6298 §2) as Linux keeps them ({@code tcp_rtt_estimator},
 * {@code tcp_set_rto}): srtt scaled by 8, mdev by 4, and an rttvar that never drops below TCP_RTO_MIN
 * within a window, so the RTO is srtt + max(4·mdev, rto_min). All in microseconds.
 */
final class RttEstimator {
    private final long rtoMinUs;
    private final long rtoMaxUs;
    long srttUs8;   // srtt << 3
    long mdevUs4;   // mdev << 2
    long mdevMaxUs4;
    long rttvarUs4;
    long rttSeq;    // end of the window over which mdev_max is kept
    long minRttUs = Long.MAX_VALUE;
    long lastRttUs;
    long rtoUs;

    RttEstimator(long rtoMinNs, long rtoInitNs, long rtoMaxNs) {
        this.rtoMinUs = rtoMinNs / 1000;
        this.rtoMaxUs = rtoMaxNs / 1000;
        this.rtoUs = rtoInitNs / 1000;
    }

    boolean hasSample() {
        return srttUs8 != 0;
    }

    /** One RTT measurement {@code m}; {@code sndUna}/{@code sndNxt} delimit the mdev_max window. */
    void sample(long m, long sndUna, long sndNxt) {
        if (m <= 0) {
            m = 1;
        }
        lastRttUs = m;
        minRttUs = Math.min(minRttUs, m);
        if (srttUs8 != 0) {
            long err = m - (srttUs8 >> 3);
            srttUs8 += err;
            if (err < 0) {
                err = -err;
                err -= mdevUs4 >> 2;
                if (err > 0) {
                    err >>= 3; // a sudden drop in RTT barely moves mdev (Linux's asymmetry)
                }
            } else {
                err -= mdevUs4 >> 2;
            }
            mdevUs4 += err;
            if (mdevUs4 > mdevMaxUs4) {
                mdevMaxUs4 = mdevUs4;
                if (mdevMaxUs4 > rttvarUs4) {
                    rttvarUs4 = mdevMaxUs4;
                }
            }
            if (sndUna > rttSeq) {
                if (mdevMaxUs4 < rttvarUs4) {
                    rttvarUs4 -= (rttvarUs4 - mdevMaxUs4) >> 2;
                }
                rttSeq = sndNxt;
                mdevMaxUs4 = rtoMinUs;
            }
        } else {
            srttUs8 = m << 3;
            mdevUs4 = m << 1; // the first RTO is 3·rtt
            rttvarUs4 = Math.max(mdevUs4, rtoMinUs);
            mdevMaxUs4 = rttvarUs4;
            rttSeq = sndNxt;
        }
        rtoUs = Math.min((srttUs8 >> 3) + rttvarUs4, rtoMaxUs);
    }

    /** Exponential backoff after a timeout (icsk_rto doubled, at most TCP_RTO_MAX). */
    void backoff() {
        rtoUs = Math.min(rtoUs * 2, rtoMaxUs);
    }

    /** Forward progress: the RTO from the estimate again (tcp_set_rto), or unchanged before any sample. */
    void restore() {
        if (srttUs8 != 0) {
            rtoUs = Math.min((srttUs8 >> 3) + rttvarUs4, rtoMaxUs);
        }
    }

    long srttUs() {
        return srttUs8 >> 3;
    }

    /** What ss prints after the slash in rtt: (tcpi_rttvar = mdev_us >> 2). */
    long rttvarUs() {
        return mdevUs4 >> 2;
    }
}
