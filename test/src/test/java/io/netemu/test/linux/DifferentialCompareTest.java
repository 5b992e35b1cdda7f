package io.netemu.test.linux;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.StepResult;
import org.junit.jupiter.api.Test;

/** The comparison itself, on made-up outputs (runs anywhere): what counts as a difference and how it reads. */
class DifferentialCompareTest {
    private static final StepSpec.RunStep PING = new StepSpec.RunStep(0, "h1", "ping -t 1 -c 2 10.0.2.2",
            StepSpec.DEFAULT_TIMEOUT_NANOS, null, 7);

    private static final String LINUX = """
            PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.
            From 10.0.1.1 icmp_seq=1 Time to live exceeded
            From 10.0.1.1 icmp_seq=2 Time to live exceeded

            --- 10.0.2.2 ping statistics ---
            2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 201ms
            """;

    private static StepResult result(int exit, String stdout) {
        return new StepResult(PING, exit, stdout, "", 0, 210, null);
    }

    @Test
    void timingAndErrorCountsAreNotDifferences() {
        String netemu = LINUX.replace("time 201ms", "time 204ms").replace("From 10.0.1.1 icmp_seq=2 Time to live exceeded\n", "")
                .replace("+2 errors", "+1 errors");
        assertNull(DifferentialTest.compare(result(1, LINUX), result(1, netemu)));
    }

    @Test
    void aMissingErrorLineIsShownSideBySide() {
        String netemu = """
                PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.

                --- 10.0.2.2 ping statistics ---
                2 packets transmitted, 0 received, 100% packet loss, time 1010ms
                """;
        String diff = DifferentialTest.compare(result(1, LINUX), result(1, netemu));
        System.out.println(diff);
        assertTrue(diff.startsWith("line 7, h1: ping -t 1 -c 2 10.0.2.2\n"), diff);
        assertTrue(diff.contains("ping error lines [Time to live exceeded] in Linux, [] in netemu"), diff);
        assertTrue(diff.contains("ping +errors 2 in Linux, 0 in netemu"), diff);
        assertTrue(diff.contains("From 10.0.1.1 icmp_seq=1 Time to live exceeded"), diff);
    }

    @Test
    void exitAndCountsDiffer() {
        String netemu = LINUX.replace("0 received, +2 errors, 100% packet loss", "2 received, 0% packet loss");
        String diff = DifferentialTest.compare(result(1, LINUX), result(0, netemu));
        System.out.println(diff);
        assertTrue(diff.contains("exit 1 in Linux, 0 in netemu"), diff);
        assertTrue(diff.contains("ping 2 transmitted/0 received in Linux, 2/2 in netemu"), diff);
    }
}
