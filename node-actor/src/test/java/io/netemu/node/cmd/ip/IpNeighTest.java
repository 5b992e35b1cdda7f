package io.netemu.node.cmd.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ip neigh} output and errors, byte for byte as iproute2 6.1 on Linux 6.18 printed them. */
class IpNeighTest {
    static final long S = 1_000_000_000L;
    static final IpOptions TEXT = IpOptions.DEFAULT;
    static final IpOptions JSON = new IpOptions(false, false, 0, false, true, false, false, false);
    static final IpOptions PRETTY = new IpOptions(false, false, 0, false, true, true, false, false);
    static final IpOptions STATS = new IpOptions(false, false, 1, false, false, false, false, false);
    static final IpOptions BRIEF = new IpOptions(false, false, 0, false, false, false, true, false);

    final NetNs ns = new NetNs("a");
    long now;
    final IpNeigh neigh = new IpNeigh(() -> now);

    CommandResult ip(IpOptions o, String args) {
        return neigh.run(o, args.isEmpty() ? List.of() : Arrays.asList(args.split(" ")), ns);
    }

    String out(IpOptions o, String args) {
        CommandResult r = ip(o, args);
        assertEquals("", r.stderr());
        assertEquals(0, r.exit());
        return r.stdout();
    }

    void fails(int exit, String stderr, String args) {
        CommandResult r = ip(TEXT, args);
        assertEquals(stderr, r.stderr());
        assertEquals(exit, r.exit());
        assertEquals("", r.stdout());
    }

    @BeforeEach
    void table() {
        ns.addDevice("eth0", DevKind.VETH, 0x02_00_00_00_00_0aL, 1500);
        out(TEXT, "add 10.0.0.5 lladdr 02:00:00:00:00:05 dev eth0");
        out(TEXT, "add 10.0.0.6 lladdr 02:00:00:00:00:06 dev eth0 nud reachable");
        out(TEXT, "add 10.0.0.7 lladdr 02:00:00:00:00:07 dev eth0 nud stale");
        out(TEXT, "add 10.0.0.8 lladdr 02:00:00:00:00:08 dev eth0 nud noarp");
        ns.neigh().resolve(2, 0x0A000009, null, 0);
    }

    @Test
    void showListsAllButNoarpWithATrailingSpace() {
        assertEquals("""
                10.0.0.5 dev eth0 lladdr 02:00:00:00:00:05 PERMANENT\s
                10.0.0.6 dev eth0 lladdr 02:00:00:00:00:06 REACHABLE\s
                10.0.0.7 dev eth0 lladdr 02:00:00:00:00:07 STALE\s
                10.0.0.9 dev eth0 INCOMPLETE\s
                """, out(TEXT, ""));
        assertEquals(out(TEXT, ""), out(TEXT, "show"));
        assertEquals(out(TEXT, ""), out(TEXT, "ls"));
    }

    @Test
    void failedEntriesShowWithoutAddress() {
        for (long s = 1; s <= 3; s++) {
            ns.neigh().tick(s * S);
        }
        assertEquals("10.0.0.9 dev eth0 FAILED \n", out(TEXT, "show nud failed"));
    }

    @Test
    void filters() {
        assertEquals("""
                10.0.0.5 lladdr 02:00:00:00:00:05 PERMANENT\s
                10.0.0.6 lladdr 02:00:00:00:00:06 REACHABLE\s
                10.0.0.7 lladdr 02:00:00:00:00:07 STALE\s
                10.0.0.9 INCOMPLETE\s
                """, out(TEXT, "show dev eth0"));
        assertEquals("10.0.0.7 dev eth0 lladdr 02:00:00:00:00:07 STALE \n", out(TEXT, "show nud stale"));
        assertEquals("10.0.0.7 dev eth0 lladdr 02:00:00:00:00:07 STALE \n", out(TEXT, "show nud 4"));
        assertEquals(5, out(TEXT, "show nud all").lines().count());
        assertEquals("10.0.0.8 dev eth0 lladdr 02:00:00:00:00:08 NOARP \n", out(TEXT, "show nud noarp"));
        assertEquals("""
                10.0.0.6 dev eth0 lladdr 02:00:00:00:00:06 REACHABLE\s
                10.0.0.7 dev eth0 lladdr 02:00:00:00:00:07 STALE\s
                """, out(TEXT, "show to 10.0.0.6/31"));
        assertEquals("10.0.0.6 dev eth0 lladdr 02:00:00:00:00:06 REACHABLE \n", out(TEXT, "show 10.0.0.6"));
        assertEquals("", out(TEXT, "show 10.0.0"), "10.0.0 is 10.0.0.0/32");
        assertEquals(4, out(TEXT, "show all").lines().count());
        assertEquals("", out(TEXT, "show proxy"));
    }

