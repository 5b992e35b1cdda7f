package io.netemu.node.cmd.iperf3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What iperf3 prints on one end: the interval lines and the summary in iperf_locale.c's layouts
 * (or, with {@code -J}, the same numbers kept for {@link Iperf3Json}). {@code sender} is whether this
 * end sends the data (the client, or the server under {@code -R}).
 */
final class Iperf3Report {
    static final String SEPARATOR = "- - - - - - - - - - - - - - - - - - - - - - - - -\n";
    private static final String HDR = "[ ID] Interval           Transfer     Bitrate";

    /** One stream's totals for a summary line, from this end's counters or the peer's results. */
    record Side(int fd, long bytes, long retrans, double jitterMs, long lost, long packets, double end) {}

    final StringBuilder out = new StringBuilder();
    final boolean sender;
    final boolean udp;
    final boolean multi;
    final boolean json;
    final List<Object> intervals = new ArrayList<>();
    private boolean first = true;

    Iperf3Report(boolean sender, boolean udp, int streams, boolean json) {
        this.sender = sender;
        this.udp = udp;
        this.multi = streams > 1;
        this.json = json;
    }

    void line(String s) {
        if (!json) {
            out.append(s).append('\n');
        }
    }

    private static String head(int fd) {
        return fd < 0 ? "[SUM]" : String.format(Locale.ROOT, "[%3d]", fd);
    }

    private static String span(double a, double b, long bytes) {
        double secs = b - a;
        return String.format(Locale.ROOT, " %6.2f-%-6.2f sec  %ss  %ss/sec", a, b, IperfUnits.bytes(bytes),
                IperfUnits.bits(secs > 0 ? bytes * 8 / secs : 0));
    }

