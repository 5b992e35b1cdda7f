package io.netemu.test.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netemu} as a user runs it: exit statuses, messages that name the place, the JSON report. */
class CliTest {
    @TempDir
    Path dir;

    private static final String GOOD = """
            name: pair
            topology:
              nodes:
                a:
                  exec:
                    - ip addr add 10.9.0.1/24 dev eth0
                b:
                  exec:
                    - ip addr add 10.9.0.2/24 dev eth0
              links:
                - endpoints: ["a:eth0", "b:eth0"]
            scenario:
              - node: a
                run: ping -c 2 -i 0.2 10.9.0.2
                expect: {exit: 0, stdout: "2 received"}
              - at: 1s
                node: b
                run: ip -br addr show dev eth0
                expect: {stdout: "10.9.0.2/24"}
              - at: 1s
                node: b
                run: frobnicate --now
                expect: {exit: 127}
            """;

    @Test
    void versionAndHelp() throws Exception {
        CliProcess.Result v = CliProcess.run(dir, "--version");
        assertEquals(0, v.exit());
        assertTrue(v.stdout().startsWith("netemu "), v.stdout());
        CliProcess.Result h = CliProcess.run(dir, "--help");
        assertEquals(0, h.exit());
        assertTrue(h.stdout().contains("run") && h.stdout().contains("validate"), h.stdout());
    }

    @Test
    void runPrintsStepsAndWritesTheReport() throws Exception {
        Files.writeString(dir.resolve("pair.yaml"), GOOD);
        CliProcess.Result r = CliProcess.run(dir, "run", "pair.yaml", "--report", "out.json");
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("a: ping -c 2 -i 0.2 10.9.0.2 -> exit 0  [ok]"), r.stdout());
        assertTrue(r.stdout().contains("frobnicate: command not found"), r.stdout());
        String json = Files.readString(dir.resolve("out.json"));
        assertTrue(json.contains("\"name\": \"pair\""), json);
        assertTrue(json.contains("\"ok\": true"), json);
        assertTrue(json.contains("\"run\": \"frobnicate --now\", \"exit\": 127"), json);
        assertTrue(json.contains("\"expect_ok\": true"), json);
    }

    @Test
    void genWritesALabThatRunsWithItsRoutes() throws Exception {
        CliProcess.Result g = CliProcess.run(dir, "gen", "fattree", "--k", "4", "--ping-sample", "5", "-o", "ft4.yaml");
        assertEquals(0, g.exit(), g.stdout() + g.stderr());
        CliProcess.Result r = CliProcess.run(dir, "run", "-q", "ft4.yaml");
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("5 expectations, 5 held"), r.stdout());
        CliProcess.Result bad = CliProcess.run(dir, "gen", "fattree", "--k", "3");
        assertEquals(2, bad.exit(), bad.stdout() + bad.stderr());
        assertTrue(bad.stderr().contains("--k must be an even number"), bad.stderr());
        CliProcess.Result routing = CliProcess.run(dir, "run", "--routing", "bogus", "ft4.yaml");
        assertEquals(2, routing.exit());
        assertTrue(routing.stderr().contains("expected one of none, shortest-path"), routing.stderr());
    }

    @Test
    void aFailedExpectationExitsOne() throws Exception {
        Files.writeString(dir.resolve("pair.yaml"), GOOD.replace("expect: {exit: 127}", "expect: {exit: 0}"));
        CliProcess.Result r = CliProcess.run(dir, "run", "pair.yaml", "--report", "out.json");
        assertEquals(1, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("[FAILED: expected exit 0]"), r.stdout());
        assertTrue(Files.readString(dir.resolve("out.json")).contains("\"ok\": false"));
    }

    @Test
    void aBadLabFileExitsTwoWithThePlaceAndTheFix() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), GOOD.replace("\"b:eth0\"]", "\"c:eth0\"]"));
        CliProcess.Result v = CliProcess.run(dir, "validate", "bad.yaml");
        assertEquals(2, v.exit());
        assertTrue(v.stderr().contains("bad.yaml:11:29: link endpoint \"c:eth0\": no node c in topology.nodes"), v.stderr());
        CliProcess.Result r = CliProcess.run(dir, "run", "bad.yaml", "--report", "bad.json");
        assertEquals(2, r.exit());
        String json = Files.readString(dir.resolve("bad.json"));
        assertTrue(json.contains("\"ok\": false") && json.contains("\"error\": \"bad.yaml:11:29:"), json);
    }

    @Test
    void aFailingExecLineStopsTheBootWithFileLineNodeAndMessage() throws Exception {
        Files.writeString(dir.resolve("boot.yaml"), GOOD.replace("ip addr add 10.9.0.2/24 dev eth0", "ip addr add 10.9.0.2/24 dev eth7"));
        CliProcess.Result r = CliProcess.run(dir, "run", "boot.yaml");
        assertEquals(2, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("boot.yaml:9: node b: exec line 1 'ip addr add 10.9.0.2/24 dev eth7' failed (exit 1): Cannot find device \"eth7\""),
                r.stderr());
    }
}
