package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.ip.IpFixture.check;
import static io.netemu.node.cmd.ip.IpFixture.h1;
import static io.netemu.node.cmd.ip.IpFixture.records;
import static io.netemu.node.cmd.ip.IpFixture.refused;
import static io.netemu.node.cmd.ip.IpFixture.run;
import static io.netemu.node.cmd.ip.IpFixture.unsupported;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.NetnsOp.LinkMove;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ip link set DEV netns NS ...}: what is checked and applied here, and the move
 * recorded for the namespace actor. Compared with iproute2 6.1 on Linux 6.18 (namespaces
 * t9ha/t9hb): "netns 999999", "-5", "0", "0x7ffffff0", " 99999" (a PID: No such process),
 * "99999999999" and "1e3" (no PID: invalid netns value), "netns ''" (Invalid argument), a
 * missing device (checked after the netns word is read), "netns" twice, "netns" with no value,
 * a move with name, up, mtu, alias and promisc at once.
 */
class IpLinkNetnsTest {
    @Test
    void moveRecorded() {
        NetNs ns = h1();
        records(run(ns, "ip link set eth0 netns blue"), new LinkMove("eth0", "blue", null, null));
        records(run(ns, "ip link set dev eth0 netns blue name uplink up"),
                new LinkMove("eth0", "blue", "uplink", true));
        records(run(ns, "ip link set eth0 netns blue name eth0 down"), new LinkMove("eth0", "blue", null, false));
        // the name and up-state apply there; nothing of them here
        assertEquals("eth0", ns.devs().byName("eth0").name());
        assertTrue(ns.devs().byName("eth0").adminUp());
    }

    @Test
    void otherAttributesApplyHereBeforeTheDeviceLeaves() {
        NetNs ns = h1();
        records(run(ns, "ip link set eth0 netns blue mtu 1400 alias moved txqueuelen 9 address 02:00:00:00:00:99"),
                new LinkMove("eth0", "blue", null, null));
        NetDev eth0 = ns.devs().byName("eth0");
        assertEquals(1400, eth0.mtu());
        assertEquals("moved", eth0.alias());
        assertEquals(9, eth0.txqueuelen());
        assertEquals(0x020000000099L, eth0.mac());
        // a refused attribute refuses the move
        refused(run(ns, "ip link set eth0 netns blue mtu 70000"), 2, "Error: mtu greater than device maximum.\n");
    }

    @Test
    void refusalsHere() {
        NetNs ns = h1();
        ip(ns, "ip link add br0 type bridge");
        refused(run(ns, "ip link set eth9 netns blue"), 1, "Cannot find device \"eth9\"\n");
        refused(run(ns, "ip link set eth0 netns blue netns red"), 255,
                "Error: duplicate \"netns\": \"red\" is the second value.\n");
        refused(run(ns, "ip link set eth0 netns"), 255, "Command line is not complete. Try option \"help\"\n");
        String inval = "RTNETLINK answers: Invalid argument\n";
        refused(run(ns, "ip link set eth0 netns ''"), 2, inval);
        refused(run(ns, "ip link set eth0 netns .."), 2, inval);
        // loopback and bridges are netns_local; Linux 6.18 says so in its extack
        String immutable = "Error: The interface netns is immutable.\n";
        refused(run(ns, "ip link set lo netns blue"), 2, immutable);
        refused(run(ns, "ip link set br0 netns blue mtu 1400"), 2, immutable);
        assertEquals(1500, ns.devs().byName("br0").mtu());
        refused(run(ns, "ip link set eth0 netns blue name a:b"), 2, inval);
        unsupported(run(ns, "ip link set eth0 netns blue master br0"));
    }

    @Test
    void whatTheActorAnswersForATargetThatIsNoNamespace() {
        LinkMove m = new LinkMove("eth0", "x", null, null);
        String esrch = "RTNETLINK answers: No such process\n";
        for (String pid : List.of("999999", "-5", "0", "0x7ffffff0", " 99999")) {
            check(m.missing(pid), 2, "", esrch);
        }
        for (String word : List.of("nope", "99999999999", "1e3", "a/b")) {
            check(m.missing(word), 255, "", "Error: argument \"" + word + "\" is wrong: Invalid \"netns\" value\n\n");
        }
    }

    private static void ip(NetNs ns, String line) {
        records(run(ns, line));
    }
}
