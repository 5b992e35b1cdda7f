package io.netemu.node.cmd.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.NetnsOp;
import io.netemu.node.cmd.NetnsOps;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.util.ArrayList;
import java.util.List;

/**
 * The namespace the {@code ip} tests start from, as a lab would leave node h1 of
 * {@code h1:eth0 -- r1:eth0}: lo up, eth0 a veth up with carrier, peer ifindex 2 in r1.
 * Expected outputs in these tests were taken from iproute2 6.1 on Linux 6.x in a real netns
 * set up the same way (with IPv6 disabled, as netemu has no IPv6).
 */
final class IpFixture {
    static final long ETH0_MAC = 0x02000000000aL;

    private IpFixture() {}

    static NetNs h1() {
        NetNs ns = new NetNs("h1");
        // Linux gives lo a txqueuelen of 1000 (DEFAULT_TX_QUEUE_LEN); see the note in the report.
        ns.devs().byName("lo").setTxqueuelen(1000);
        NetDev eth0 = ns.addDevice("eth0", DevKind.VETH, ETH0_MAC, 1500);
        eth0.setPeer(2, "r1");
        eth0.setCarrier(true);
        ns.linkSetUp(eth0, true);
        return ns;
    }

    /** Runs one {@code ip ...} line, split as a shell splits simple quoted words. */
    static CommandResult ip(NetNs ns, String line) {
        return new IpCommand(() -> 0L).run(words(line), ns);
    }

    /** One run's result and the work it recorded for other namespaces ({@link NetnsOp}s, not carried out). */
    record Ran(CommandResult result, List<NetnsOp> ops) {}

    /** Runs one {@code ip ...} line, keeping the ops it records. */
    static Ran run(NetNs ns, String line) {
        NetnsOps ops = new NetnsOps();
        CommandResult r = new IpCommand(() -> 0L, ops).run(words(line), ns);
        return new Ran(r, ops.list());
    }

    /** Success with no output of its own, having recorded exactly {@code ops}. */
    static void records(Ran ran, NetnsOp... ops) {
        ok(ran.result(), "");
        assertEquals(List.of(ops), ran.ops(), "ops");
    }

    /** A refusal made here: exit status and stderr, nothing printed, nothing recorded. */
    static void refused(Ran ran, int exit, String stderr) {
        fails(ran.result(), exit, stderr);
        assertEquals(List.of(), ran.ops(), "ops");
    }

    /** netemu's plain refusal of something Linux does ({@link IpCommand#unsupported}), with nothing recorded. */
    static void unsupported(Ran ran) {
        String err = ran.result().stderr();
        assertEquals(2, ran.result().exit(), err);
        assertTrue(err.startsWith("Error: netemu: ") && err.endsWith(" is not supported yet.\n"), err);
        assertEquals(List.of(), ran.ops(), "ops");
    }

    static void check(CommandResult r, int exit, String stdout, String stderr) {
        assertEquals(stdout, r.stdout(), "stdout");
        assertEquals(stderr, r.stderr(), "stderr");
        assertEquals(exit, r.exit(), "exit status");
    }

    /** Success with exactly this on stdout and nothing on stderr. */
    static void ok(CommandResult r, String stdout) {
        check(r, 0, stdout, "");
    }

    static void fails(CommandResult r, int exit, String stderr) {
        check(r, exit, "", stderr);
    }

    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean in = false;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                in = true;
            } else if (c == ' ') {
                if (in) {
                    out.add(w.toString());
                    w.setLength(0);
                    in = false;
                }
            } else {
                w.append(c);
                in = true;
            }
        }
        if (in) {
            out.add(w.toString());
        }
        return out;
    }
}
