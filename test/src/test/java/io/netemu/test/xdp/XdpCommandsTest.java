package io.netemu.test.xdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.test.e2e.Labs;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ip link ... xdp and bpftool in a lab, with the messages and exit statuses of iproute2 6.1 and
 * bpftool 7.1 as the real tools printed them on Linux 6.18: every shipped program loads and
 * verifies; mode switches, replacing, missing files, sections and devices, offload, and
 * bpftool's errors; a program that returns XDP_ABORTED is counted and traced.
 */
class XdpCommandsTest {
    private static String lab(Path d, String steps) {
        return """
                name: xdp-commands
                topology:
                  nodes:
                    a:
                      exec:
                        - ip addr add 10.9.0.1/24 dev eth0
                    b:
                      exec:
                        - ip addr add 10.9.0.2/24 dev eth0
                  links:
                    - endpoints: ["a:eth0", "b:eth0"]
                scenario:
                """ + steps.replace("DIR", d.toString());
    }

    private static String step(double at, String node, String run, int exit, String stdout) {
        return "  - at: " + at + "s\n    node: " + node + "\n    run: '" + run + "'\n    expect: {exit: " + exit
                + (stdout == null ? "" : ", stdout: '" + stdout + "'") + "}\n";
    }

    private static StepResult find(RunReport r, String run) {
        return r.steps().stream().filter(s -> s.step().toString().contains(run)).findFirst().orElseThrow();
    }

    @Test
    void everyProgramLoadsAndVerifies() throws Exception {
        Path d = XdpObjects.dir();
        StringBuilder s = new StringBuilder();
        List<String> progs = List.of("drop_icmp", "count_src", "redirect_port", "swap_mac", "lpm_block");
        for (String p : progs) {
            s.append(step(0, "a", "bpftool prog load DIR/" + p + ".o /sys/fs/bpf/" + p, 0, null));
        }
        for (String p : progs) {
            s.append(step(1, "b", "bpftool prog show pinned /sys/fs/bpf/" + p, 0, "name " + p));
        }
        RunReport r = Labs.run(Labs.parse("load", lab(d, s.toString())));
        assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
    }

    @Test
    void ipLinkXdpErrorsAreIproute2s() throws Exception {
        Path d = XdpObjects.dir();
        String s = step(0, "b", "ip link set dev eth0 xdpgeneric obj DIR/drop_icmp.o sec xdp", 0, null)
                + step(0.1, "b", "ip link set dev eth0 xdp obj DIR/drop_icmp.o sec xdp", 2,
                        "")
                + step(0.2, "b", "ip link set dev eth0 xdpgeneric obj DIR/count_src.o sec xdp", 2, null)
                + step(0.3, "b", "ip -force link set dev eth0 xdpgeneric obj DIR/count_src.o sec xdp", 0, null)
                + step(0.4, "b", "ip link show dev eth0", 0, "mtu 1500 xdpgeneric qdisc noqueue")
                + step(0.5, "b", "ip link set dev eth0 xdp off", 0, null)
                + step(0.6, "b", "ip link show dev eth0", 0, "name count_src tag e306d5d84ca31dac")
                + step(0.7, "b", "ip link set dev eth0 xdpgeneric off", 0, null)
                + step(0.8, "b", "ip link set dev eth0 xdp obj DIR/nosuch.o sec xdp", 255, null)
                + step(0.9, "b", "ip link set dev eth0 xdp obj DIR/drop_icmp.o sec nosuch", 255, null)
                + step(1.0, "b", "ip link set dev eth0 xdp obj DIR/drop_icmp.o", 255, null)
                + step(1.1, "b", "ip link set dev nosuch xdp obj DIR/drop_icmp.o sec xdp", 1, null)
                + step(1.2, "b", "ip link set dev eth0 xdpoffload obj DIR/drop_icmp.o sec xdp", 255, null)
                + step(1.3, "b", "ip link set dev eth0 xdp foo", 255, null)
                + step(1.4, "b", "ip link set dev eth0 xdp", 255, null)
                + step(1.5, "b", "ip link set dev lo xdpdrv obj DIR/drop_icmp.o sec xdp", 2, null)
                + step(1.6, "b", "ip link show dev eth0", 0, null)
                + step(1.7, "b", "bpftool prog show", 0, null);
        RunReport r = Labs.run(Labs.parse("errors", lab(d, s)));
        assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
        assertEquals("Error: Native and generic XDP can't be active at the same time.\n",
                find(r, "xdp obj " + d + "/drop_icmp.o sec xdp").stderr());
        assertEquals("Error: XDP program already attached.\n", find(r, "xdpgeneric obj " + d + "/count_src.o").stderr());
        assertEquals("Cannot initialize ELF context!\n", find(r, "nosuch.o").stderr());
        assertEquals("object file doesn't contain sec nosuch\n", find(r, "sec nosuch").stderr());
        assertEquals("object file doesn't contain sec prog\n", r.steps().get(10).stderr());
        assertEquals("Cannot find device \"nosuch\"\n", find(r, "dev nosuch").stderr());
        assertEquals("libbpf: prog 'drop_icmp': BPF program load failed: Invalid argument\n"
                + "libbpf: prog 'drop_icmp': failed to load: -22\n"
                + "libbpf: failed to load object '" + d + "/drop_icmp.o'\n", find(r, "xdpoffload").stderr());
        assertEquals("What mode is \"foo\"?\n", find(r, "xdp foo").stderr());
        assertEquals("Command line is not complete. Try option \"help\"\n", r.steps().get(14).stderr());
        assertEquals("Error: Underlying driver does not support XDP in native mode.\n", find(r, "dev lo xdpdrv").stderr());
        StepResult show = r.steps().get(r.steps().size() - 2);
        assertTrue(!show.stdout().contains("prog/xdp"), show.stdout());
        // every failed or replaced load let its program go again: nothing is left loaded
        assertEquals("", r.steps().get(r.steps().size() - 1).stdout());
    }

