package io.netemu.test.xdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.test.e2e.Labs;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.run.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lab in topologies/xdp/ with its programs compiled by clang: pings stop where a program
 * drops them (drop_icmp, lpm_block's blocked prefix only, swap_mac's reflection), the maps show
 * the right counters in bpftool map dump (count_src, lpm_block), ethtool -S counts the verdicts.
 */
class XdpLabsTest {
    static Stream<String> labs() throws Exception {
        try (Stream<Path> s = Files.list(XdpObjects.source())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("labs")
    void labRunsAndEveryExpectationHolds(String name) throws Exception {
        Path dir = XdpObjects.dir();
        RunReport r = Labs.run(LabLoader.load(dir.resolve(name)).lab());
        assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
    }
}
