package io.netemu.test.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.node.cmd.CommandResult;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class Iperf3SmokeTest {
    @Test
    void smoke() {
        try (VirtualChain c = new VirtualChain(2)) {
            c.ok(0, "tc qdisc add dev eth0 root handle 1: netem delay 10ms");
            c.ok(0, "tc qdisc add dev eth0 parent 1:1 handle 10: tbf rate 100mbit burst 32kbit latency 20ms");
            c.ok(1, "tc qdisc add dev eth0 root netem delay 10ms");
            AtomicReference<CommandResult> srv = c.start(1, "iperf3 -s -1");
            long t0 = System.nanoTime();
            CommandResult r = c.run(0, "iperf3 -c " + c.far() + " -t 3", 30_000_000_000L);
            System.out.println(r.stdout() + r.stderr() + "\nwall " + (System.nanoTime() - t0) / 1e9);
            CommandResult s = c.await(srv, 5_000_000_000L);
            System.out.println(s.stdout() + s.stderr());
            assertEquals(0, r.exit());
        }
    }
}
