package io.netemu.test.linux;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code tc qdisc} with tbf against real Linux (linux-labs/tc-tbf.yaml): every tc step's exit
 * status, stdout and stderr. Two things differ by machine, not by emulation, and are
 * normalised: automatic handles (the kernel numbers them 8001:, 8002:... across all namespaces,
 * netemu per namespace) and the root qdisc's refcnt (1 + one per tx queue; a Linux veth has one
 * per CPU, netemu's one).
 */
class TcDifferentialTest {
    static String normalize(String s) {
        return s.replaceAll("\\b8[0-9a-f]{3}:", "<auto>:").replaceAll("refcnt \\d+", "refcnt N");
    }

    @Test
    void tbfCommandsAsLinux() {
        ToolDifferential.assertSameAsLinux("tc-tbf", "tc", TcDifferentialTest::normalize);
    }
}
