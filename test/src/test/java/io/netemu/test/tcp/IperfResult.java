package io.netemu.test.tcp;

import io.netemu.node.cmd.iperf3.CJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The numbers the tests read from an iperf3 {@code -J} document, real iperf3's or netemu's alike
 * (one parser for both, so a field netemu names differently fails here).
 */
record IperfResult(double sentBps, double receivedBps, long sentBytes, long receivedBytes, long retransmits,
                   List<Long> streamReceivedBytes, String congestion) {

    static IperfResult parse(String json) {
        Map<?, ?> doc = (Map<?, ?>) CJson.parse(json);
        if (doc.get("error") != null) {
            throw new AssertionError("iperf3 error: " + doc.get("error"));
        }
        Map<?, ?> end = (Map<?, ?>) doc.get("end");
        Map<?, ?> sent = (Map<?, ?>) end.get("sum_sent");
        Map<?, ?> recv = (Map<?, ?>) end.get("sum_received");
        List<Long> per = new ArrayList<>();
        for (Object s : (List<?>) end.get("streams")) {
            Map<?, ?> r = (Map<?, ?>) ((Map<?, ?>) s).get("receiver");
            per.add(((Number) r.get("bytes")).longValue());
        }
        return new IperfResult(num(sent, "bits_per_second"), num(recv, "bits_per_second"),
                (long) num(sent, "bytes"), (long) num(recv, "bytes"), (long) num(sent, "retransmits"), per,
                (String) end.get("sender_tcp_congestion"));
    }

    private static double num(Map<?, ?> m, String k) {
        Object v = m.get(k);
        if (!(v instanceof Number n)) {
            throw new AssertionError("no number " + k + " in " + m);
        }
        return n.doubleValue();
    }
}
