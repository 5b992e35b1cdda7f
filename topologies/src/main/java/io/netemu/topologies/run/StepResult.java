package io.netemu.topologies.run;

import io.netemu.topologies.lab.StepSpec;

/**
 * What one scenario step did: exit status, output, when it started and ended (ms from the end
 * of boot) and whether its expectation held ({@code null}: it had none).
 */
public record StepResult(StepSpec step, int exit, String stdout, String stderr, long startedMs, long endedMs,
                         Boolean expectOk) {
}