    @Test
    void json() {
        assertEquals("[{\"dst\":\"10.0.0.5\",\"dev\":\"eth0\",\"lladdr\":\"02:00:00:00:00:05\",\"state\":[\"PERMANENT\"]},"
                + "{\"dst\":\"10.0.0.6\",\"dev\":\"eth0\",\"lladdr\":\"02:00:00:00:00:06\",\"state\":[\"REACHABLE\"]},"
                + "{\"dst\":\"10.0.0.7\",\"dev\":\"eth0\",\"lladdr\":\"02:00:00:00:00:07\",\"state\":[\"STALE\"]},"
                + "{\"dst\":\"10.0.0.9\",\"dev\":\"eth0\",\"state\":[\"INCOMPLETE\"]}]\n", out(JSON, ""));
        assertEquals("""
                [ {
                        "dst": "10.0.0.7",
                        "dev": "eth0",
                        "lladdr": "02:00:00:00:00:07",
                        "state": [ "STALE" ]
                    } ]
                """, out(PRETTY, "show nud stale"));
        assertEquals("[]\n", out(JSON, "show nud delay"));
        assertEquals("[ ]\n", out(PRETTY, "show nud delay"));
        assertEquals("[{\"dst\":\"10.0.0.7\",\"lladdr\":\"02:00:00:00:00:07\",\"state\":[\"STALE\"]}]\n",
                out(JSON, "show dev eth0 nud stale"));
    }

    @Test
    void jsonWithStatisticsAndBrief() {
        IpOptions jsonStats = new IpOptions(false, false, 1, false, true, false, false, false);
        assertEquals("[{\"dst\":\"10.0.0.5\",\"dev\":\"eth0\",\"lladdr\":\"02:00:00:00:00:05\",\"used\":0,"
                + "\"confirmed\":0,\"updated\":0,\"probes\":0,\"state\":[\"PERMANENT\"]},"
                + "{\"dst\":\"10.0.0.6\",\"dev\":\"eth0\",\"lladdr\":\"02:00:00:00:00:06\",\"refcnt\":1,\"used\":0,"
                + "\"confirmed\":0,\"updated\":0,\"probes\":0,\"state\":[\"REACHABLE\"]},"
                + "{\"dst\":\"10.0.0.7\",\"dev\":\"eth0\",\"lladdr\":\"02:00:00:00:00:07\",\"used\":0,"
                + "\"confirmed\":60,\"updated\":0,\"probes\":0,\"state\":[\"STALE\"]},"
                + "{\"dst\":\"10.0.0.9\",\"dev\":\"eth0\",\"refcnt\":1,\"used\":0,\"confirmed\":60,\"updated\":0,"
                + "\"probes\":4,\"state\":[\"INCOMPLETE\"]}]\n", out(jsonStats, ""));
        IpOptions prettyBrief = new IpOptions(false, false, 0, false, true, true, true, false);
        assertEquals("""
                [ {
                        "dst": "10.0.0.6",
                        "dev": "eth0",
                        "lladdr": "02:00:00:00:00:06"
                    },{
                        "dst": "10.0.0.7",
                        "dev": "eth0",
                        "lladdr": "02:00:00:00:00:07"
                    } ]
                """, out(prettyBrief, "show to 10.0.0.6/31"));
        IpOptions prettyStats = new IpOptions(false, false, 1, false, true, true, false, false);
        assertEquals("""
                [ {
                        "dst": "10.0.0.6",
                        "lladdr": "02:00:00:00:00:06",
                        "refcnt": 1,
                        "used": 0,
                        "confirmed": 0,
                        "updated": 0,
                        "probes": 0,
                        "state": [ "REACHABLE" ]
                    } ]
                """, out(prettyStats, "show 10.0.0.6 dev eth0"));
    }

