package io.netemu.test.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parser on iputils output captured from real runs (runs anywhere: no namespaces needed). */
class PingSummaryTest {

    @Test
    void allAnswered() {
        String out = """
                PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.
                64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.284 ms
                64 bytes from 10.0.0.2: icmp_seq=2 ttl=64 time=0.054 ms

                --- 10.0.0.2 ping statistics ---
                3 packets transmitted, 3 received, 0% packet loss, time 2003ms
                rtt min/avg/max/mdev = 0.054/0.169/0.284/0.115 ms
                """;
        assertEquals(new PingSummary(3, 3, 0, 0, 0), PingSummary.parse(out));
        assertEquals(Set.of(), PingSummary.errorKinds(out, ""));
    }

    @Test
    void errorsAndTheirKinds() {
        String out = """
                PING 10.0.2.2 (10.0.2.2) 1400(1428) bytes of data.
                From 10.0.1.1 icmp_seq=1 Frag needed and DF set (mtu = 1000)

                --- 10.0.2.2 ping statistics ---
                2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 203ms

                """;
        String err = "ping: local error: message too long, mtu=1000\n";
        assertEquals(new PingSummary(2, 0, 0, 0, 2), PingSummary.parse(out));
        assertEquals(Set.of("Frag needed and DF set (mtu = 1000)", "local error: message too long, mtu=1000"),
                PingSummary.errorKinds(out, err));
    }

    @Test
    void duplicatesAndLossWithoutTime() {
        String out = "5 packets transmitted, 4 received, +1 duplicates, +2 errors, 20% packet loss\n";
        assertEquals(new PingSummary(5, 4, 1, 0, 2), PingSummary.parse(out));
        assertEquals(Set.of("Destination Host Unreachable"),
                PingSummary.errorKinds("From 10.0.0.1 icmp_seq=1 Destination Host Unreachable\n" + out, ""));
    }

    @Test
    void noStatisticsLine() {
        String out = "";
        assertFalse(PingSummary.present(out));
        assertThrows(IllegalArgumentException.class, () -> PingSummary.parse("ping: unknown host nowhere\n"));
    }
}