    @Test
    void bpftoolErrorsAndExitStatuses() throws Exception {
        Path d = XdpObjects.dir();
        String s = step(0, "a", "bpftool prog load DIR/count_src.o /sys/fs/bpf/cs", 0, null)
                + step(0.1, "a", "bpftool prog pin id 1 /sys/fs/bpf/cs", 239, null)
                + step(0.2, "a", "bpftool map dump id 99", 255, null)
                + step(0.3, "a", "bpftool -j prog show id 99", 255, "{\"error\":\"get by id (99): No such file or directory\"}")
                + step(0.4, "a", "bpftool map update name src_count key 10 9 0 1 value 1 0 0", 255, null)
                + step(0.5, "a", "bpftool map update name src_count key zz 0 0 0 value 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", 255, null)
                + step(0.6, "a", "bpftool map update name src_count key 10 9 0 1 value 1 0 0 0 0 0 0 0 2 0 0 0 0 0 0 0", 0, null)
                + step(0.7, "a", "bpftool map update name src_count key hex 0a 09 00 01 value 1 0 0 0 0 0 0 0 2 0 0 0 0 0 0 0 noexist", 239, null)
                + step(0.8, "a", "bpftool map lookup name src_count key 10 9 0 1", 0, null)
                + step(0.9, "a", "bpftool map lookup name src_count key 10 9 0 9", 254, "Not found")
                + step(1.0, "a", "bpftool map delete name src_count key 10 9 0 1", 0, null)
                + step(1.1, "a", "bpftool map delete name src_count key 10 9 0 1", 254, null)
                + step(1.2, "b", "bpftool net attach xdpgeneric pinned /sys/fs/bpf/cs dev nosuch", 234, null)
                + step(1.3, "b", "bpftool net attach xdpgeneric pinned /sys/fs/bpf/nosuch dev eth0", 234, null)
                + step(1.4, "b", "bpftool net attach xdpgeneric pinned /sys/fs/bpf/cs dev eth0", 0, null)
                + step(1.5, "b", "bpftool net attach xdp pinned /sys/fs/bpf/cs dev eth0", 239, null)
                + step(1.6, "b", "bpftool net attach xdpgeneric pinned /sys/fs/bpf/cs dev eth0", 240, null)
                + step(1.7, "b", "bpftool net show", 0, null)
                + step(1.8, "b", "bpftool net detach xdpgeneric dev eth0", 0, null)
                + step(1.9, "b", "bpftool -j net show", 0, "[{\"xdp\":[],\"tc\":[],\"flow_dissector\":[]}]");
        RunReport r = Labs.run(Labs.parse("bpftool", lab(d, s)));
        assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
        assertEquals("{\n    \"key\": 16779530,\n    \"value\": {\n        \"packets\": 1,\n        \"bytes\": 2\n    }\n}\n",
                r.steps().get(8).stdout());
        assertEquals("xdp:\neth0(2) generic id 1\n\ntc:\n\nflow_dissector:\n\n", r.steps().get(17).stdout());
        assertEquals("Error: can't pin the object (/sys/fs/bpf/cs): File exists\n", find(r, "prog pin id 1").stderr());
        assertEquals("Error: get map by id (99): No such file or directory\n", find(r, "map dump id 99").stderr());
        assertEquals("Error: value expected 16 bytes got 3\n", r.steps().get(4).stderr());
        assertEquals("Error: error parsing byte: zz\n", find(r, "key zz").stderr());
        assertEquals("Error: update failed: File exists\n", find(r, "noexist").stderr());
        assertEquals("Error: invalid devname nosuch\n", find(r, "dev nosuch").stderr());
        assertEquals("Error: bpf obj get (/sys/fs/bpf/nosuch): No such file or directory\n",
                find(r, "pinned /sys/fs/bpf/nosuch").stderr());
        assertEquals("libbpf: Kernel error message: Native and generic XDP can't be active at the same time\n"
                + "Error: interface xdp attach failed: File exists\n", find(r, "net attach xdp pinned").stderr());
        assertEquals("libbpf: Kernel error message: XDP program already attached\n"
                + "Error: interface xdpgeneric attach failed: Device or resource busy\n", r.steps().get(16).stderr());
    }

    @Test
    void abortedIsCountedAndTraced() throws Exception {
        Path d = XdpObjects.dir();
        Path c = d.resolve("abort_all.c");
        Files.writeString(c, """
                #include <linux/bpf.h>
                #include <bpf/bpf_helpers.h>
                SEC("xdp")
                int abort_all(struct xdp_md *ctx) { return XDP_ABORTED; }
                char _license[] SEC("license") = "GPL";
                """);
        XdpObjects.compile(c, d.resolve("abort_all.o"));
        String s = step(0, "b", "ip link set dev eth0 xdp obj DIR/abort_all.o sec xdp", 0, null)
                + step(0.1, "a", "ping -c 2 -i 0.2 -W 1 10.9.0.2", 1, "2 packets transmitted, 0 received")
                + step(2, "b", "ethtool -S eth0", 0, "rx_queue_0_xdp_drops: ")
                + step(2, "b", "bpftool prog tracelog", 0, "xdp_exception: prog_id=1 action=XDP_ABORTED ifindex=2");
        RunReport r = Labs.run(Labs.parse("aborted", lab(d, s)));
        assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
        String stats = r.steps().get(2).stdout();
        assertTrue(!stats.contains("rx_queue_0_xdp_drops: 0"), stats);
    }
}