    /** As netemu has always written it: {@code '} escaped; iproute2 6.1 leaves it as is. */
    @Test
    void jsonEscapesAnApostropheInADeviceName() {
        ns.addDevice("q'x", DevKind.VETH, 0x02_00_00_00_00_0bL, 1500);
        out(TEXT, "add 10.0.0.30 lladdr 02:00:00:00:00:30 dev q'x");
        assertEquals("[{\"dst\":\"10.0.0.30\",\"dev\":\"q\\'x\",\"lladdr\":\"02:00:00:00:00:30\","
                + "\"state\":[\"PERMANENT\"]}]\n", out(JSON, "show 10.0.0.30"));
    }

    @Test
    void statistics() {
        assertEquals("""
                10.0.0.5 dev eth0 lladdr 02:00:00:00:00:05  used 0/0/0probes 0 PERMANENT\s
                10.0.0.6 dev eth0 lladdr 02:00:00:00:00:06  ref 1 used 0/0/0probes 0 REACHABLE\s
                10.0.0.7 dev eth0 lladdr 02:00:00:00:00:07  used 0/60/0probes 0 STALE\s
                10.0.0.9 dev eth0  ref 1 used 0/60/0probes 4 INCOMPLETE\s
                """, out(STATS, ""));
        ns.neigh().tick(1 * S);
        ns.neigh().tick(2 * S);
        now = 2 * S + 500_000_000L;
        assertEquals("10.0.0.9 dev eth0  ref 1 used 2/62/2probes 6 INCOMPLETE \n", out(STATS, "show nud incomplete"));
    }

    @Test
    void brief() {
        assertEquals("""
                10.0.0.5                                eth0             02:00:00:00:00:05
                10.0.0.6                                eth0             02:00:00:00:00:06
                10.0.0.7                                eth0             02:00:00:00:00:07
                10.0.0.9                                eth0            \s
                """, out(BRIEF, ""));
    }

    @Test
    void changesByHand() {
        out(TEXT, "replace 10.0.0.6 lladdr 02:00:00:00:00:66 dev eth0");
        out(TEXT, "change 10.0.0.7 dev eth0 nud reachable");
        out(TEXT, "del 10.0.0.5 dev eth0 lladdr 02:00:00:00:00:09");
        out(TEXT, "add 1.2.3 lladdr 2:0:0:0:0:5 dev eth0");
        out(TEXT, "add 010.0.0.82 lladdr 02:00:00:00:00:05:07 dev eth0 nud none");
        assertEquals("""
                10.0.0.6 dev eth0 lladdr 02:00:00:00:00:66 PERMANENT\s
                10.0.0.7 dev eth0 lladdr 02:00:00:00:00:07 REACHABLE\s
                10.0.0.9 dev eth0 INCOMPLETE\s
                1.2.3.0 dev eth0 lladdr 02:00:00:00:00:05 PERMANENT\s
                """, out(TEXT, ""));
        assertEquals("8.0.0.82 dev eth0 \n", out(TEXT, "show nud none"));
        out(TEXT, "add 10.0.0.58 lladdr 02:00:00:00:00:05 dev lo");
        assertEquals("0.0.0.0 lladdr 02:00:00:00:00:05 PERMANENT \n", out(TEXT, "show dev lo"));
        assertEquals("10.0.0.7 dev eth0 lladdr 02:00:00:00:00:07 REACHABLE \n", out(TEXT, "get 10.0.0.7 dev eth0"));
    }

    @Test
    void flush() {
        assertEquals("", out(TEXT, "flush dev eth0"));
        assertEquals("10.0.0.5 dev eth0 lladdr 02:00:00:00:00:05 PERMANENT \n", out(TEXT, ""));
        assertEquals(2, out(TEXT, "show nud all").lines().count());
        assertEquals("Nothing to flush.\n", out(STATS, "flush all"));
        out(TEXT, "add 10.0.0.70 lladdr 02:00:00:00:00:05 dev eth0 nud stale");
        out(TEXT, "add 10.0.0.71 lladdr 02:00:00:00:00:05 dev eth0 nud stale");
        assertEquals("\n*** Round 1, deleting 2 entries ***\n*** Flush is complete after 1 round ***\n",
                out(STATS, "flush all"));
        out(TEXT, "flush dev eth0 nud permanent");
        assertEquals("", out(TEXT, ""));
    }

