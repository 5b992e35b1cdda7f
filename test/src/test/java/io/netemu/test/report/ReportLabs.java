package io.netemu.test.report;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.netemu.test.e2e.Labs;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The report tests' labs (labs/report.yaml and others), run with counters sampled at a given interval. */
final class ReportLabs {
    private ReportLabs() {}

    static Path file() {
        return file("report");
    }

    static Path file(String name) {
        try {
            return Path.of(ReportLabs.class.getResource("/labs/" + name + ".yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Lab lab() {
        return lab("report");
    }

    static Lab lab(String name) {
        return LabLoader.load(file(name)).lab();
    }

    static RunReport run(Lab lab, String interval) {
        Config c = Labs.testConfig().withValue("netemu.report.sample-interval", ConfigValueFactory.fromAnyRef(interval));
        return LabRunner.run(lab, RunListener.NONE, c);
    }
}
