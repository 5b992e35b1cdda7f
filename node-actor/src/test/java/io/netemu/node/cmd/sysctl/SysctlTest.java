package io.netemu.node.cmd.sysctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code sysctl} reads, writes and errors, against procps-ng 4.0.2 in a fresh network namespace. */
class SysctlTest {
    private NetNs ns;

    @BeforeEach
    void namespace() {
        ns = new NetNs("h1");
        ns.addDevice("eth0", DevKind.VETH, 0x02000000000aL, 1500);
    }

    private CommandResult sysctl(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("sysctl");
        argv.addAll(Arrays.asList(args));
        return new Sysctl().run(argv, ns);
    }

    private static void check(CommandResult r, int exit, String out, String err) {
        assertEquals(out, r.stdout(), "stdout");
        assertEquals(err, r.stderr(), "stderr");
        assertEquals(exit, r.exit(), "exit status");
    }

    @Test
    void reads() {
        check(sysctl("net.ipv4.ip_forward"), 0, "net.ipv4.ip_forward = 0\n", "");
        check(sysctl("net/ipv4/ip_forward"), 0, "net.ipv4.ip_forward = 0\n", "");
        check(sysctl("-n", "net.ipv4.ip_local_port_range"), 0, "32768\t60999\n", "");
        check(sysctl("net.ipv4.ip_local_port_range"), 0, "net.ipv4.ip_local_port_range = 32768\t60999\n", "");
        check(sysctl("-b", "net.ipv4.ip_forward"), 0, "0", "");
        check(sysctl("-N", "net.ipv4.ip_forward"), 0, "net.ipv4.ip_forward\n", "");
        check(sysctl("-n", "-N", "net.ipv4.ip_forward"), 0, "net.ipv4.ip_forward\n", "");
        check(sysctl("net.ipv4.ip_forward", "-n"), 0, "0\n", "");
        check(sysctl("--val", "net.ipv4.conf.eth0.forwarding"), 0, "0\n", "");
        check(sysctl("-r", "forward", "net.ipv4.ip_forward", "net.ipv4.ip_default_ttl"), 0, "net.ipv4.ip_forward = 0\n", "");
    }

    @Test
    void readErrorsAddUp() {
        String foo = "sysctl: cannot stat /proc/sys/net/ipv4/foo: No such file or directory\n";
        check(sysctl("net.ipv4.foo"), 1, "", foo);
        check(sysctl("net.ipv4.foo", "net.ipv4.bar"), 2, "",
                foo + "sysctl: cannot stat /proc/sys/net/ipv4/bar: No such file or directory\n");
        check(sysctl("-e", "net.ipv4.foo"), 0, "", "");
        check(sysctl(""), 255, "", "sysctl: \"\" is an unknown key\n");
        check(sysctl("net..ipv4.ip_forward"), 0, "net..ipv4.ip_forward = 0\n",
                "sysctl: separators should not be repeated: ..ipv4.ip_forward\n");
    }

    @Test
    void directoriesList() {
        CommandResult r = sysctl("net.ipv4.conf.eth0");
        assertEquals(0, r.exit());
        assertTrue(r.stdout().startsWith("net.ipv4.conf.eth0.accept_local = 0\nnet.ipv4.conf.eth0.accept_redirects = 1\n"),
                r.stdout());
        assertTrue(r.stdout().lines().allMatch(l -> l.startsWith("net.ipv4.conf.eth0.")));
        CommandResult all = sysctl("-a");
        List<String> names = all.stdout().lines().map(l -> l.substring(0, l.indexOf(" = "))).toList();
        // listed directory by directory in name order: net.core before net.ipv4, conf.all before conf.default
        assertTrue(names.indexOf("net.core.somaxconn") < names.indexOf("net.ipv4.conf.all.forwarding"));
        assertTrue(names.indexOf("net.ipv4.conf.all.rp_filter") < names.indexOf("net.ipv4.conf.default.forwarding"));
        assertTrue(names.indexOf("net.ipv4.conf.lo.rp_filter") < names.indexOf("net.ipv4.icmp_echo_ignore_all"));
        assertTrue(names.indexOf("net.ipv4.ip_forward") < names.indexOf("net.ipv4.neigh.default.gc_thresh1"));
        check(sysctl("-a", "-r", "^net.ipv4.conf.lo.rp"), 0, "net.ipv4.conf.lo.rp_filter = 0\n", "");
        check(sysctl("-N", "-r", "ip_forward$", "-a"), 0, "net.ipv4.ip_forward\n", "");
    }

