package io.netemu.test.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.netemu.test.xdp.XdpObjects;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.lab.Macs;
import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.StepResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 4's XDP programs (topologies/xdp/*.c, compiled by clang at test time) in the same lab in
 * real Linux and in netemu: h1 - r1 - h2 (and h3), every neighbour entry permanent so that no
 * ARP frame makes the counters depend on timing. Step for step the two runs must agree on exit
 * status, expectation verdict and ping outcome, and for {@code ip}, {@code bpftool} and
 * {@code ethtool} on stderr exactly and on stdout after normalising only what cannot agree:
 * program ids (global and in use on the host), map and BTF ids, the word {@code jited} (netemu
 * interprets), {@code memlock} of map show (the kernel's depends on the CPU count), and for
 * {@code ethtool -S} the counters netemu adds to veth's own (only peer_ifindex, rx_queue_N_drops
 * and the xdp ones are veth's), and the order of a hash map's entries in a dump (the kernel's
 * follows jhash with a random seed per map, so it changes from run to run there too). What they compare: ping through drop_icmp in native and generic
 * mode and after {@code xdp off}; {@code ip link show} and {@code ip -s link show} of the device
 * (native XDP counts RX bytes after the Ethernet header, its NAPI's rq stats; generic and
 * none count the whole frame); ethtool's xdp counters (native only, kept after a detach);
 * count_src's map after N pings; lpm_block's trie updated, looked up and deleted with bpftool;
 * devmap updates for redirect_port, including an ifindex missing in the writer's namespace
 * (EINVAL) and one written from another namespace.
 *
 * <p>The steps play in order in both worlds ({@link OrderedSteps}): a step's {@code at} is the
 * earliest it starts, and it waits for every step of an earlier {@code at} to end, so a map dump
 * or a counter is read after the pings it counts and after the bpftool updates before it, however
 * slowly a loaded machine starts their processes.
 *
 * <p>Mandatory where CI sets NETEMU_REQUIRE_LINUX=1 and NETEMU_REQUIRE_CLANG=1; elsewhere
 * skipped with the reason (no root, no bpftool/ethtool, no clang).
 */
class XdpDifferentialTest {
    private static final String LAB = "xdp-diff";
    private static final Pattern PROG_ID = Pattern.compile("(prog/xdp id|driver id|generic id|prog_id[= ]) ?\\d+");
    private static final Pattern MAP_SHOW_ID = Pattern.compile("(?m)^\\d+: (\\w+)  name");
    private static final Pattern BTF_ID = Pattern.compile("btf_id \\d+");
    private static final Pattern MEMLOCK = Pattern.compile("memlock \\d+B");
    private static final Pattern VETH_STAT = Pattern.compile("NIC statistics:|\\s+(peer_ifindex|rx_queue_\\d+_drops|\\w+_xdp_\\w+): .*");

    private static String mac(String node, String iface) {
        return Macs.format(Macs.derive(LAB, node, iface));
    }

    /** The lab with {@code steps} as its scenario; DIR stands for the folder of the compiled programs. */
    private static Lab lab(Path dir, String h2Exec, String steps) {
        String yaml = """
                name: %s
                topology:
                  nodes:
                    h1:
                      exec:
                        - ip addr add 10.0.1.2/24 dev eth0
                        - ip route add default via 10.0.1.1
                        - ip neigh add 10.0.1.1 lladdr %s dev eth0 nud permanent
                    h3:
                      exec:
                        - ip addr add 10.0.3.2/24 dev eth0
                        - ip route add default via 10.0.3.1
                        - ip neigh add 10.0.3.1 lladdr %s dev eth0 nud permanent
                    r1:
                      sysctl:
                        net.ipv4.ip_forward: 1
                      exec:
                        - ip addr add 10.0.1.1/24 dev eth0
                        - ip addr add 10.0.2.1/24 dev eth1
                        - ip addr add 10.0.3.1/24 dev eth2
                        - ip neigh add 10.0.1.2 lladdr %s dev eth0 nud permanent
                        - ip neigh add 10.0.2.2 lladdr %s dev eth1 nud permanent
                        - ip neigh add 10.0.3.2 lladdr %s dev eth2 nud permanent
                    h2:
                      exec:
                        - ip addr add 10.0.2.2/24 dev eth0
                        - ip route add default via 10.0.2.1
                        - ip neigh add 10.0.2.1 lladdr %s dev eth0 nud permanent
                %s
                  links:
                    - endpoints: ["h1:eth0", "r1:eth0"]
                    - endpoints: ["r1:eth1", "h2:eth0"]
                    - endpoints: ["h3:eth0", "r1:eth2"]
                scenario:
                %s""".formatted(LAB, mac("r1", "eth0"), mac("r1", "eth2"), mac("h1", "eth0"), mac("h2", "eth0"),
                mac("h3", "eth0"), mac("r1", "eth1"), h2Exec, steps);
        return LabLoader.parse(LAB + ".yaml", yaml.replace("DIR", dir.toString())).lab();
    }

    private static String step(double at, String node, String run, String expect) {
        return "  - at: " + at + "s\n    node: " + node + "\n    run: '" + run + "'\n"
                + (expect == null ? "" : "    expect: " + expect + "\n");
    }

    private static String ping(double at, String from, int n, boolean through) {
        return step(at, from, "ping -c " + n + " -i 0.2 -W 1 10.0.2.2",
                through ? "{exit: 0, stdout: \"" + n + " packets transmitted, " + n + " received\"}"
                        : "{exit: 1, stdout: \"" + n + " packets transmitted, 0 received, 100% packet loss\"}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xdp", "xdpgeneric"})
    void dropIcmpOnTheRouter(String mode) throws Exception {
        Path d = requirements();
        String s = ping(0, "h1", 2, true)
                + step(0.8, "r1", "ip link set dev eth0 " + mode + " obj DIR/drop_icmp.o sec xdp", "{exit: 0}")
                + step(1.0, "r1", "ip link show dev eth0", null)
                + ping(1.2, "h1", 3, false)
                + step(2.8, "r1", "ethtool -S eth0", null)
                + step(2.8, "r1", "ip -s link show dev eth0", null)
                + step(2.8, "r1", "ip -s link show dev eth1", null)
                + step(2.8, "r1", "bpftool net show dev eth0", null)
                + step(3.0, "r1", "ip link set dev eth0 " + mode + " off", "{exit: 0}")
                + step(3.2, "r1", "ip link show dev eth0", null)
                + ping(3.4, "h1", 2, true)
                + step(4.4, "r1", "ethtool -S eth0", null)
                + step(4.4, "r1", "ip -s link show dev eth0", null)
                + step(4.4, "r1", "bpftool net show", null);
        compare("drop-icmp-" + mode, lab(d, "", s));
    }

    @Test
    void countSrcCountsEveryPing() throws Exception {
        Path d = requirements();
        String h2 = "        - ip link set dev eth0 xdp obj DIR/count_src.o sec xdp";
        String s = ping(0, "h1", 4, true)
                + ping(1.2, "h3", 2, true)
                + step(3.0, "h2", "bpftool map dump name src_count", null)
                + step(3.0, "h2", "bpftool -j map dump name src_count", null)
                + step(3.0, "h2", "bpftool map lookup name src_count key 10 0 1 2", null)
                + step(3.0, "h2", "bpftool map show name src_count", null)
                + step(3.0, "h2", "ethtool -S eth0", null)
                + step(3.0, "h2", "ip -s link show dev eth0", null);
        compare("count-src", lab(d, h2, s));
    }

    @Test
    void lpmBlockFollowsBpftoolUpdates() throws Exception {
        Path d = requirements();
        String h2 = "        - ip link set dev eth0 xdpgeneric obj DIR/lpm_block.o sec xdp\n"
                + "        - bpftool map update name blocklist key 24 0 0 0 10 0 1 0 value 0 0 0 0 0 0 0 0";
        String s = ping(0, "h1", 3, false)
                + ping(0, "h3", 2, true)
                + step(1.5, "h2", "bpftool map dump name blocklist", null)
                + step(1.5, "h2", "bpftool map lookup name blocklist key 24 0 0 0 10 0 1 0", null)
                + step(1.5, "h2", "bpftool map lookup name blocklist key 24 0 0 0 10 0 3 0", null)
                + step(1.6, "h2", "bpftool map update name blocklist key 16 0 0 0 10 0 0 0 value 0 0 0 0 0 0 0 0", null)
                + step(1.7, "h2", "bpftool map update name blocklist key 24 0 0 0 10 0 1 0 value 5 0 0 0 0 0 0 0 noexist", null)
                + step(1.8, "h2", "bpftool map delete name blocklist key 24 0 0 0 10 0 1 0", null)
                + ping(2.0, "h3", 2, false)
                + ping(2.0, "h1", 2, false)
                + step(3.0, "h2", "bpftool map delete name blocklist key 16 0 0 0 10 0 0 0", null)
                + ping(3.2, "h1", 2, true)
                + step(4.0, "h2", "bpftool map dump name blocklist", null)
                + step(4.0, "h2", "bpftool map delete name blocklist key 16 0 0 0 10 0 0 0", null)
                + step(4.0, "h2", "ethtool -S eth0", null)
                + step(4.0, "h2", "ip -s link show dev eth0", null);
        compare("lpm-block", lab(d, h2, s));
    }

    @Test
    void devmapUpdatesResolveTheIfindexInTheWritersNamespace() throws Exception {
        Path d = requirements();
        String s = step(0, "r1", "ip link set dev eth0 xdp obj DIR/redirect_port.o sec xdp", "{exit: 0}")
                + step(0.2, "r1", "bpftool map update name ports key 0x61 0x1e value 1 0 0 0", null)
                + step(0.3, "r1", "bpftool map update name tx_port key 1 0 0 0 value 9 0 0 0", null)
                + step(0.4, "r1", "bpftool map update name tx_port key 1 0 0 0 value 3 0 0 0", null)
                + step(0.5, "r1", "bpftool map dump name tx_port", null)
                + step(0.6, "r1", "ip netns exec h2 bpftool map update name tx_port key 2 0 0 0 value 3 0 0 0", null)
                + step(0.7, "r1", "ip netns exec h2 bpftool map update name tx_port key 2 0 0 0 value 2 0 0 0", null)
                + step(0.8, "h1", "bpftool map update name tx_port key 3 0 0 0 value 2 0 0 0", null)
                + step(0.9, "r1", "bpftool map dump name tx_port", null)
                + step(1.0, "r1", "bpftool map dump name ports", null)
                + step(1.1, "r1", "bpftool map lookup name tx_port key 9 0 0 0", null)
                + ping(1.2, "h1", 2, true)
                + step(2.0, "r1", "ethtool -S eth0", null);
        compare("devmap", lab(d, "", s));
    }

    /**
     * xdp_router.o on both of r1's devices: pings go through on bpf_fib_lookup's answer, past
     * r1's stack (FORWARD sees none of them), and are counted as redirects and xmits in ethtool
     * -S; with r1's neighbour for h2 deleted, the first request goes up the stack (NO_NEIGH:
     * PASS), which forwards it and resolves the neighbour again; with GRO off on h2's eth0 the
     * redirects into r1's eth1 fail on eth0 (rx_queue_0_drops, RX dropped) and pings die.
     */
    @Test
    void xdpRouterForwardsPastTheStack() throws Exception {
        Path d = requirements();
        String s = step(0, "h1", "ethtool -K eth0 gro on", "{exit: 0}")
                + step(0, "h2", "ethtool -K eth0 gro on", "{exit: 0}")
                + step(0.1, "r1", "iptables -A FORWARD -p icmp", "{exit: 0}")
                + step(0.2, "r1", "ip link set dev eth0 xdp obj DIR/xdp_router.o sec xdp", "{exit: 0}")
                + step(0.3, "r1", "ip link set dev eth1 xdp obj DIR/xdp_router.o sec xdp", "{exit: 0}")
                + ping(0.5, "h1", 3, true)
                + step(1.5, "r1", "iptables -nvxL FORWARD", null)
                + step(1.5, "r1", "ethtool -S eth0", null)
                + step(1.5, "r1", "ethtool -S eth1", null)
                + step(1.5, "h2", "ethtool -S eth0", null)
                + step(1.5, "r1", "ip -s link show dev eth0", null)
                + step(1.5, "h2", "ip -s link show dev eth0", null)
                + step(1.7, "r1", "ip neigh del 10.0.2.2 dev eth1", "{exit: 0}")
                + ping(1.9, "h1", 2, true)
                + step(2.7, "r1", "iptables -nvxL FORWARD", null)
                + step(2.7, "r1", "ethtool -S eth1", null)
                + step(2.9, "h2", "ethtool -K eth0 gro off", "{exit: 0}")
                + ping(3.0, "h1", 2, false)
                + step(3.8, "r1", "ethtool -S eth0", null)
                + step(3.8, "r1", "ip -s link show dev eth0", null)
                + step(3.8, "r1", "iptables -nvxL FORWARD", null);
        compare("xdp-router", lab(d, "", s));
    }

    /** Root, ip, bpftool, ethtool (else skipped, or failed under NETEMU_REQUIRE_LINUX=1); clang; the objects' folder. */
    private static Path requirements() throws Exception {
        LinuxOracle.assumeAvailable();
        LinuxOracle.assumeTool("bpftool", "bpftool");
        LinuxOracle.assumeTool("ethtool", "ethtool");
        Path d = XdpObjects.dir();
        awaitNoHostMaps();
        return d;
    }

    /**
     * bpftool's {@code name} selects among every map of the host: a map of the same name left by
     * an earlier run (freed after an RCU grace period once its namespace is gone) would be dumped
     * too. Waits for them to go.
     */
    private static void awaitNoHostMaps() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String left = "";
        while (System.nanoTime() < deadline) {
            Shell.Result r = Shell.run(List.of("bpftool", "map", "show"), Duration.ofSeconds(10));
            left = r.stdout().lines().filter(l -> l.matches(".*name (src_count|blocklist|ports|tx_port|fib_results) .*"))
                    .collect(Collectors.joining("\n"));
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        fail("maps of the XDP programs' names are loaded on this host (another run?), bpftool name would "
                + "select them too:\n" + left);
    }

    private static void compare(String name, Lab lab) {
        BothRuns runs = BothRuns.inOrder(name, lab);
        List<StepResult> linux = runs.linux().steps();
        List<StepResult> netemu = runs.netemu().steps();
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < linux.size(); i++) {
            StepResult l = linux.get(i);
            System.out.printf("[Linux %s line %d, exit %d] %s%n%s%s%n", name, l.step().line(), l.exit(),
                    command(l), l.stdout(), l.stderr());
            String dd = compare(l, netemu.get(i));
            if (dd != null) {
                diffs.add(dd);
            }
        }
        if (!diffs.isEmpty()) {
            fail("netemu differs from Linux in lab " + name + ":\n\n" + String.join("\n", diffs));
        }
        assertEquals(List.of(), LinuxOracle.leftBehind(), "namespaces left behind");
    }

    private static String command(StepResult s) {
        return ((StepSpec.RunStep) s.step()).command();
    }

    static String compare(StepResult linux, StepResult netemu) {
        String cmd = command(linux);
        List<String> what = new ArrayList<>();
        if (linux.exit() != netemu.exit()) {
            what.add("exit " + linux.exit() + " in Linux, " + netemu.exit() + " in netemu");
        }
        if (!Objects.equals(linux.expectOk(), netemu.expectOk())) {
            what.add("expectation held in Linux: " + linux.expectOk() + ", in netemu: " + netemu.expectOk());
        }
        if (PingSummary.present(linux.stdout())) {
            PingSummary l = PingSummary.parse(linux.stdout());
            PingSummary n = PingSummary.present(netemu.stdout()) ? PingSummary.parse(netemu.stdout()) : null;
            if (n == null || l.transmitted() != n.transmitted() || l.received() != n.received()) {
                what.add("ping outcome differs");
            }
        } else {
            UnaryOperator<String> norm = normalizer(cmd);
            String ls = norm.apply(linux.stdout());
            String ns = norm.apply(netemu.stdout());
            if (!ls.equals(ns)) {
                what.add("stdout differs (normalised)\n--- Linux, normalised ---\n" + ls + "--- netemu, normalised ---\n" + ns);
            }
            if (!linux.stderr().equals(netemu.stderr())) {
                what.add("stderr differs");
            }
        }
        if (what.isEmpty()) {
            return null;
        }
        return "line " + linux.step().line() + ": " + cmd + " (ran " + linux.startedMs() + "-" + linux.endedMs()
                + " ms in Linux, " + netemu.startedMs() + "-" + netemu.endedMs() + " ms in netemu)\n  "
                + String.join("\n  ", what)
                + "\n--- Linux ---\n" + linux.stdout() + linux.stderr() + "--- netemu ---\n" + netemu.stdout()
                + netemu.stderr();
    }

    /** What one command's output may differ in (see the class comment); trailing blanks of lines too. */
    static UnaryOperator<String> normalizer(String cmd) {
        return out -> {
            String s = out;
            if (cmd.startsWith("ethtool -S")) {
                s = s.lines().filter(l -> VETH_STAT.matcher(l).matches()).map(l -> l + "\n").collect(Collectors.joining());
            }
            s = PROG_ID.matcher(s).replaceAll("$1 <id>");
            s = s.replace(" jited", "");
            if (cmd.contains("map dump name src_count")) {
                s = sortedEntries(s);
            }
            if (cmd.contains("map show")) {
                s = MAP_SHOW_ID.matcher(s).replaceAll("<id>: $1  name");
                s = BTF_ID.matcher(s).replaceAll("btf_id <id>");
                s = MEMLOCK.matcher(s).replaceAll("memlock <n>B");
            }
            return s.lines().map(String::stripTrailing).map(l -> l + "\n").collect(Collectors.joining());
        };
    }

    /** A dump's entries ({@code [{...},{...}]}, plain or -j) in sorted order. */
    static String sortedEntries(String dump) {
        int open = dump.indexOf('[');
        int close = dump.lastIndexOf(']');
        if (open < 0 || close < open) {
            return dump;
        }
        String body = dump.substring(open + 1, close).strip();
        if (!body.startsWith("{") || !body.endsWith("}")) {
            return dump;
        }
        body = body.substring(1, body.length() - 1);
        List<String> entries = new ArrayList<>(List.of(body.split("\\},\\{", -1)));
        entries.replaceAll(e -> e.strip());
        java.util.Collections.sort(entries);
        return dump.substring(0, open + 1) + "{" + String.join("},{", entries) + "}" + dump.substring(close);
    }

    @Test
    void onlyIdsJitedMemlockAndNetemusOwnCountersAreNormalised() {
        String link = "2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 xdp qdisc noqueue state UP\n"
                + "    prog/xdp id 542 name drop_icmp tag f7d7210978e15283 jited \n";
        assertEquals("2: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 xdp qdisc noqueue state UP\n"
                + "    prog/xdp id <id> name drop_icmp tag f7d7210978e15283\n", normalizer("ip link show").apply(link));
        String stats = "NIC statistics:\n     peer_ifindex: 2\n     rx_queue_0_packets: 5\n     rx_queue_0_xdp_packets: 3\n"
                + "     rx_queue_0_drops: 0\n     rx_queue_0_polls: 4\n     tx_queue_0_xdp_xmit: 1\n";
        assertEquals("NIC statistics:\n     peer_ifindex: 2\n     rx_queue_0_xdp_packets: 3\n     rx_queue_0_drops: 0\n"
                + "     tx_queue_0_xdp_xmit: 1\n", normalizer("ethtool -S eth0").apply(stats));
        assertEquals("xdp:\neth0(2) driver id <id>\n", normalizer("bpftool net show").apply("xdp:\neth0(2) driver id 77\n"));
        assertEquals("<id>: hash  name src_count  flags 0x0\n\tkey 4B  value 16B  max_entries 1024  memlock <n>B\n"
                        + "\tbtf_id <id>\n",
                normalizer("bpftool map show name src_count").apply("12: hash  name src_count  flags 0x0\n"
                        + "\tkey 4B  value 16B  max_entries 1024  memlock 86432B\n\tbtf_id 301\n"));
        assertEquals("tag f7d7210978e15283 2\n", normalizer("ip link").apply("tag f7d7210978e15283 2\n"));
        UnaryOperator<String> dump = normalizer("bpftool -j map dump name src_count");
        assertEquals(dump.apply("[{\"key\":[\"0x0a\"],\"v\":{\"p\":2}},{\"key\":[\"0x0b\"],\"v\":{\"p\":1}}]\n"),
                dump.apply("[{\"key\":[\"0x0b\"],\"v\":{\"p\":1}},{\"key\":[\"0x0a\"],\"v\":{\"p\":2}}]\n"));
    }
}
