package io.netemu.node.cmd.tc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.qdisc.QdiscSpec;
import io.netemu.device.qdisc.QdiscStats;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.Commands;
import io.netemu.stack.DevEffect;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * tc qdisc against the outputs of iproute2 6.1 on Linux 6.18 (a scratch netns: lo up, a veth
 * pair {@code va}/{@code vb} with va up): noqueue/noop lines, -s counters, the kernel's errors.
 */
class TcCommandTest {
    private final NetNs ns = new NetNs("t");
    private final NetDev lo = ns.devs().byName("lo");
    private final NetDev va = ns.addDevice("va", DevKind.VETH, 0x020000000001L, 1500);
    private final NetDev vb = ns.addDevice("vb", DevKind.VETH, 0x020000000002L, 1500);

    TcCommandTest() {
        ns.linkSetUp(lo, true);
        ns.linkSetUp(va, true);
        ns.drainEffects();
    }

    private CommandResult tc(String line) {
        List<String> argv = new ArrayList<>(List.of(line.split(" ")));
        return Commands.lookup("tc").orElseThrow().run(argv, ns);
    }

    private static CommandResult err(int exit, String stderr) {
        return new CommandResult(exit, "", stderr);
    }

    @Test
    void defaultQdiscsAsLinuxShowsThem() {
        assertEquals(CommandResult.ok("qdisc noqueue 0: dev lo root refcnt 2 \nqdisc noqueue 0: dev va root refcnt 2 \n"),
                tc("tc qdisc show"));
        assertEquals(CommandResult.ok("qdisc noqueue 0: root refcnt 2 \n"), tc("tc qdisc show dev va"));
        assertEquals(CommandResult.ok(""), tc("tc qdisc show dev vb"), "noop is not dumped");
        assertEquals(CommandResult.ok("qdisc noqueue 0: root refcnt 2 \n"
                        + " Sent 0 bytes 0 pkt (dropped 0, overlimits 0 requeues 0) \n"
                        + " backlog 0b 0p requeues 0\n"),
                tc("tc -s qdisc show dev va"));
        assertEquals(CommandResult.ok(tc("tc qdisc show").stdout()), tc("tc qdisc"));
    }

    @Test
    void addShowChangeDelete() {
        assertEquals(CommandResult.ok(""),
                tc("tc qdisc add dev va root netem delay 100ms 10ms loss 30% duplicate 1 corrupt 0.1% rate 100mbit"));
        assertEquals(List.of(new DevEffect.Qdisc(va.ifindex(), new QdiscSpec(0x8001,
                new NetemConfig(100_000_000, 10_000_000, 30, 100_000_000, 0.1, 1, 1000), null))), ns.drainEffects());
        assertEquals(CommandResult.ok("qdisc netem 8001: root refcnt 2 limit 1000 delay 100ms  10ms loss 30% "
                + "duplicate 1% corrupt 0.1% rate 100Mbit\n"), tc("tc qdisc show dev va"));
        assertEquals(err(2, "Error: Exclusivity flag on, cannot modify.\n"), tc("tc qdisc add dev va root netem delay 1ms"));

        assertEquals(0, tc("tc qdisc change dev va root netem limit 50 delay 1.5ms rate 1000bps").exit());
        assertEquals("qdisc netem 8001: dev va root refcnt 2 limit 50 delay 1.5ms rate 8Kbit\n",
                tc("tc qdisc show").stdout().lines().filter(l -> l.contains("netem")).findFirst().orElseThrow() + "\n");
        assertEquals(new DevEffect.Qdisc(va.ifindex(), new QdiscSpec(0x8001, new NetemConfig(1_499_968, 0, 0, 8000, 0, 0, 50), null)),
                ns.drainEffects().get(0), "1.5ms as psched ticks, as tc's get_ticks gives it");

        ns.setQdiscStats(va.ifindex(), new QdiscStats(1176, 12, 1, 0, 0, 98, 1, 1, 0, 0, 0, 0x8001, null));
        assertEquals(CommandResult.ok("qdisc netem 8001: root refcnt 2 limit 50 delay 1.5ms rate 8Kbit\n"
                        + " Sent 1176 bytes 12 pkt (dropped 1, overlimits 0 requeues 0) \n"
                        + " backlog 98b 1p requeues 0\n"),
                tc("tc -s qdisc show dev va"));

        assertEquals(CommandResult.ok(""), tc("tc qdisc del dev va root"));
        assertEquals(List.of(new DevEffect.Qdisc(va.ifindex(), null)), ns.drainEffects());
        assertNull(va.netem());
        assertEquals("noqueue", va.qdisc());
        assertEquals(err(2, "Error: Cannot delete qdisc with handle of zero.\n"), tc("tc qdisc del dev va root"));

        assertEquals(0, tc("tc qdisc replace dev va root netem delay 1s").exit());
        assertEquals("qdisc netem 8002: root refcnt 2 limit 1000 delay 1s\n", tc("tc qdisc show dev va").stdout(),
                "a new qdisc, a new handle");
        assertEquals(0, tc("tc qdisc replace dev va root netem delay 10us").exit());
        // 10us is 156 psched ticks (156.25 truncated), shown again as 9us: tc 6.1's tick arithmetic (tc_core.c)
        assertEquals("qdisc netem 8002: root refcnt 2 limit 1000 delay 9us\n", tc("tc qdisc show dev va").stdout());
        assertEquals(0, tc("tc qdisc replace dev va root netem rate 1gbit").exit());
        assertEquals("qdisc netem 8002: root refcnt 2 limit 1000 rate 1Gbit\n", tc("tc qdisc show dev va").stdout());
    }