    @Test
    void writes() {
        check(sysctl("-w", "net.ipv4.ip_forward=1"), 0, "net.ipv4.ip_forward = 1\n", "");
        assertTrue(ns.sysctl().ipForward());
        check(sysctl("net.ipv4.ip_forward=0"), 0, "net.ipv4.ip_forward = 0\n", "");
        check(sysctl("-q", "-w", "net.ipv4.ip_forward=1"), 0, "", "");
        check(sysctl("-n", "net.ipv4.ip_forward=0"), 0, "0\n", "");
        check(sysctl("-N", "net.ipv4.ip_forward=0"), 0, "0\n", "");
        check(sysctl("net.ipv4.ip_forward = 1"), 0, "net.ipv4.ip_forward = 1\n", "");
        check(sysctl("-w", "net.ipv4.ip_forward= 0"), 0, "net.ipv4.ip_forward = 0\n", "");
        // the echo is what was written; the file then holds the kernel's form
        check(sysctl("-w", "net.ipv4.ip_local_port_range=1024  65000"), 0,
                "net.ipv4.ip_local_port_range = 1024  65000\n", "");
        check(sysctl("net.ipv4.ip_local_port_range"), 0, "net.ipv4.ip_local_port_range = 1024\t65000\n", "");
        check(sysctl("-w", "net.ipv4.tcp_rmem=1000"), 0, "net.ipv4.tcp_rmem = 1000\n", "");
        check(sysctl("-n", "net.ipv4.tcp_rmem"), 0, "1000\t131072\t6291456\n", "");
        check(sysctl("-w", "net.ipv4.ip_default_ttl=010"), 0, "net.ipv4.ip_default_ttl = 010\n", "");
        check(sysctl("-n", "net.ipv4.ip_default_ttl"), 0, "8\n", "");
        check(sysctl("-w", "net/ipv4/conf/eth0/rp_filter=2"), 0, "net.ipv4.conf.eth0.rp_filter = 2\n", "");
        assertEquals("2", ns.sysctl().get("net.ipv4.conf.eth0.rp_filter").orElseThrow());
        check(sysctl("--dry-run", "net.ipv4.conf.eth0.rp_filter=0"), 0, "net.ipv4.conf.eth0.rp_filter = 0\n", "");
        assertEquals("2", ns.sysctl().get("net.ipv4.conf.eth0.rp_filter").orElseThrow());
    }

    @Test
    void writeErrors() {
        String foo = "sysctl: cannot stat /proc/sys/net/ipv4/foo: No such file or directory\n";
        check(sysctl("-w", "net.ipv4.foo=1"), 1, "", foo);
        check(sysctl("-w", "net.ipv4.foo=1", "net.ipv4.ip_forward=1"), 1, "net.ipv4.ip_forward = 1\n", foo);
        check(sysctl("-e", "-w", "net.ipv4.foo=1"), 0, "", "");
        String inval = "sysctl: setting key \"net.ipv4.ip_forward\": Invalid argument\n";
        check(sysctl("-w", "net.ipv4.ip_forward=abc"), 1, "", inval);
        check(sysctl("-w", "net.ipv4.ip_forward="), 1, "", inval);
        check(sysctl("-w", "net.ipv4.ip_forward=99999999999"), 1, "", inval);
        check(sysctl("-w", "net.ipv4.tcp_congestion_control=bbr2"), 1, "",
                "sysctl: setting key \"net.ipv4.tcp_congestion_control\": No such file or directory\n");
        check(sysctl("-w", "net.ipv4=1"), 0, "", "sysctl: setting key \"net.ipv4\": Invalid argument\n");
        check(sysctl("-w", "net.ipv4.ip_forward"), 1, "", "sysctl: command line(0): invalid syntax, continuing...\n");
        check(sysctl("-w", "--", "-net.ipv4.foo=1"), 1, "", foo);
    }

    @Test
    void usageAndOptions() {
        CommandResult bare = sysctl();
        assertEquals(1, bare.exit());
        assertTrue(bare.stderr().startsWith("\nUsage:\n sysctl [options] [variable[=value] ...]\n\nOptions:\n"));
        assertTrue(bare.stderr().endsWith("\nFor more details see sysctl(8).\n"));
        check(sysctl("-h"), 0, bare.stderr(), "");
        check(sysctl("-z"), 0, bare.stderr(), "sysctl: invalid option -- 'z'\n");
        check(sysctl("-r"), 0, bare.stderr(), "sysctl: option requires an argument -- 'r'\n");
        check(sysctl("--pattern"), 0, bare.stderr(), "sysctl: option '--pattern' requires an argument\n");
        check(sysctl("--foo"), 0, bare.stderr(), "sysctl: unrecognized option '--foo'\n");
        check(sysctl("--d", "x"), 0, bare.stderr(),
                "sysctl: option '--d' is ambiguous; possibilities: '--deprecated' '--dry-run'\n");
        check(sysctl("-V"), 0, "sysctl from procps-ng 4.0.2\n", "");
        check(sysctl("-n"), 1, "", "sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
        check(sysctl("-N", "-q", "net.ipv4.ip_forward=0"), 1, "",
                "sysctl: options -N and -q cannot coexist\nTry `sysctl --help' for more information.\n");
        check(sysctl("-p", "/nonexistent"), 1, "", "sysctl: cannot open \"/nonexistent\": No such file or directory\n");
        check(sysctl("--system"), 0, "", "");
    }
}
