package io.netemu.test.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netemu console LAB} driven through a pipe, as a script would: one command a line, each
 * one's output printed, the exit status of the last; the scenario does not run without
 * {@code --scenario}.
 */
class ConsoleCliTest {
    @TempDir
    Path dir;

    private static final String LAB = """
            name: trio
            topology:
              nodes:
                h1:
                  exec:
                    - ip addr add 10.0.1.2/24 dev eth0
                    - ip route add default via 10.0.1.1
                r1:
                  sysctl: {net.ipv4.ip_forward: 1}
                  exec:
                    - ip addr add 10.0.1.1/24 dev eth0
                    - ip addr add 10.0.2.1/24 dev eth1
                h2:
                  exec:
                    - ip addr add 10.0.2.2/24 dev eth0
                    - ip route add default via 10.0.2.1
              links:
                - endpoints: ["h1:eth0", "r1:eth0"]
                - endpoints: ["r1:eth1", "h2:eth0"]
            scenario:
              - node: h1
                run: echo the scenario ran
            """;

    @Test
    void commandsFromStdinRunOnTheBootedLab() throws Exception {
        Files.writeString(dir.resolve("trio.yaml"), LAB);
        CliProcess.Result r = CliProcess.runWithInput(dir, "nodes\nh1 ping -c 1 h2\nlinks\nexit\n", "console", "trio.yaml");
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("available nodes are:\nh1 r1 h2\n"), r.stdout());
        // h2 stands for its first address, as in Mininet
        assertTrue(r.stdout().contains("PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data."), r.stdout());
        assertTrue(r.stdout().contains("1 packets transmitted, 1 received, 0% packet loss"), r.stdout());
        assertTrue(r.stdout().contains("h1:eth0 <-> r1:eth0 (up)\nr1:eth1 <-> h2:eth0 (up)\n"), r.stdout());
        assertFalse(r.stdout().contains("the scenario ran"), "no scenario without --scenario:\n" + r.stdout());
    }

    @Test
    void faultsDumpAndTheLastStatus() throws Exception {
        Files.writeString(dir.resolve("trio.yaml"), LAB);
        CliProcess.Result r = CliProcess.runWithInput(dir, """
                link r1:eth1 down
                links
                h1 ping -c 1 -W 1 h2
                link r1:eth1 up
                crash r1
                links
                nodes
                restart r1
                dump
                r1 iptables -L -v -n
                h1 ping -c 1 -W 1 10.0.2.2
                """, "console", "--scenario", "trio.yaml");
        assertEquals(0, r.exit(), "the last command's status:\n" + r.stdout() + r.stderr());
        String out = r.stdout();
        assertTrue(out.contains("r1:eth1 <-> h2:eth0 (down)"), out);
        assertTrue(out.contains("1 packets transmitted, 0 received, 100% packet loss"), out);
        assertTrue(out.contains("h1:eth0 <-> r1:eth0 (r1 crashed)"), out);
        assertTrue(out.contains("h1 r1 (down) h2"), out);
        assertTrue(out.contains("r1 (linux):\n  lo "), out);
        assertTrue(out.contains("10.0.2.1/24"), out);
        assertTrue(out.contains("Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)"), out);
        assertTrue(out.contains("1 packets transmitted, 1 received"), out);
        assertTrue(out.contains("the scenario ran"), "--scenario runs it:\n" + out);

        CliProcess.Result bad = CliProcess.runWithInput(dir, "frobnicate\n", "console", "trio.yaml");
        assertEquals(127, bad.exit());
        assertTrue(bad.stderr().contains("*** unknown command: frobnicate"), bad.stderr());
        CliProcess.Result failing = CliProcess.runWithInput(dir, "h1 ping -c 1 -W 1 10.0.9.9\n", "console", "trio.yaml");
        assertEquals(1, failing.exit(), failing.stdout() + failing.stderr());
    }
}
