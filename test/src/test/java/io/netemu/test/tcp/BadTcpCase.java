package io.netemu.test.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bad input a connection may meet (issue 8): RSTs in and out of the window, a storm of them, the
 * exact one, options with silly lengths, data offsets below 5 and past the segment. Each case makes
 * the frames a peer would inject into an established client whose next expected sequence number is
 * {@code rcvNxt} and whose next own one is {@code sndNxt}; {@code linux-tcp/tcp_bad_input.py} makes
 * the same frames for real Linux, case by case under the same names.
 *
 * <p>{@link #linux} is what Linux 6.18 did with them (the script's output on this project's
 * machine), the fields {@link BadTcpLab.Outcome} prints: the connection still ESTABLISHED, the bytes
 * the client read, the errno of its next recv or send, the segments it sent back, and counter deltas.
 */
enum BadTcpCase {
    RST_OUT_OF_WINDOW("rst-out-of-window", "alive=1 data=- err=0 replies=0 TcpInSegs=2 TcpOutSegs=1"),
    RST_IN_WINDOW("rst-in-window", "alive=1 data=- err=0 replies=1 TcpExtTCPChallengeACK=1 TcpInSegs=2 TcpOutSegs=2"),
    RST_STORM("rst-storm", "alive=1 data=- err=0 replies=1 TcpExtTCPACKSkippedChallenge=49 TcpExtTCPChallengeACK=1 TcpInSegs=101 TcpOutSegs=2"),
    RST_EXACT("rst-exact", "alive=0 data=- err=ECONNRESET replies=0 TcpEstabResets=1 TcpInSegs=1"),
    OPT_LEN0("opt-len0", "alive=1 data=Z err=0 replies=2 TcpInSegs=2 TcpOutSegs=3"),
    OPT_LEN1("opt-len1", "alive=1 data=Z err=0 replies=2 TcpInSegs=2 TcpOutSegs=3"),
    OPT_PAST_HEADER("opt-past-header", "alive=1 data=Z err=0 replies=2 TcpInSegs=2 TcpOutSegs=3"),
    DOFF_4("doff-4", "alive=1 data=- err=0 replies=0 TcpInErrs=1 TcpInSegs=2 TcpOutSegs=1"),
    DOFF_PAST_SEGMENT("doff-past-segment", "alive=1 data=- err=0 replies=0 TcpInSegs=2 TcpOutSegs=1");

    /** In-window and out-of-window RSTs each in the storm. */
    static final int STORM = 50;
    /** The counters compared: those the cases are about (the fast path's own, TCPHPAcks and such, are not). */
    static final List<String> COUNTERS = List.of("TcpInSegs", "TcpOutSegs", "TcpInErrs", "TcpEstabResets", "TcpOutRsts",
            "TcpExtTCPChallengeACK", "TcpExtTCPACKSkippedChallenge");

    final String id;
    final String linux;

    BadTcpCase(String id, String linux) {
        this.id = id;
        this.linux = linux;
    }

    /** One frame to inject: sequence and acknowledgment numbers, flags, options, data offset (-1: right), payload. */
    record Inject(long seq, long ack, int flags, byte[] options, int doff, byte[] payload) {
        static Inject rst(long seq) {
            return new Inject(seq, 0, TcpFrames.RST, new byte[0], -1, new byte[0]);
        }

        static Inject data(long seq, long ack, byte[] options, int doff) {
            return new Inject(seq, ack, TcpFrames.ACK | TcpFrames.PSH, options, doff, new byte[] {'Z'});
        }
    }

    List<Inject> frames(long rcvNxt, long sndNxt) {
        return switch (this) {
            case RST_OUT_OF_WINDOW -> List.of(Inject.rst(rcvNxt + (1L << 30)));
            case RST_IN_WINDOW -> List.of(Inject.rst(rcvNxt + 100));
            case RST_STORM -> {
                List<Inject> l = new ArrayList<>();
                for (int i = 0; i < STORM; i++) {
                    l.add(Inject.rst(rcvNxt + 100 + i));
                }
                for (int i = 0; i < STORM; i++) {
                    l.add(Inject.rst(rcvNxt + (1L << 30) + i));
                }
                yield l;
            }
            case RST_EXACT -> List.of(Inject.rst(rcvNxt));
            case OPT_LEN0 -> List.of(Inject.data(rcvNxt, sndNxt, new byte[] {8, 0, 1, 1}, -1));
            case OPT_LEN1 -> List.of(Inject.data(rcvNxt, sndNxt, new byte[] {8, 1, 1, 1}, -1));
            case OPT_PAST_HEADER -> List.of(Inject.data(rcvNxt, sndNxt, new byte[] {1, 1, 8, 10}, -1));
            case DOFF_4 -> List.of(Inject.data(rcvNxt, sndNxt, new byte[0], 4));
            case DOFF_PAST_SEGMENT -> List.of(Inject.data(rcvNxt, sndNxt, new byte[0], 15));
        };
    }

    static BadTcpCase byId(String id) {
        for (BadTcpCase c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no case " + id);
    }

    /** A result line's fields, counters restricted to {@link #COUNTERS}: what two results must agree on. */
    static Map<String, String> comparable(String line) {
        Map<String, String> m = new java.util.TreeMap<>();
        for (String f : line.trim().split("\\s+")) {
            int eq = f.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = f.substring(0, eq);
            if (!k.startsWith("Tcp") || COUNTERS.contains(k)) {
                m.put(k, f.substring(eq + 1));
            }
        }
        return m;
    }
}
