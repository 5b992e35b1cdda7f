package io.netemu.test.netfilter.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.test.e2e.Labs;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.run.RunReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example labs that show iptables (topologies/nat-gateway.yaml, stateful-firewall.yaml) run, every expectation holding. */
class IptablesExampleLabsTest {
    static {
        IptablesDifferentialTest.register();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nat-gateway", "stateful-firewall"})
    void exampleLabHoldsItsExpectations(String name) {
        RunReport r = Labs.run(LabLoader.load(Labs.repo().resolve("topologies").resolve(name + ".yaml")).lab());
        assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
    }
}
