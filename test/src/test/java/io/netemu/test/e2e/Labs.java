package io.netemu.test.e2e;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;

/** Helpers to load and run labs in tests, with serialize-messages on. */
public final class Labs {
    private Labs() {}

    /** The repository root (the test module's parent). */
    public static Path repo() {
        String env = System.getenv("NETEMU_REPO");
        Path p = env != null ? Path.of(env) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(p.resolve("topologies"))) {
            p = Path.of("").toAbsolutePath();
        }
        return p;
    }

    public static Config testConfig() {
        return ConfigFactory.parseResources("netemu-test.conf").withFallback(LabRunner.config()).resolve();
    }

    public static Lab parse(String name, String yaml) {
        return LabLoader.parse(name + ".yaml", yaml).lab();
    }

    public static RunReport run(Lab lab) {
        return LabRunner.run(lab, RunListener.NONE, testConfig());
    }

    /**
     * Runs a lab on virtual time: the test's thread moves the clock to the next timer whenever
     * every actor is idle, so steps start exactly at their offsets and a run is as repeatable as
     * the actors' message order allows (a discrete-event simulation; no sleeping).
     */
    public static RunReport runVirtual(Lab lab) {
        return LabRunner.run(lab, RunListener.NONE, ConfigFactory.parseString("""
                netemu.time.mode = manual
                pekko.actor.default-dispatcher.executor = "io.netemu.device.time.QuiescentExecutor"
                """).withFallback(testConfig()).resolve());
    }

    /** A readable account of a report, for assertion messages. */
    public static String describe(RunReport r) {
        StringBuilder sb = new StringBuilder("lab ").append(r.name()).append(" ok=").append(r.ok());
        if (r.error() != null) {
            sb.append(" error=").append(r.error());
        }
        for (StepResult s : r.steps()) {
            sb.append("\n--- ").append(s.step()).append(" -> exit ").append(s.exit()).append(" expectOk=").append(s.expectOk())
                    .append("\n").append(s.stdout()).append(s.stderr());
        }
        return sb.toString();
    }
}
