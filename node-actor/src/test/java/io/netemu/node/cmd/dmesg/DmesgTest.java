package io.netemu.node.cmd.dmesg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dmesg over the namespace's kernel log, with util-linux 2.38.1's messages and statuses. */
class DmesgTest {
    private final NetNs ns = new NetNs("t");

    private CommandResult run(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("dmesg"));
        argv.addAll(List.of(args));
        return new Dmesg().run(argv, ns);
    }

    @Test
    void printsTheLinesWithTheirStampsAndClearsOnRequest() {
        ns.klog().log(12_345_678_901L, "PING: IN=eth0 OUT= ");
        ns.klog().log(13_000_000_000L, "x_tables: ip_tables: MASQUERADE target: only valid in nat table, not filter");
        String both = "[   12.345678] PING: IN=eth0 OUT= \n"
                + "[   13.000000] x_tables: ip_tables: MASQUERADE target: only valid in nat table, not filter\n";
        assertEquals(both, run().stdout());
        assertEquals(both, run("-c").stdout());
        assertEquals("", run().stdout());
        ns.klog().log(1, "a");
        assertEquals(new CommandResult(0, "", ""), run("-C"));
        assertEquals("", run().stdout());
    }

    @Test
    void badOptionsAnswerAsUtilLinux() {
        assertEquals(new CommandResult(1, "", "dmesg: unrecognized option '--foo'\nTry 'dmesg --help' for more information.\n"),
                run("--foo"));
        assertEquals(new CommandResult(1, "", "dmesg: invalid option -- 'Q'\nTry 'dmesg --help' for more information.\n"),
                run("-Q"));
        assertEquals(new CommandResult(1, "", "dmesg: bad usage\nTry 'dmesg --help' for more information.\n"), run("foo"));
        assertEquals("dmesg from util-linux 2.38.1\n", run("-V").stdout());
    }
}
