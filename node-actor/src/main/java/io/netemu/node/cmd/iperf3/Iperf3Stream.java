package io.netemu.node.cmd.iperf3;

import io.netemu.node.sock.Sock;
import io.netemu.stack.tcp.TcpInfo;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One data stream of a test, on either end: its socket, iperf3's numbers for it (the report's
 * {@code [  5]} is the descriptor iperf3 would hold; {@code id} its stream id, 1, 3, 4...), and the
 * counters the reports read: bytes in total and since the last interval, TCP_INFO's retransmits
 * and windows, UDP's packets, loss and jitter (RFC 1889, as iperf3 computes it).
 */
final class Iperf3Stream {
    final int sock;
    final ActorRef<Sock.Command> ref;
    final int fd;
    final int id;
    int localAddr, localPort, remoteAddr, remotePort;
    /** Cookie bytes still to read (server side) before the data begins. */
    int cookieLeft = Iperf3Proto.COOKIE_SIZE;
    boolean sending;
    boolean blocked;
    long bytes;
    long intervalBytes;
    long retrans;
    long intervalRetransBase;
    TcpInfo info;
    long maxCwnd, maxSndWnd, maxRtt, minRtt = Long.MAX_VALUE, rttSum, rttSamples;
    // UDP
    long packets;
    long intervalPackets;
    long received;
    long lastSeq;
    long lost;
    long intervalLost;
    long outOfOrder;
    double jitter;
    double prevTransit = Double.NaN;
    long intervalReceived;
    long intervalLastSeq;

    Iperf3Stream(int sock, ActorRef<Sock.Command> ref, int fd, int id) {
        this.sock = sock;
        this.ref = ref;
        this.fd = fd;
        this.id = id;
    }

    /** iperf3's descriptor numbers, as 3.12 on Linux hands them out (checked with -P 6). */
    static int clientFd(int i) {
        return i < 3 ? 5 + 2 * i : 12 + 2 * (i - 3);
    }

    static int serverFd(int i) {
        return i < 3 ? 6 + 3 * i : 14 + 2 * (i - 3);
    }

    /** iperf_add_stream's ids: 1, then 3, 4, 5... */
    static int streamId(int i) {
        return i == 0 ? 1 : i + 2;
    }

    void onInfo(TcpInfo i) {
        if (i == null) {
            return;
        }
        info = i;
        retrans = i.totalRetrans();
        maxCwnd = Math.max(maxCwnd, cwndBytes());
        maxSndWnd = Math.max(maxSndWnd, i.sndWnd());
        if (i.rttUs() > 0) {
            maxRtt = Math.max(maxRtt, i.rttUs());
            minRtt = Math.min(minRtt, i.rttUs());
            rttSum += i.rttUs();
            rttSamples++;
        }
    }

    /** iperf3's snd_cwnd: tcpi_snd_cwnd segments of tcpi_snd_mss bytes. */
    long cwndBytes() {
        return info == null ? 0 : (long) info.cwnd() * info.mss();
    }

    /** A UDP datagram arrived: sequence number and send time from its header, arrival time in seconds. */
    void onDatagram(long seq, double sent, double arrived, int len) {
        bytes += len;
        intervalBytes += len;
        received++;
        intervalReceived++;
        if (seq > lastSeq) {
            if (seq > lastSeq + 1) {
                lost += seq - lastSeq - 1;
                intervalLost += seq - lastSeq - 1;
            }
            lastSeq = seq;
        } else {
            outOfOrder++;
            if (lost > 0) {
                lost--;
                intervalLost--;
            }
        }
        double transit = arrived - sent;
        if (!Double.isNaN(prevTransit)) {
            double d = Math.abs(transit - prevTransit);
            jitter += (d - jitter) / 16.0;
        }
        prevTransit = transit;
    }
}
