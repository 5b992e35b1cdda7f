package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.ip.IpFixture.check;
import static io.netemu.node.cmd.ip.IpFixture.h1;
import static io.netemu.node.cmd.ip.IpFixture.records;
import static io.netemu.node.cmd.ip.IpFixture.refused;
import static io.netemu.node.cmd.ip.IpFixture.run;
import static io.netemu.node.cmd.ip.IpFixture.unsupported;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.NetnsOp;
import io.netemu.node.cmd.NetnsOp.VethAdd;
import io.netemu.node.cmd.NetnsOp.VethEnd;
import io.netemu.node.cmd.ip.IpFixture.Ran;
import io.netemu.stack.NetNs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ip link add ... type veth} and {@code ip link del} of a veth: the pair recorded for
 * the namespace actor and the refusals made here first. Messages, exit statuses and the order
 * of the kernel's checks were compared with iproute2 6.1 on Linux 6.18 in a namespace t9ha
 * (with a second one, t9hb): names clashing here (either end, both ends alike, the device's name
 * while it goes elsewhere), invalid and 16-byte names on either end (named and bare), MTU 10,
 * 67, 68, 65535, 70000 and multicast/zero/5-byte addresses on either end, two errors at once
 * (which is reported), "peer ... up" (ENOTCONN), "peer ... type veth", "type veth foo",
 * "peer ... foo", "peer ... help", "netns ''" on either end, and alias on creation (ignored).
 */
class IpLinkVethTest {
    private static VethEnd end(String name) {
        return new VethEnd(name, null, null, null, null, null, false);
    }

    @Test
    void pairsAsRecorded() {
        NetNs ns = h1();
        records(run(ns, "ip link add v0 type veth peer name v1"), new VethAdd(end("v0"), end("v1")));
        records(run(ns, "ip link add name v0 type veth peer v1"), new VethAdd(end("v0"), end("v1")));
        // no names: the kernel picks veth%d for each end (the peer's first), in its namespace
        records(run(ns, "ip link add type veth"), new VethAdd(end(null), end(null)));
        records(run(ns, "ip link add type veth peer"), new VethAdd(end(null), end(null)));
        records(run(ns, "ip link add v0 type veth"), new VethAdd(end("v0"), end(null)));
        // each end's own settings; an alias is no creation attribute (rtnl_create_link ignores it)
        records(run(ns, "ip link add v0 mtu 1300 txqueuelen 9 alias 'dev side' address 02:00:00:00:00:77 up"
                        + " type veth peer name v1 mtu 9000 txqlen 7 address 02:00:00:00:00:66 alias x down"),
                new VethAdd(new VethEnd("v0", null, 0x020000000077L, 1300, 9, null, true),
                        new VethEnd("v1", null, 0x020000000066L, 9000, 7, null, false)));
        records(run(ns, "ip link add v0 mtu 68 type veth peer v1 mtu 65535"),
                new VethAdd(new VethEnd("v0", null, null, 68, null, null, false),
                        new VethEnd("v1", null, null, 65535, null, null, false)));
        // a peer's master is ignored by the kernel, but must name a device
        records(run(ns, "ip link add v0 type veth peer v1 master eth0"), new VethAdd(end("v0"), end("v1")));
    }

    @Test
    void endsInOtherNamespaces() {
        NetNs ns = h1();
        records(run(ns, "ip link add v0 type veth peer name v1 netns blue"),
                new VethAdd(end("v0"), new VethEnd("v1", "blue", null, null, null, null, false)));
        records(run(ns, "ip link add v0 netns red type veth peer name v1 netns blue"),
                new VethAdd(new VethEnd("v0", "red", null, null, null, null, false),
                        new VethEnd("v1", "blue", null, null, null, null, false)));
        // names are checked only where the end lives: here, eth0 is taken, but not over there
        records(run(ns, "ip link add eth0 netns blue type veth peer name v1"),
                new VethAdd(new VethEnd("eth0", "blue", null, null, null, null, false), end("v1")));
        records(run(ns, "ip link add v1 type veth peer name eth0 netns blue"),
                new VethAdd(end("v1"), new VethEnd("eth0", "blue", null, null, null, null, false)));
        records(run(ns, "ip link add x type veth peer name x netns blue"),
                new VethAdd(end("x"), new VethEnd("x", "blue", null, null, null, null, false)));
        // a numeric netns no namespace has is a PID: none exists in netemu (the actor asks op.missing)
        NetnsOp.VethAdd pid = (VethAdd) run(ns, "ip link add v0 type veth peer v1 netns 999999").ops().get(0);
        check(pid.missing("999999"), 2, "", "RTNETLINK answers: No such process\n");
        check(pid.missing("nope"), 255, "", "Error: argument \"nope\" is wrong: Invalid \"netns\" value\n\n");
        refused(run(ns, "ip link add v0 netns '' type veth peer v1"), 2, "RTNETLINK answers: Invalid argument\n");
        refused(run(ns, "ip link add v0 type veth peer v1 netns ."), 2, "RTNETLINK answers: Invalid argument\n");
        refused(run(ns, "ip link add v0 type veth peer v1 netns a netns b"), 255,
                "Error: duplicate \"netns\": \"b\" is the second value.\n");
    }

    @Test
    void namesTakenHere() {
        NetNs ns = h1();
        String exists = "RTNETLINK answers: File exists\n";
        refused(run(ns, "ip link add eth0 type veth peer name v1"), 2, exists);
        refused(run(ns, "ip link add v1 type veth peer name eth0"), 2, exists);
        refused(run(ns, "ip link add v1 type veth peer name v1"), 2, exists);
        refused(run(ns, "ip link add v1 netns blue type veth peer name eth0"), 2, exists);
        // the device's name is looked up before the peer's is checked...
        refused(run(ns, "ip link add eth0 type veth peer name a:b"), 2, exists);
        // ...and the peer is registered (and its name taken) before the device's name is checked
        refused(run(ns, "ip link add a:b type veth peer name eth0"), 2, exists);
    }