    @Test
    void errorsAsTcGivesThem() {
        assertEquals(err(1, "Cannot find device \"nosuch\"\n"), tc("tc qdisc show dev nosuch"));
        assertEquals(err(1, "Cannot find device \"nosuch\"\n"), tc("tc qdisc add dev nosuch root netem delay 1ms"));
        assertEquals(err(1, "Illegal \"latency\"\n"), tc("tc qdisc add dev va root netem delay xx"));
        assertEquals(err(1, "Illegal \"loss percent\"\n"), tc("tc qdisc add dev va root netem loss 200%"));
        assertEquals(err(1, "Illegal \"rate\"\n"), tc("tc qdisc add dev va root netem rate xx"));
        assertEquals(err(1, "Illegal \"limit\"\n"), tc("tc qdisc add dev va root netem limit x"));
        CommandResult what = tc("tc qdisc add dev va root netem foo");
        assertEquals(1, what.exit());
        assertTrue(what.stderr().startsWith("What is \"foo\"?\nUsage: ... netem [ limit PACKETS ]\n"), what.stderr());
        assertEquals(err(2, "Error: Specified qdisc kind is unknown.\n"), tc("tc qdisc add dev va root"));
        assertEquals(err(2, "Error: Handle cannot be zero.\n"), tc("tc qdisc add dev va"));
        assertEquals(err(2, "RTNETLINK answers: No such device\n"), tc("tc qdisc add root netem"));
        assertEquals(err(2, "Error: Qdisc not found. To create specify NLM_F_CREATE flag.\n"),
                tc("tc qdisc change dev va root netem delay 1ms"));
        assertEquals(err(255, "Command \"frob\" is unknown, try \"tc qdisc help\".\n"), tc("tc qdisc frob"));
        assertEquals(err(255, "Object \"foo\" is unknown, try \"tc help\".\n"), tc("tc foo"));
        assertEquals(err(255, "Command line is not complete. Try option \"help\"\n"), tc("tc qdisc show dev"));
        assertEquals(List.of(), ns.drainEffects());
    }

    @Test
    void whatNetemuDoesNotEmulateIsRefused() {
        for (String line : List.of("tc qdisc add dev va root htb",
                "tc qdisc add dev va root netem loss gemodel 1%",
                "tc qdisc add dev va root netem ecn",
                "tc qdisc add dev va root netem slot 10ms",
                "tc qdisc add dev lo root netem delay 1ms",
                "tc class show dev va",
                "tc filter show dev va")) {
            CommandResult r = tc(line);
            assertEquals(2, r.exit(), line);
            assertTrue(r.stderr().startsWith("Error: netemu: ") && r.stderr().endsWith(" is not supported yet.\n"),
                    line + ": " + r.stderr());
        }
        assertNull(va.netem());
        assertEquals(List.of(), ns.drainEffects());
    }

    @Test
    void unitsAsTcPrintsThem() {
        assertEquals("100ms", TcUnits.time(TcUnits.time("100ms")));
        assertEquals("1.5ms", TcUnits.time(TcUnits.time("1.5ms")));
        assertEquals("10us", TcUnits.time(TcUnits.time("10us")));
        assertEquals("1s", TcUnits.time(TcUnits.time("1s")));
        assertEquals("1.23s", TcUnits.time(1_234_000_000L));
        assertEquals("100Mbit", TcUnits.rate(TcUnits.rateBytes("100mbit")));
        assertEquals("1Gbit", TcUnits.rate(TcUnits.rateBytes("1gbit")));
        assertEquals("8Kbit", TcUnits.rate(TcUnits.rateBytes("8kbit")));
        assertEquals("8Kbit", TcUnits.rate(TcUnits.rateBytes("1000bps")));
        assertEquals("1500Kbit", TcUnits.rate(TcUnits.rateBytes("1.5mbit")));
        assertEquals(30.0, TcUnits.percent("30%"));
        assertEquals(30.0, TcUnits.percent("30"));
        assertTrue(Double.isNaN(TcUnits.percent("101%")));
        assertEquals("0.1%", TcUnits.percent(0.1));
        assertEquals("10Kb", TcUnits.size(10240));
        assertEquals("1514b", TcUnits.size(1514));
    }

    @Test
    void aLabLinksNetemIsShown() {
        ns.attachQdisc(vb, new NetemConfig(5_000_000, 0, 1, 0, 0, 0, 1000));
        assertEquals(List.of(), ns.drainEffects(), "the device actor was born with it");
        assertEquals("qdisc netem 8001: root refcnt 2 limit 1000 delay 5ms loss 1%\n", tc("tc qdisc show dev vb").stdout());
    }
}
