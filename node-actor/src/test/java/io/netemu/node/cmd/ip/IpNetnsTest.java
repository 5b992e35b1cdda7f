package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.ip.IpFixture.h1;
import static io.netemu.node.cmd.ip.IpFixture.ok;
import static io.netemu.node.cmd.ip.IpFixture.records;
import static io.netemu.node.cmd.ip.IpFixture.refused;
import static io.netemu.node.cmd.ip.IpFixture.run;
import static io.netemu.node.cmd.ip.IpFixture.unsupported;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.NetnsOp;
import io.netemu.node.cmd.ip.IpFixture.Ran;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ip netns} and {@code ip -n}: the checks made here and the ops recorded for the
 * namespace actor. Every message and exit status below was compared with iproute2 6.1
 * (Debian's 6.1.0, Linux 6.18) in real namespaces named t9h*: "ip netns add a/b", ". ", "..",
 * "" and a 256-byte name; "ip netns add" alone; "ip netns add x y" (creates x); exec with no
 * name, no command, a missing namespace; pids and identify with missing, extra and non-PID
 * arguments; "ip netns frob"; "ip netns help"; the list as text, -j, -j -p, -o and -br with
 * an nsid; "ip -all netns exec|add|pids|identify"; "ip -n" with "", ".", a missing name,
 * twice, before a bad option and with no object.
 */
class IpNetnsTest {
    @Test
    void addChecksTheNameOnly() {
        NetNs ns = h1();
        records(run(ns, "ip netns add blue"), new NetnsOp.Add("blue"));
        records(run(ns, "ip netns a blue extra words"), new NetnsOp.Add("blue"));
        records(run(ns, "ip netns add " + "n".repeat(255)), new NetnsOp.Add("n".repeat(255)));
        refused(run(ns, "ip netns add a/b"), 255, "Invalid netns name \"a/b\"\n");
        refused(run(ns, "ip netns add ."), 255, "Invalid netns name \".\"\n");
        refused(run(ns, "ip netns add .."), 255, "Invalid netns name \"..\"\n");
        refused(run(ns, "ip netns add ''"), 255, "Invalid netns name \"\"\n");
        refused(run(ns, "ip netns add " + "n".repeat(256)), 255, "Invalid netns name \"" + "n".repeat(256) + "\"\n");
        refused(run(ns, "ip netns add"), 1, "No netns name specified\n");
        // the name check comes before the command is known
        refused(run(ns, "ip netns frob a/b"), 255, "Invalid netns name \"a/b\"\n");
        // the directory's answer to a taken name, which the actor prints
        assertEquals(CommandResult.fail(1, "Cannot create namespace file \"/run/netns/blue\": File exists"),
                new NetnsOp.Add("blue").exists());
    }

    @Test
    void allSkipsTheNameCheckAndTheFileSystemAnswers() {
        NetNs ns = h1();
        refused(run(ns, "ip -all netns add a/b"), 1,
                "Cannot create namespace file \"/run/netns/a/b\": No such file or directory\n");
        refused(run(ns, "ip -all netns add ''"), 1, "Cannot create namespace file \"/run/netns/\": Is a directory\n");
        refused(run(ns, "ip -a netns add ."), 1, "Cannot create namespace file \"/run/netns/.\": File exists\n");
        refused(run(ns, "ip -all netns add " + "n".repeat(256)), 1,
                "Cannot create namespace file \"/run/netns/" + "n".repeat(256) + "\": File name too long\n");
        records(run(ns, "ip -all netns pids ''"));
        refused(run(ns, "ip -all netns identify ''"), 1, "Cannot open network namespace: No such file or directory\n");
    }

    @Test
    void delete() {
        NetNs ns = h1();
        records(run(ns, "ip netns del blue"), new NetnsOp.Delete("blue"));
        records(run(ns, "ip netns d blue"), new NetnsOp.Delete("blue"));
        refused(run(ns, "ip netns delete"), 1, "No netns name specified\n");
        // -all deletes every namespace, whatever name follows
        records(run(ns, "ip -all netns delete"), new NetnsOp.Delete(null));
        records(run(ns, "ip -all netns delete blue"), new NetnsOp.Delete(null));
        assertEquals(CommandResult.fail(1, "Cannot remove namespace file \"/run/netns/x\": No such file or directory"),
                new NetnsOp.Delete("x").missing("x"));
    }

    @Test
    void exec() {
        NetNs ns = h1();
        records(run(ns, "ip netns exec blue ip link show"), new NetnsOp.Exec("blue", List.of("ip", "link", "show")));
        records(run(ns, "ip netns e blue ping -c 1 10.0.0.1"),
                new NetnsOp.Exec("blue", List.of("ping", "-c", "1", "10.0.0.1")));
        records(run(ns, "ip netns exec blue ''"), new NetnsOp.Exec("blue", List.of("")));
        refused(run(ns, "ip netns exec"), 1, "No netns name specified\n");
        refused(run(ns, "ip netns exec blue"), 1, "No command specified\n");
        refused(run(ns, "ip netns exec a/b ls"), 255, "Invalid netns name \"a/b\"\n");
        records(run(ns, "ip -all netns exec ip addr"), new NetnsOp.ExecAll(List.of("ip", "addr")));
        refused(run(ns, "ip -all netns exec"), 1, "No command specified\n");
        assertEquals(CommandResult.fail(255, "Cannot open network namespace \"nope\": No such file or directory"),
                new NetnsOp.Exec("nope", List.of("ls")).missing("nope"));
    }

    @Test
    void pidsAndIdentify() {
        NetNs ns = h1();
        records(run(ns, "ip netns pids blue"), new NetnsOp.Pids("blue"));
        refused(run(ns, "ip netns pids"), 1, "No netns name specified\n");
        refused(run(ns, "ip netns pids blue x"), 1, "extra arguments specified\n");
        assertEquals(CommandResult.fail(1, "Cannot open network namespace: No such file or directory"),
                new NetnsOp.Pids("x").missing("x"));

        NetnsOp.Identify id = only(run(ns, "ip netns identify"), NetnsOp.Identify.class);
        ok(id.render().apply(List.of("h1")), "h1\n");
        ok(id.render().apply(List.of()), "\n"); // no name: an empty line, exit 0
        ok(id.render().apply(List.of("a", "b")), "b\n"); // each match overwrites the last
        refused(run(ns, "ip netns identify x"), 1, "Specified string 'x' is not a pid\n");
        refused(run(ns, "ip netns identify 1 2"), 1, "extra arguments specified\n");
        // no process runs in netemu: no PID has /proc/PID/ns/net (as for a PID that does not exist)
        refused(run(ns, "ip netns identify 999999"), 1, "Cannot open network namespace: No such file or directory\n");
    }

    @Test
    void listShowsTheIdsThisNamespaceHas() {
        NetNs ns = h1(); // eth0's peer is in r1: r1 has nsid 0 here
        NetDev v = ns.addDevice("v1", DevKind.VETH, 0x020000000011L, 1500);
        v.setPeer(2, "blue"); // a second peer namespace: nsid 1, once a link dump has named it
        run(ns, "ip link show");
        List<String> names = List.of("r1", "h1", "blue", "red");
        ok(list(ns, "ip netns list", names), "r1 (id: 0)\nh1\nblue (id: 1)\nred\n");
        ok(list(ns, "ip netns", names), "r1 (id: 0)\nh1\nblue (id: 1)\nred\n");
        ok(list(ns, "ip netns s", names), "r1 (id: 0)\nh1\nblue (id: 1)\nred\n");
        ok(list(ns, "ip netns lst whatever", names), "r1 (id: 0)\nh1\nblue (id: 1)\nred\n");
        ok(list(ns, "ip -o netns list", names), "r1 (id: 0)\nh1\nblue (id: 1)\nred\n");
        ok(list(ns, "ip -j netns list", names),
                "[{\"name\":\"r1\",\"id\":0},{\"name\":\"h1\"},{\"name\":\"blue\",\"id\":1},{\"name\":\"red\"}]\n");
        ok(list(ns, "ip -j -p netns list", List.of("r1", "h1")), """
                [ {
                        "name": "r1",
                        "id": 0
                    },{
                        "name": "h1"
                    } ]
                """);
        ok(list(ns, "ip -j netns list", List.of()), "[]\n");
        ok(list(ns, "ip netns list", List.of()), "");
    }

    @Test
    void helpUnknownAndUnsupported() {
        NetNs ns = h1();
        refused(run(ns, "ip netns help"), 255, """
                Usage:\tip netns list
                \tip netns add NAME
                \tip netns attach NAME PID
                \tip netns set NAME NETNSID
                \tip [-all] netns delete [NAME]
                \tip netns identify [PID]
                \tip netns pids NAME
                \tip [-all] netns exec [NAME] cmd ...
                \tip netns monitor
                \tip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]
                NETNSID := auto | POSITIVE-INT
                """);
        refused(run(ns, "ip netns frob"), 255, "Command \"frob\" is unknown, try \"ip netns help\".\n");
        refused(run(ns, "ip netns ''"), 255, "Command \"\" is unknown, try \"ip netns help\".\n");
        for (String w : List.of("set blue 5", "attach blue 1", "monitor", "list-id", "at blue 1", "se blue auto")) {
            unsupported(run(ns, "ip netns " + w));
        }
    }

    @Test
    void netnsOptionRunsTheRestOfTheLineThere() {
        NetNs ns = h1();
        records(run(ns, "ip -n blue link show"), new NetnsOp.Exec("blue", List.of("ip", "link", "show")));
        records(run(ns, "ip -netns blue -j link"), new NetnsOp.Exec("blue", List.of("ip", "-j", "link")));
        // options before -n were read here and go along as typed
        records(run(ns, "ip -j --pretty -n blue -s link"),
                new NetnsOp.Exec("blue", List.of("ip", "-j", "--pretty", "-s", "link")));
        // a second -n is switched to from inside the first (a missing first name is the error)
        records(run(ns, "ip -n blue -n red route"), new NetnsOp.Exec("blue", List.of("ip", "-n", "red", "route")));
        // what comes after -n is read there: a bad option there, usage with no object there
        records(run(ns, "ip -n blue -bad"), new NetnsOp.Exec("blue", List.of("ip", "-bad")));
        records(run(ns, "ip -n blue"), new NetnsOp.Exec("blue", List.of("ip")));
        refused(run(ns, "ip -bad -n blue"), 255, "Option \"-bad\" is unknown, try \"ip -help\".\n");
        refused(run(ns, "ip -n"), 255, "Cannot open network namespace \"(null)\": No such file or directory\n");
        refused(run(ns, "ip -n '' link"), 255, "setting the network namespace \"\" failed: Invalid argument\n");
        refused(run(ns, "ip -n . link"), 255, "setting the network namespace \".\" failed: Invalid argument\n");
        refused(run(ns, "ip -n .. link"), 255, "setting the network namespace \"..\" failed: Invalid argument\n");
        ok(run(ns, "ip -V -n blue").result(), "ip utility, iproute2-6.1.0\n");
    }

    /** The listing {@code line} renders for the directory's {@code names}. */
    private static CommandResult list(NetNs ns, String line, List<String> names) {
        return only(run(ns, line), NetnsOp.ListNames.class).render().apply(names);
    }

    private static <T extends NetnsOp> T only(Ran ran, Class<T> type) {
        ok(ran.result(), "");
        assertEquals(1, ran.ops().size(), "ops");
        return assertInstanceOf(type, ran.ops().get(0));
    }
}