    @Test
    void errorsAsIproute2() {
        fails(2, "RTNETLINK answers: File exists\n", "add 10.0.0.5 lladdr 02:00:00:00:00:05 dev eth0");
        fails(2, "RTNETLINK answers: No such file or directory\n", "del 10.0.0.55 dev eth0");
        fails(2, "RTNETLINK answers: No such file or directory\n", "change 10.0.0.55 lladdr 02:00:00:00:00:05 dev eth0");
        fails(2, "Error: No link layer address given.\n", "add 10.0.0.56 dev eth0");
        fails(2, "Error: No link layer address given.\n", "add 10.0.0.57 lladdr null dev eth0");
        fails(2, "Error: Invalid link address.\n", "add 10.0.0.64 lladdr 02:00:00:00:00 dev eth0");
        fails(2, "Error: Invalid link address.\n", "add 10.0.0.64 lladdr 02-00-00-00-00-05 dev eth0");
        fails(1, "Cannot find device \"eth9\"\n", "add 10.0.0.56 lladdr 02:00:00:00:00:05 dev eth9");
        fails(1, "Cannot find device \"eth9\"\n", "show dev eth9");
        fails(1, "Cannot find device \"eth9\"\n", "flush dev eth9");
        fails(1, "Flush requires arguments.\n", "flush");
        fails(255, "Command \"foo\" is unknown, try \"ip neigh help\".\n", "foo");
        fails(255, "Device and destination are required arguments.\n", "add 10.0.0.57 lladdr 02:00:00:00:00:05");
        fails(255, "Device and destination are required arguments.\n", "add default lladdr 02:00:00:00:00:05 dev eth0");
        fails(1, "\"zz\" is invalid lladdr.\n", "add 10.0.0.57 lladdr 02:zz:00:00:00:05 dev eth0");
        fails(1, "\"100\" is invalid lladdr.\n", "add 10.0.0.57 lladdr 0x2:0:0:0:0:100 dev eth0");
        fails(255, "Error: argument \"bogus\" is wrong: nud state is bad\n", "add 10.0.0.57 lladdr 02:00:00:00:00:05 dev eth0 nud bogus");
        fails(255, "Error: argument \"3\" is wrong: nud state is bad\n", "show nud 3");
        fails(1, "Error: any valid prefix is expected rather than \"bogus\".\n", "show to bogus");
        fails(1, "Error: any valid prefix is expected rather than \"10.0.0.0/33\".\n", "show to 10.0.0.0/33");
        fails(1, "Error: any valid address is expected rather than \"10.0.0.1/24\".\n", "add 10.0.0.1/24 lladdr 02:00:00:00:00:05 dev eth0");
        fails(255, "Error: either \"to\" is duplicate, or \"10.0.0.91\" is a garbage.\n", "add 10.0.0.90 10.0.0.91 lladdr 02:00:00:00:00:05 dev eth0");
        fails(255, "Error: duplicate \"lladdr\": \"02:00:00:00:00:06\" is the second value.\n", "add 10.0.0.77 lladdr 02:00:00:00:00:05 lladdr 02:00:00:00:00:06 dev eth0");
        fails(255, "Error: duplicate \"dev\": \"lo\" is the second value.\n", "show dev eth0 dev lo");
        fails(255, "Command line is not complete. Try option \"help\"\n", "show nud");
        fails(2, "Error: Neighbour entry not found.\n", "get 10.0.0.99 dev eth0");
        fails(1, "Device and address are required arguments.\n", "get 10.0.0.99");
        CommandResult inet4 = ip(new IpOptions(true, false, 0, false, false, false, false, false), "add bogus lladdr 02:00:00:00:00:05 dev eth0");
        assertEquals("Error: inet address is expected rather than \"bogus\".\n", inet4.stderr());
    }
}
