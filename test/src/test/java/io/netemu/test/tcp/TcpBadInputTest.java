package io.netemu.test.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 8's bad input, injected as raw frames into an established client: RSTs out of the window are
 * dropped, in the window but not exact they get one challenge ACK (RFC 5961 §3.2; a storm gets one
 * and counts the rest as TCPACKSkippedChallenge, tcp_invalid_ratelimit), the exact one resets
 * (ECONNRESET); an option of length 0 or 1 or running past the header ends option parsing and the
 * data is still taken; a data offset below 5 is a counted bad segment (TcpInErrs), one past the
 * segment a silent discard. In every case the actors live on, and the result equals what Linux 6.18
 * did with the same frames ({@link BadTcpCase#linux}).
 */
class TcpBadInputTest {
    @ParameterizedTest
    @EnumSource(BadTcpCase.class)
    void asLinux(BadTcpCase k) {
        try (BadTcpLab lab = new BadTcpLab()) {
            BadTcpLab.Outcome o = lab.run(k);
            System.out.println("TcpBadInputTest " + k.id + ": " + o);
            assertEquals(BadTcpCase.comparable(k.linux), BadTcpCase.comparable(o.toString()), k.id + ": netemu " + o);
            // the namespace still answers: nothing in it died on the way
            lab.chain.ok(0, "ss -tan");
        }
    }
}
