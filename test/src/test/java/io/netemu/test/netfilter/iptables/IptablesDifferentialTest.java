package io.netemu.test.netfilter.iptables;

import io.netemu.test.linux.LinuxOracle;
import io.netemu.test.linux.ToolDifferential;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code linux-labs/iptables-*.yaml} labs in real Linux namespaces (iptables 1.8.9, nf_tables)
 * and in netemu: exit statuses, expectations and ping outcomes as DifferentialTest compares them,
 * and, for every iptables command a scenario runs (listings with counters, -S, iptables-save),
 * the exact output, the save's date aside. Needs the oracle's tools plus {@code iptables}.
 */
class IptablesDifferentialTest {
    static List<String> labs() {
        return LinuxOracle.labNames().stream().filter(n -> n.startsWith("iptables-")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void netemuFirewallsAsLinux(String name) {
        LinuxOracle.assumeAvailable();
        LinuxOracle.assumeTool("iptables", "iptables");
        ToolDifferential.assertSameAsLinux(name, "iptables", IptablesDifferentialTest::undated);
    }

    /** iptables-save's "on Wed Nov 25 16:24:41 2026" stamps, which no two runs share. */
    static String undated(String s) {
        return s.replaceAll("on [A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}", "on DATE");
    }
}
