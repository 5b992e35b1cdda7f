package io.netemu.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.StepResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The console's progress bar and live step lines, on a terminal and on a pipe. */
class ConsoleListenerTest {
    private static final StepSpec PING = new StepSpec.RunStep(0, "h1", "ping -c 3 10.0.2.2", StepSpec.DEFAULT_TIMEOUT_NANOS, null, 1);

    @Test
    void aTerminalGetsABarAndLiveLinesRedrawnInPlace() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleListener l = new ConsoleListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, true);
        l.bootStarted("big", 100, 99);
        for (int i = 1; i <= 100; i++) {
            l.nodeBooted("n" + i, i, 100);
        }
        l.bootEnded(1234);
        l.stepStarted(0, PING, 3200);
        Thread.sleep(450); // the ticker redraws every 200 ms
        l.stepEnded(new StepResult(PING, 0, "3 received\n", "", 3200, 5200, null));
        l.close();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("booting [##############################] 100/100 nodes"), out);
        assertTrue(out.contains("[  3.200s] h1: ping -c 3 10.0.2.2 (running "), out);
        assertTrue(out.contains("\033[1F\033[J"), "the block is redrawn in place: " + out);
        assertTrue(out.contains("[  3.200s] h1: ping -c 3 10.0.2.2 -> exit 0\n    3 received\n"), out);
        assertTrue(out.contains("boot done in 1234 ms"), out);
    }

    @Test
    void aPipeGetsPlainLinesOnly() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleListener l = new ConsoleListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, false);
        l.bootStarted("big", 100, 99);
        for (int i = 1; i <= 100; i++) {
            l.nodeBooted("n" + i, i, 100);
        }
        l.bootEnded(10);
        l.stepStarted(0, PING, 0);
        l.stepEnded(new StepResult(PING, 0, "", "", 0, 10, null));
        l.close();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("\033"), out);
        assertTrue(out.lines().count() <= 4, "a fast boot of 100 nodes prints no line per node: " + out);
    }
}