    /** C's %.2g for a loss percentage. */
    static String pct(double p) {
        if (p == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.2g", p);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** One interval of every stream (and the [SUM] line with several), then the counters restart. */
    void interval(List<Iperf3Stream> ss, double a, double b) {
        if (!json) {
            if (first) {
                out.append(HDR).append(sender ? udp ? "         Total Datagrams" : "         Retr  Cwnd"
                        : udp ? "         Jitter    Lost/Total Datagrams" : "").append('\n');
            } else if (multi) {
                out.append(SEPARATOR);
            }
        }
        first = false;
        long sumBytes = 0, sumRetr = 0, sumPk = 0, sumLost = 0;
        double sumJit = 0;
        List<Object> js = new ArrayList<>();
        for (Iperf3Stream s : ss) {
            long retr = s.retrans - s.intervalRetransBase;
            long pk = sender ? s.intervalPackets : s.intervalReceived + s.intervalLost;
            sumBytes += s.intervalBytes;
            sumRetr += retr;
            sumPk += pk;
            sumLost += s.intervalLost;
            sumJit += s.jitter;
            String l = head(s.fd) + span(a, b, s.intervalBytes);
            if (udp && sender) {
                l += String.format(Locale.ROOT, "  %d  ", pk);
            } else if (udp) {
                l += String.format(Locale.ROOT, "  %5.3f ms  %d/%d (%s%%)  ", s.jitter * 1000, s.intervalLost, pk,
                        pct(pk == 0 ? 0 : 100.0 * s.intervalLost / pk));
            } else if (sender) {
                l += String.format(Locale.ROOT, "  %3d   %ss       ", retr, IperfUnits.bytes(s.cwndBytes()));
            } else {
                l += "                  ";
            }
            line(l);
            Map<String, Object> j = timing(s.fd, a, b, s.intervalBytes);
            if (udp) {
                if (sender) {
                    j.put("packets", pk);
                } else {
                    j.put("jitter_ms", s.jitter * 1000);
                    j.put("lost_packets", s.intervalLost);
                    j.put("packets", pk);
                    j.put("lost_percent", pk == 0 ? 0 : 100.0 * s.intervalLost / pk);
                }
            } else if (sender) {
                j.put("retransmits", retr);
                j.put("snd_cwnd", s.cwndBytes());
                j.put("snd_wnd", s.info == null ? 0 : s.info.sndWnd());
                j.put("rtt", s.info == null ? 0 : s.info.rttUs());
                j.put("rttvar", s.info == null ? 0 : s.info.rttvarUs());
                j.put("pmtu", s.info == null ? 0 : s.info.pmtu());
            }
            j.put("omitted", false);
            j.put("sender", sender);
            js.add(j);
            s.intervalBytes = 0;
            s.intervalRetransBase = s.retrans;
            s.intervalPackets = 0;
            s.intervalReceived = 0;
            s.intervalLost = 0;
        }
        if (multi) {
            String l = head(-1) + span(a, b, sumBytes);
            if (udp && sender) {
                l += String.format(Locale.ROOT, "  %d  ", sumPk);
            } else if (udp) {
                l += String.format(Locale.ROOT, "  %5.3f ms  %d/%d (%s%%)  ", sumJit / ss.size() * 1000, sumLost, sumPk,
                        pct(sumPk == 0 ? 0 : 100.0 * sumLost / sumPk));
            } else if (sender) {
                l += String.format(Locale.ROOT, "  %3d             ", sumRetr);
            } else {
                l += "                  ";
            }
            line(l);
        }
        Map<String, Object> sum = timing(-1, a, b, sumBytes);
        if (udp) {
            sum.put("packets", sumPk);
        } else if (sender) {
            sum.put("retransmits", sumRetr);
        }
        sum.put("omitted", false);
        sum.put("sender", sender);
        Map<String, Object> iv = new LinkedHashMap<>();
        iv.put("streams", js);
        iv.put("sum", sum);
        intervals.add(iv);
    }

    static Map<String, Object> timing(int fd, double a, double b, long bytes) {
        Map<String, Object> j = new LinkedHashMap<>();
        if (fd >= 0) {
            j.put("socket", fd);
        }
        j.put("start", a);
        j.put("end", b);
        j.put("seconds", b - a);
        j.put("bytes", bytes);
        j.put("bits_per_second", b > a ? bytes * 8 / (b - a) : 0.0);
        return j;
    }

    /** The summary: the separator, the header, each stream's lines, the [SUM] lines; {@code peer} null on the server. */
    void summary(List<Side> mine, List<Side> peer) {
        if (json) {
            return;
        }
        out.append(SEPARATOR);
        boolean senderLines = sender || peer != null;
        out.append(HDR).append(udp ? "         Jitter    Lost/Total Datagrams" : senderLines ? "         Retr" : "")
                .append('\n');
        List<Side> snd = sender ? mine : peer;
        List<Side> rcv = sender ? peer : mine;
        for (int i = 0; i < mine.size(); i++) {
            if (snd != null) {
                out.append(sideLine(mine.get(i).fd(), snd.get(i), true)).append('\n');
            }
            if (rcv != null) {
                out.append(sideLine(mine.get(i).fd(), rcv.get(i), false)).append('\n');
            }
        }
        if (multi) {
            if (snd != null) {
                out.append(sideLine(-1, total(snd), true)).append('\n');
            }
            if (rcv != null) {
                out.append(sideLine(-1, total(rcv), false)).append('\n');
            }
        }
    }

    static Side total(List<Side> ss) {
        long b = 0, r = 0, l = 0, p = 0;
        double j = 0, end = 0;
        for (Side s : ss) {
            b += s.bytes();
            r += s.retrans();
            l += s.lost();
            p += s.packets();
            j += s.jitterMs();
            end = Math.max(end, s.end());
        }
        return new Side(-1, b, r, ss.isEmpty() ? 0 : j / ss.size(), l, p, end);
    }

    private String sideLine(int fd, Side s, boolean isSender) {
        String l = head(fd) + span(0, s.end(), s.bytes());
        String role = isSender ? "sender" : "receiver";
        if (udp) {
            double jit = isSender ? 0 : s.jitterMs();
            long lost = isSender ? 0 : s.lost();
            return l + String.format(Locale.ROOT, "  %5.3f ms  %d/%d (%s%%)  %s", jit, lost, s.packets(),
                    pct(s.packets() == 0 ? 0 : 100.0 * lost / s.packets()), role);
        }
        if (isSender) {
            return l + String.format(Locale.ROOT, "  %3d             %s", s.retrans(), role);
        }
        return l + "                  " + role;
    }
}
