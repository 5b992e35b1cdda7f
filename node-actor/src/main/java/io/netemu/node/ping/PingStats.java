package io.netemu.node.ping;

/** What iputils ping counts and how it prints it: RTTs in microseconds, the summary lines. */
final class PingStats {
    long transmitted;
    long received;
    long errors;
    /** Second and later replies to one echo ("+N duplicates"). */
    long repeats;
    /** The most probes ever outstanding when an answer came (iputils' pipesize). */
    long pipesize;
    private long tmin = Long.MAX_VALUE;
    private long tmax;
    private long tsum;
    private long tsum2;

    /** An answer (reply or error) for {@code seq}: how many probes were in the pipe then (acknowledge). */
    void acknowledge(int seq) {
        long diff = ((transmitted & 0xffff) - seq) & 0xffff;
        if (diff >= pipesize) {
            pipesize = diff + 1;
        }
    }

    long tmax() { return tmax; }

    void rtt(long micros) {
        tmin = Math.min(tmin, micros);
        tmax = Math.max(tmax, micros);
        tsum += micros;
        tsum2 += micros * micros;
    }

    /** The reply line's {@code time=} value, with iputils' precision for its magnitude. */
    static String time(long us) {
        if (us >= 100_000 - 50) {
            return Long.toString((us + 500) / 1000);
        } else if (us >= 10_000 - 5) {
            return (us + 50) / 1000 + "." + ((us + 50) % 1000) / 100;
        } else if (us >= 1000) {
            return (us + 5) / 1000 + "." + String.format("%02d", ((us + 5) % 1000) / 10);
        }
        return us / 1000 + "." + String.format("%03d", us % 1000);
    }

    /** The two (or one) closing lines after {@code --- DST ping statistics ---}. */
    String summary(long elapsedMs) {
        StringBuilder sb = new StringBuilder();
        sb.append(transmitted).append(" packets transmitted, ").append(received).append(" received");
        if (repeats > 0) {
            sb.append(", +").append(repeats).append(" duplicates");
        }
        if (errors > 0) {
            sb.append(", +").append(errors).append(" errors");
        }
        if (transmitted > 0) {
            sb.append(", ").append(percentG((transmitted - received) * 100.0 / transmitted)).append("% packet loss");
        }
        sb.append(", time ").append(elapsedMs).append("ms\n");
        String comma = "";
        if (received > 0) {
            long n = received + repeats; // every reply's RTT was summed, repeats too
            long avg = tsum / n;
            // iputils' order of operations, which keeps small RTTs from rounding to a wrong mdev
            long var = (tsum2 - (tsum * tsum) / n) / n;
            long mdev = (long) Math.sqrt(Math.max(0, var));
            sb.append("rtt min/avg/max/mdev = ").append(ms(tmin)).append('/').append(ms(avg)).append('/')
                    .append(ms(tmax)).append('/').append(ms(mdev)).append(" ms");
            comma = ", ";
        }
        if (pipesize > 1) {
            sb.append(comma).append("pipe ").append(pipesize);
        }
        if (received > 0 || pipesize > 1) {
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String ms(long us) {
        return us / 1000 + "." + String.format("%03d", us % 1000);
    }

    /** C's {@code %g}: six significant digits, trailing zeros dropped. */
    static String percentG(double v) {
        if (v == 0) {
            return "0";
        }
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        return s;
    }
}