    @Test
    void kernelRefusalsInItsOrder() {
        NetNs ns = h1();
        String inval = "RTNETLINK answers: Invalid argument\n";
        String addr = "RTNETLINK answers: Cannot assign requested address\n";
        String policy = "Error: Attribute failed policy validation.\n";
        refused(run(ns, "ip link add a:b type veth peer name v1"), 2, inval);
        refused(run(ns, "ip link add v1 type veth peer name ."), 2, inval);
        refused(run(ns, "ip link add verylongname12345 type veth peer v1"), 2, policy);
        refused(run(ns, "ip link add v1 type veth peer verylongname12345"), 2, policy);
        refused(run(ns, "ip link add v1 type veth peer name verylongname12345"), 255,
                "Error: argument \"verylongname12345\" is wrong: \"name\" not a valid ifname\n");
        // veth_validate: MTU outside 68..65535 is EINVAL (no extack), on either end
        refused(run(ns, "ip link add v1 mtu 67 type veth peer v2"), 2, inval);
        refused(run(ns, "ip link add v1 type veth peer v2 mtu 70000"), 2, inval);
        refused(run(ns, "ip link add v1 mtu -1 type veth peer v2"), 2, inval);
        refused(run(ns, "ip link add v1 address 01:00:00:00:00:01 type veth peer v2"), 2, addr);
        refused(run(ns, "ip link add v1 type veth peer v2 address 00:00:00:00:00:00"), 2, addr);
        refused(run(ns, "ip link add v1 type veth peer v2 address 02:00:00:00:00"), 2, inval);
        refused(run(ns, "ip link add v1 type veth peer v2 address zz"), 1, "\"zz\" is invalid lladdr.\n");
        // both ends are validated before any name is looked up; the device's attributes first
        refused(run(ns, "ip link add eth0 mtu 70000 type veth peer v2"), 2, inval);
        refused(run(ns, "ip link add eth0 type veth peer v2 mtu 70000"), 2, inval);
        refused(run(ns, "ip link add v1 address 01:00:00:00:00:01 type veth peer v2 mtu 10"), 2, addr);
        refused(run(ns, "ip link add v1 mtu 10 type veth peer verylongname12345"), 2, inval);
        refused(run(ns, "ip link add verylongname12345 type veth peer v2 mtu 10"), 2, policy);
        // the peer is opened before it is joined to the device: veth_open finds no peer
        String notconn = "RTNETLINK answers: Transport endpoint is not connected\n";
        refused(run(ns, "ip link add v1 type veth peer v2 up"), 2, notconn);
        refused(run(ns, "ip link add v1 type veth peer v2 netns blue up"), 2, notconn);
        refused(run(ns, "ip link add a:b type veth peer v2 up"), 2, notconn);
        refused(run(ns, "ip link add v1 type veth peer a:b up"), 2, inval);
        refused(run(ns, "ip link add v1 type veth peer eth0 up"), 2, "RTNETLINK answers: File exists\n");
    }

    @Test
    void peerWords() {
        NetNs ns = h1();
        // link_veth.c prints its usage on stdout and returns -1
        Ran foo = run(ns, "ip link add v1 type veth foo");
        check(foo.result(), 1, "Usage: ip link <options> type veth [peer <options>]\n"
                + "To get <options> type 'ip link add help'\n", "");
        assertEquals(List.of(), foo.ops());
        refused(run(ns, "ip link add v1 type veth peer name v2 type veth"), 255,
                "Error: duplicate \"type\": \"veth\" is the second value.\n");
        refused(run(ns, "ip link add v1 type veth peer name v2 name v3"), 255,
                "Error: duplicate \"name\": \"v3\" is the second value.\n");
        refused(run(ns, "ip link add v1 type veth peer name v2 foo"), 255,
                "both \"name\" and \"dev\" cannot be used when creating devices.\n");
        refused(run(ns, "ip link add v1 type veth peer mtu"), 255,
                "Command line is not complete. Try option \"help\"\n");
        Ran help = run(ns, "ip link add v1 type veth peer name v2 help");
        assertEquals(255, help.result().exit());
        assertTrue(help.result().stderr().startsWith("Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME\n"));
        refused(run(ns, "ip link add v1 type veth peer v2 master nosuch"), 255,
                "Error: argument \"nosuch\" is wrong: Device does not exist\n\n");
    }

    @Test
    void whatNetemuDoesNotCreate() {
        NetNs ns = h1();
        ip(ns, "ip link add br0 type bridge");
        for (String line : List.of("ip link add v1 master br0 type veth peer v2",
                "ip link add v1 promisc on type veth peer v2", "ip link add v1 type veth peer v2 allmulticast on",
                "ip link add v1 arp off type veth peer v2", "ip link add br1 netns blue type bridge")) {
            unsupported(run(ns, line));
        }
    }

    @Test
    void deleteAVethTakesItsPeerWherever() {
        NetNs ns = h1();
        records(run(ns, "ip link del eth0"), new NetnsOp.VethDelete("eth0"));
        records(run(ns, "ip link delete dev eth0 type veth"), new NetnsOp.VethDelete("eth0"));
        refused(run(ns, "ip link del eth9"), 1, "Cannot find device \"eth9\"\n");
        refused(run(ns, "ip link del eth0 foo"), 255, "Error: either \"dev\" is duplicate, or \"foo\" is a garbage.\n");
        assertNotNull(ns.devs().byName("eth0")); // the actor deletes it
    }

    private static void ip(NetNs ns, String line) {
        records(run(ns, line));
    }
}
