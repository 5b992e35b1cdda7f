package io.netemu.test.netfilter.nft;

import io.netemu.test.linux.LinuxOracle;
import io.netemu.test.linux.ToolDifferential;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code linux-labs/nft-*.yaml} labs in real Linux namespaces (nftables 1.0.6) and in netemu:
 * exit statuses, expectations and ping outcomes as DifferentialTest compares them, and the exact
 * output of every nft command a scenario runs ({@code nft list ruleset} with its counters,
 * listings with handles, errors). Needs the oracle's tools plus {@code nft} on PATH.
 */
class NftDifferentialTest {
    static List<String> labs() {
        return LinuxOracle.labNames().stream().filter(n -> n.startsWith("nft-")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void netemuFiltersAsLinux(String name) {
        LinuxOracle.assumeAvailable();
        LinuxOracle.assumeTool("nft", "nftables");
        ToolDifferential.assertSameAsLinux(name, "nft", UnaryOperator.identity());
    }
}
