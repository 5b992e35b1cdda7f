package io.netemu.topologies.report;

/**
 * What one traffic-making step measured, parsed from its output: a ping's replies and losses,
 * or an iperf3 run's intervals. {@code step} is the step's index in the lab's scenario.
 */
public sealed interface Flow permits Flow.Ping, Flow.Iperf {
    int step();

    String node();

    String command();

    long startedMs();

    long endedMs();

    /**
     * A ping: each reply's sequence number, RTT (ping's printed {@code time=}) and when it came
     * (ms from the end of boot: the step's start, plus {@code seq - 1} intervals, plus the RTT);
     * {@code lostSeq} the echoes sent that got no reply. {@code transmitted}/{@code received}
     * are ping's own summary (-1 when it printed none, e.g. killed by its timeout).
     */
    record Ping(int step, String node, String command, String target, long startedMs, long endedMs, double intervalMs,
                int transmitted, int received, int[] seq, double[] rttMs, double[] tMs, int[] lostSeq) implements Flow {
        /** The loss in percent of the echoes sent, from the summary or, without one, from the replies seen. */
        public double lossPct() {
            int sent = transmitted >= 0 ? transmitted : seq.length + lostSeq.length;
            int got = transmitted >= 0 ? received : seq.length;
            return sent == 0 ? 0 : 100.0 * (sent - got) / sent;
        }
    }

    /**
     * An {@code iperf3 -J} client run: its report's {@code intervals[].sum} (seconds from the
     * test's start, bytes, bits per second); {@code error} is iperf3's error or why the output
     * could not be read, else null.
     */
    record Iperf(int step, String node, String command, long startedMs, long endedMs, double[] startS, double[] endS,
                 long[] bytes, double[] bitsPerSecond, String error) implements Flow {}
}
