package io.netemu.node.cmd.iperf3;

import io.netemu.packet.wire.Ipv4Address;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code -J} document and the results iperf3 exchanges at the end of a test, with iperf3 3.12's
 * field names and order (start, intervals, end; {@code end.streams[].sender/receiver} or {@code
 * .udp}, sum_sent, sum_received, cpu_utilization_percent...). CPU figures are zero: an emulated
 * host has no CPU time of its own to report.
 */
final class Iperf3Json {
    private Iperf3Json() {}

    static Map<String, Object> start(List<Iperf3Stream> ss, Iperf3Options o, String cookie, String host, int port,
                                     long epochSecs) {
        Map<String, Object> st = new LinkedHashMap<>();
        List<Object> conn = new ArrayList<>();
        for (Iperf3Stream s : ss) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("socket", s.fd);
            c.put("local_host", Ipv4Address.format(s.localAddr));
            c.put("local_port", s.localPort);
            c.put("remote_host", Ipv4Address.format(s.remoteAddr));
            c.put("remote_port", s.remotePort);
            conn.add(c);
        }
        st.put("connected", conn);
        st.put("version", "iperf " + Iperf3Proto.VERSION);
        st.put("system_info", "Linux netemu 6.18.0-netemu #1 SMP x86_64");
        Map<String, Object> ts = new LinkedHashMap<>();
        ts.put("time", DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
                .format(ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(epochSecs), ZoneOffset.UTC)));
        ts.put("timesecs", epochSecs);
        st.put("timestamp", ts);
        if (host != null) {
            Map<String, Object> ct = new LinkedHashMap<>();
            ct.put("host", host);
            ct.put("port", port);
            st.put("connecting_to", ct);
        } else {
            st.put("accepted_connection", Map.of());
        }
        st.put("cookie", cookie);
        if (!o.udp()) {
            st.put("tcp_mss_default", 1448);
        }
        st.put("target_bitrate", o.rate());
        st.put("sock_bufsize", o.window());
        st.put("sndbuf_actual", o.window() > 0 ? 2 * o.window() : 16384);
        st.put("rcvbuf_actual", o.window() > 0 ? 2 * o.window() : 131072);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("protocol", o.udp() ? "UDP" : "TCP");
        t.put("num_streams", o.parallel());
        t.put("blksize", o.len());
        t.put("omit", 0);
        t.put("duration", o.bytes() > 0 ? 0 : o.seconds());
        t.put("bytes", o.bytes());
        t.put("blocks", 0);
        t.put("reverse", o.reverse() ? 1 : 0);
        t.put("tos", 0);
        t.put("target_bitrate", o.rate());
        st.put("test_start", t);
        return st;
    }

    /** The end section: per stream both sides (the peer's from its results), their sums, CPU, congestion. */
    static Map<String, Object> end(Iperf3Report r, List<Iperf3Stream> ss, List<Iperf3Report.Side> mine,
                                   List<Iperf3Report.Side> peer, String cc) {
        Map<String, Object> end = new LinkedHashMap<>();
        List<Iperf3Report.Side> snd = r.sender ? mine : peer;
        List<Iperf3Report.Side> rcv = r.sender ? peer : mine;
        List<Object> streams = new ArrayList<>();
        for (int i = 0; i < ss.size(); i++) {
            Iperf3Stream s = ss.get(i);
            Map<String, Object> e = new LinkedHashMap<>();
            if (r.udp) {
                Iperf3Report.Side u = rcv != null ? rcv.get(i) : snd.get(i);
                e.put("udp", udp(s.fd, u, r.sender, true));
            } else {
                if (snd != null) {
                    Map<String, Object> m = Iperf3Report.timing(s.fd, 0, snd.get(i).end(), snd.get(i).bytes());
                    m.put("retransmits", snd.get(i).retrans());
                    if (r.sender) {
                        m.put("max_snd_cwnd", s.maxCwnd);
                        m.put("max_snd_wnd", s.maxSndWnd);
                        m.put("max_rtt", s.maxRtt);
                        m.put("min_rtt", s.minRtt == Long.MAX_VALUE ? 0 : s.minRtt);
                        m.put("mean_rtt", s.rttSamples == 0 ? 0 : s.rttSum / s.rttSamples);
                    }
                    m.put("sender", r.sender);
                    e.put("sender", m);
                }
                if (rcv != null) {
                    Map<String, Object> m = Iperf3Report.timing(s.fd, 0, rcv.get(i).end(), rcv.get(i).bytes());
                    m.put("sender", r.sender);
                    e.put("receiver", m);
                }
            }
            streams.add(e);
        }
        end.put("streams", streams);
        if (r.udp && rcv != null) {
            end.put("sum", udp(-1, Iperf3Report.total(rcv), r.sender, false));
        }
        if (snd != null) {
            Iperf3Report.Side t = Iperf3Report.total(snd);
            Map<String, Object> m = r.udp ? udp(-1, t, true, false) : Iperf3Report.timing(-1, 0, t.end(), t.bytes());
            if (!r.udp) {
                m.put("retransmits", t.retrans());
            }
            m.put("sender", r.udp ? true : r.sender);
            end.put("sum_sent", m);
        }
        if (rcv != null) {
            Iperf3Report.Side t = Iperf3Report.total(rcv);
            Map<String, Object> m = r.udp ? udp(-1, t, false, false) : Iperf3Report.timing(-1, 0, t.end(), t.bytes());
            m.put("sender", r.udp ? false : r.sender);
            end.put("sum_received", m);
        }
        Map<String, Object> cpu = new LinkedHashMap<>();
        for (String k : List.of("host_total", "host_user", "host_system", "remote_total", "remote_user", "remote_system")) {
            cpu.put(k, 0);
        }
        end.put("cpu_utilization_percent", cpu);
        if (!r.udp) {
            end.put("sender_tcp_congestion", cc);
            end.put("receiver_tcp_congestion", cc);
        }
        return end;
    }

    private static Map<String, Object> udp(int fd, Iperf3Report.Side s, boolean sender, boolean stream) {
        Map<String, Object> m = Iperf3Report.timing(fd, 0, s.end(), s.bytes());
        boolean rx = !sender || stream;
        m.put("jitter_ms", rx ? s.jitterMs() : 0);
        m.put("lost_packets", rx ? s.lost() : 0);
        m.put("packets", s.packets());
        m.put("lost_percent", rx && s.packets() > 0 ? 100.0 * s.lost() / s.packets() : 0);
        if (stream) {
            m.put("out_of_order", 0);
        }
        m.put("sender", sender);
        return m;
    }

    /** The results one end sends the other (send_results). */
    static Map<String, Object> results(boolean sender, boolean udp, String cc, List<Iperf3Report.Side> mine) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("cpu_util_total", 0);
        j.put("cpu_util_user", 0);
        j.put("cpu_util_system", 0);
        j.put("sender_has_retransmits", sender ? (udp ? 0 : 1) : -1);
        if (!udp) {
            j.put("congestion_used", cc);
        }
        List<Object> l = new ArrayList<>();
        int i = 0;
        for (Iperf3Report.Side s : mine) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Iperf3Stream.streamId(i++));
            m.put("bytes", s.bytes());
            m.put("retransmits", sender && !udp ? s.retrans() : -1);
            m.put("jitter", s.jitterMs() / 1000);
            m.put("errors", s.lost());
            m.put("packets", s.packets());
            m.put("start_time", 0);
            m.put("end_time", s.end());
            l.add(m);
        }
        j.put("streams", l);
        return j;
    }

    /** The peer's results as summary sides, in stream order. */
    @SuppressWarnings("unchecked")
    static List<Iperf3Report.Side> sides(Object results, List<Iperf3Stream> ss) {
        List<Iperf3Report.Side> out = new ArrayList<>();
        List<Object> l = results instanceof Map<?, ?> m && m.get("streams") instanceof List<?> x
                ? (List<Object>) x : List.of();
        for (int i = 0; i < ss.size(); i++) {
            Map<?, ?> m = i < l.size() && l.get(i) instanceof Map<?, ?> y ? y : Map.of();
            out.add(new Iperf3Report.Side(ss.get(i).fd, (long) CJson.num(m, "bytes"),
                    Math.max(0, (long) CJson.num(m, "retransmits")), CJson.num(m, "jitter") * 1000,
                    (long) CJson.num(m, "errors"), (long) CJson.num(m, "packets"), CJson.num(m, "end_time")));
        }
        return out;
    }
}
