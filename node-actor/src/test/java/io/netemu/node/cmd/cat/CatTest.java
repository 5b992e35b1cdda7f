package io.netemu.node.cmd.cat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.Commands;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.QueueStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * cat /proc/net/softnet_stat: Linux 6.x's 15 columns (as this machine's file has them), one row
 * per "CPU" = queue index. cat's messages, statuses and options are coreutils 9.1's (checked on
 * this machine).
 */
class CatTest {
    private static final String ZEROS8 = " 00000000".repeat(8);
    private final NetNs ns = new NetNs("t");
    private final NetDev eth0 = ns.addDevice("eth0", DevKind.VETH, 0x020000000001L, 1500);
    private final NetDev eth1 = ns.addDevice("eth1", DevKind.VETH, 0x020000000002L, 1500);

    private CommandResult run(String... args) {
        List<String> argv = new ArrayList<>(List.of("cat"));
        argv.addAll(List.of(args));
        return Commands.lookup("cat").orElseThrow().run(argv, ns);
    }

    private static QueueStats q(long processed, long squeeze) {
        return new QueueStats(processed, 0, 0, 0, processed, squeeze, 0, 0, io.netemu.device.xdp.XdpCounters.ZERO);
    }

    private static String row(String processed, String squeeze, int cpu) {
        return processed + " 00000000 " + squeeze + ZEROS8 + " 00000000 " + String.format("%08x", cpu) + " 00000000 00000000\n";
    }

    @Test
    void oneRowPerQueueIndexSummedOverDevices() {
        assertEquals(CommandResult.ok(row("00000000", "00000000", 0)), run("/proc/net/softnet_stat"));
        ns.setNic(eth0, eth0.nic().withChannels(3));
        ns.setQueueStats(eth0.ifindex(), List.of(q(10, 1), q(255, 0), q(0x1_0000_0005L, 2)));
        ns.setQueueStats(eth1.ifindex(), List.of(q(6, 2)));
        assertEquals(CommandResult.ok(row("00000010", "00000003", 0) + row("000000ff", "00000000", 1)
                + row("00000005", "00000002", 2)), run("/proc/self/net/softnet_stat")); // u32 counters wrap
        String line = run("//proc/./net/../net/softnet_stat").stdout().lines().findFirst().orElseThrow();
        assertEquals(15, line.split(" ").length);
    }

    @Test
    void otherPathsAsCoreutils() {
        assertEquals(new CommandResult(1, "", "cat: /etc/hosts: No such file or directory\n"), run("/etc/hosts"));
        assertEquals(new CommandResult(1, "", "cat: /proc/net: Is a directory\n"), run("/proc/net"));
        assertEquals(new CommandResult(1, "", "cat: /proc/net/softnet_stat/: Not a directory\n"), run("/proc/net/softnet_stat/"));
        assertEquals(new CommandResult(1, "", "cat: '': No such file or directory\n"), run(""));
        assertEquals(new CommandResult(1, "", "cat: 'a b': No such file or directory\n"), run("a b"));
        assertEquals(new CommandResult(1, "", "cat: -n: No such file or directory\n"), run("--", "-n"));
        CommandResult both = run("/proc/net/softnet_stat", "/nope");
        assertEquals(1, both.exit());
        assertEquals(row("00000000", "00000000", 0), both.stdout());
        assertEquals("cat: /nope: No such file or directory\n", both.stderr());
    }

    @Test
    void noStdinReadsAsEmpty() {
        assertEquals(CommandResult.ok(""), run());
        assertEquals(CommandResult.ok(""), run("-"));
    }

    @Test
    void options() {
        assertEquals(CommandResult.ok("     1\t" + row("00000000", "00000000", 0)), run("-n", "/proc/net/softnet_stat"));
        assertEquals(CommandResult.ok(row("00000000", "00000000", 0).replace("\n", "$\n")), run("-A", "/proc/net/softnet_stat"));
        String try_ = "Try 'cat --help' for more information.\n";
        assertEquals(new CommandResult(1, "", "cat: invalid option -- 'x'\n" + try_), run("-x"));
        assertEquals(new CommandResult(1, "", "cat: unrecognized option '--foo'\n" + try_), run("--foo"));
        assertEquals(new CommandResult(1, "", "cat: option '--num' is ambiguous; possibilities: '--number-nonblank' '--number'\n"
                + try_), run("--num"));
        assertEquals(new CommandResult(1, "", "cat: option '--number' doesn't allow an argument\n" + try_), run("--number=3"));
        assertTrue(run("--help").stdout().startsWith("Usage: cat [OPTION]... [FILE]...\n"));
        assertTrue(run("--vers").stdout().startsWith("cat (GNU coreutils) 9.1\n"));
    }
}
