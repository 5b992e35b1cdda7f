package io.netemu.test.sock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.test.e2e.Labs;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * nc through a router (issue 8, Sockets): a listener on h2 and a {@code -z} check from h1 succeed; a
 * closed port is refused by a RST, a REJECT by an ICMP port unreachable, both in nc's words; a DROP
 * times out with {@code -w}; UDP to a closed port fails silently; ss shows the listener and the
 * established connection.
 */
class NcLabTest {
    static final String LAB = """
            name: nc-basic
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
                    - iptables -A INPUT -p tcp --dport 81 -j REJECT --reject-with icmp-port-unreachable
                    - iptables -A INPUT -p tcp --dport 82 -j DROP
              links:
                - endpoints: ["h1:eth0", "r1:eth0"]
                - endpoints: ["r1:eth1", "h2:eth0"]
            scenario:
              - {at: 0s, node: h2, run: nc -l -v -n 5001, timeout: 5s}
              - {at: 0.5s, node: h1, run: nc -z -v 10.0.2.2 5001}
              - {at: 0.5s, node: h2, run: nc -l -n 5002, timeout: 5s}
              - {at: 1s, node: h1, run: nc -v 10.0.2.2 5002, timeout: 5s}
              - {at: 1.5s, node: h2, run: ss -tan}
              - {at: 1.5s, node: h1, run: ss -tn}
              - {at: 2s, node: h1, run: nc -z -v 10.0.2.2 80}
              - {at: 2s, node: h1, run: nc -z 10.0.2.2 80}
              - {at: 2s, node: h1, run: nc -z -v 10.0.2.2 81}
              - {at: 2s, node: h1, run: nc -z -v -w 1 10.0.2.2 82}
              - {at: 2s, node: h1, run: nc -z -v -u 10.0.2.2 53}
              - {at: 2s, node: h2, run: nc -u -l 5353, timeout: 5s}
              - {at: 2.5s, node: h1, run: nc -z -v -u 10.0.2.2 5353}
              - {at: 2s, node: h1, run: nc -z -v -w 1 10.0.1.99 80}
              - {at: 2s, node: h1, run: nc -z -v 10.9.9.9 80}
            """;

    static RunReport report;

    @BeforeAll
    static void run() {
        report = Labs.run(Labs.parse("nc-basic", LAB));
    }

    private static StepResult step(int i) {
        return report.steps().get(i);
    }

    @Test
    void listenerAndZeroScanThroughARouter() {
        assertNull(report.error(), () -> Labs.describe(report));
        StepResult scan = step(1);
        assertEquals(0, scan.exit(), () -> Labs.describe(report));
        assertEquals("Connection to 10.0.2.2 5001 port [tcp/*] succeeded!\n", scan.stderr());
        StepResult server = step(0);
        assertEquals(0, server.exit(), () -> Labs.describe(report));
        assertTrue(server.stderr().startsWith("Listening on 0.0.0.0 5001\nConnection received on 10.0.1.2 "),
                server.stderr());
    }

    @Test
    void ssShowsTheListenerAndTheEstablishedConnection() {
        String h2 = step(4).stdout();
        assertTrue(h2.startsWith("State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n"), h2);
        assertTrue(h2.contains("LISTEN 0      1            0.0.0.0:5002      0.0.0.0:*"), h2);
        assertTrue(h2.matches("(?s).*ESTAB  0      0           10\\.0\\.2\\.2:5002     10\\.0\\.1\\.2:\\d{5} *\n.*"), h2);
        String h1 = step(5).stdout();
        assertTrue(h1.matches("(?s).*ESTAB 0      0           10\\.0\\.1\\.2:\\d{5}     10\\.0\\.2\\.2:5002 *\n.*"), h1);
    }

    @Test
    void refusedByRstAndByIcmpPortUnreachable() {
        assertEquals(1, step(6).exit());
        assertEquals("nc: connect to 10.0.2.2 port 80 (tcp) failed: Connection refused\n", step(6).stderr());
        assertEquals(1, step(7).exit());
        assertEquals("", step(7).stderr());
        assertEquals(1, step(8).exit());
        assertEquals("nc: connect to 10.0.2.2 port 81 (tcp) failed: Connection refused\n", step(8).stderr());
    }

    @Test
    void dropTimesOutWithW() {
        assertEquals(1, step(9).exit());
        assertEquals("nc: connect to 10.0.2.2 port 82 (tcp) timed out: Operation now in progress\n", step(9).stderr());
        assertEquals(1, step(13).exit());
        assertEquals("nc: connect to 10.0.1.99 port 80 (tcp) timed out: Operation now in progress\n", step(13).stderr());
    }

    @Test
    void udp() {
        assertEquals(1, step(10).exit(), () -> Labs.describe(report));
        assertEquals("", step(10).stderr());
        assertEquals(0, step(12).exit(), () -> Labs.describe(report));
        assertEquals("Connection to 10.0.2.2 5353 port [udp/mdns] succeeded!\n", step(12).stderr());
    }

    @Test
    void noRoute() {
        assertEquals(1, step(14).exit());
        assertEquals("nc: connect to 10.9.9.9 port 80 (tcp) failed: Network is unreachable\n", step(14).stderr());
    }
}
