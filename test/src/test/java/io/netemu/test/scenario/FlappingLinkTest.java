package io.netemu.test.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.test.e2e.Labs;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.run.ReportJson;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A link flapping on {@code every}/{@code until} steps while a ping crosses it, on virtual time
 * so that each repetition happens exactly at its offset: the ping loses what was sent while the
 * cable was out, and the report has one result per repetition.
 */
class FlappingLinkTest {
    @Test
    void aFlappingLinkLosesPingsAndReportsEachRepetition() throws Exception {
        Path file = Path.of(FlappingLinkTest.class.getResource("/labs/flapping.yaml").toURI());
        RunReport r = Labs.runVirtual(LabLoader.load(file).lab());
        assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
        // the ping, then 3 downs, 3 ups, 3 checks while down and 3 while up, in file order
        assertEquals(13, r.steps().size(), () -> Labs.describe(r));
        assertEquals(List.of(0L, 1000L, 3000L, 5000L, 2000L, 4000L, 6000L, 1500L, 3500L, 5500L, 2500L, 4500L, 6500L),
                r.steps().stream().map(StepResult::startedMs).toList(), "each repetition starts at its own offset");
        assertEquals(List.of(1000L, 3000L, 5000L),
                r.steps().subList(1, 4).stream().map(s -> s.step().atNanos() / 1_000_000).toList());

        // 35 echo requests over 7 s, the cable out for 3 of those seconds: about 15 lost
        String ping = r.steps().get(0).stdout();
        Matcher m = Pattern.compile("35 packets transmitted, (\\d+) received").matcher(ping);
        assertTrue(m.find(), ping);
        int received = Integer.parseInt(m.group(1));
        assertTrue(received >= 15 && received <= 24, "received " + received + " of 35:\n" + ping);

        String json = ReportJson.write(r);
        assertTrue(json.contains("\"at_ms\": 5000, \"node\": null, \"run\": null, \"link\": \"h1:eth0\", \"state\": \"down\","
                + " \"repetition\": 2, \"every_ms\": 2000, \"until_ms\": 6000"), json);
    }
}
