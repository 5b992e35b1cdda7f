package io.netemu.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.test.e2e.Labs;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.report.HtmlReport;
import io.netemu.topologies.report.ReportModel;
import io.netemu.topologies.run.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: headless Chromium loads the page a run of a leaf-spine with
 * a cut link, a crash and a restart wrote (labs/report-leafspine.yaml), runs its script without
 * errors, and the DOM it ends with draws every node of the lab; the lab's own text (a step whose
 * command is markup) shows as text, not as markup.
 */
class HtmlReportBrowserTest {
    private static Lab lab;
    private static String html;

    @BeforeAll
    static void runLab() {
        lab = ReportLabs.lab("report-leafspine");
        RunReport run = ReportLabs.run(lab, "100ms");
        assertEquals(0, run.exitStatus(), () -> Labs.describe(run));
        html = HtmlReport.write(ReportModel.of(run));
    }

    @Test
    void thePageIsSelfContainedAndEscapesTheLabsText() {
        assertFalse(Pattern.compile("\\b(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "nothing loaded from elsewhere");
        assertFalse(html.contains("<script>alert("), "a step's output is not markup");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; done"), "but text");
        for (String node : lab.nodes().keySet()) {
            assertTrue(html.contains("data-node=\"" + node + "\""), node);
        }
    }

    @Test
    void chromiumLoadsThePageWithoutErrorsAndShowsEveryNode(@TempDir Path dir) throws Exception {
        Chromium.assume();
        Path page = dir.resolve("report.html");
        Files.writeString(page, html);
        Chromium.Result r = Chromium.dumpDom(page);
        assertEquals(0, r.exit(), r.stderr());
        String dom = r.stdout();
        assertTrue(dom.contains("data-ready=\"1\""), () -> "the page's script ran to its end:\n" + r.stderr() + "\n" + head(dom));
        java.util.regex.Matcher jsError = Pattern.compile("data-js-error=\"([^\"]*)\"").matcher(dom);
        assertFalse(jsError.find(), () -> "a script error: " + jsError.group(1));
        assertFalse(Pattern.compile("Uncaught|CONSOLE\\(\\d+\\)\\]? ?\"?.*[Ee]rror").matcher(r.stderr()).find(),
                () -> "console errors:\n" + r.stderr());
        int start = dom.indexOf("<svg id=\"topology\"");
        assertTrue(start >= 0, () -> head(dom));
        String graph = dom.substring(start, dom.indexOf("</svg>", start));
        for (String node : lab.nodes().keySet()) {
            assertTrue(graph.contains(">" + node + "</text>"), () -> node + " drawn in the graph:\n" + graph);
        }
        assertTrue(dom.contains("<span id=\"node-count\">" + lab.nodes().size() + " nodes</span>"), "the script counted the drawn nodes");
        assertTrue(dom.contains("&lt;script&gt;alert("), "the step's markup is shown as text");

        Path png = dir.resolve("report.png");
        Chromium.Result shot = Chromium.screenshot(page, png);
        assertEquals(0, shot.exit(), shot.stderr());
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', "a PNG of the page");
    }

    /** The check above would see a script error: a page with one is caught both ways. */
    @Test
    void aScriptErrorWouldBeSeen(@TempDir Path dir) throws Exception {
        Chromium.assume();
        Path page = dir.resolve("broken.html");
        Files.writeString(page, html.replace("</body>", "<script>noSuchFunction();</script></body>"));
        Chromium.Result r = Chromium.dumpDom(page);
        assertTrue(r.stdout().contains("data-js-error=\""), () -> head(r.stdout()));
        assertTrue(r.stderr().contains("Uncaught"), r.stderr());
    }

    private static String head(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }
}
