package io.netemu.topologies.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The lab's {@code capture:} list (issue 6, "Captures"): interfaces to record for the whole
 * run, each written {@code NODE:IFACE} and each the end of a link, as a {@code link:} step names one.
 */
final class CaptureReader {
    private CaptureReader() {}

    static List<Endpoint> read(Diagnostics diag, YamlMap lab, Set<Endpoint> endpoints) {
        String expected = "a list of interfaces such as [\"r1:eth0\", \"h2:eth0\"]";
        SequenceNode seq = lab.sequence("capture", expected);
        if (seq == null) {
            return List.of();
        }
        Set<Endpoint> out = new LinkedHashSet<>();
        for (Node item : seq.getValue()) {
            String text = YamlMap.text(item);
            if (text == null) {
                diag.error(item, "capture: expected an interface \"NODE:IFACE\", found " + YamlMap.describe(item));
                continue;
            }
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1 || text.indexOf(':', colon + 1) >= 0) {
                diag.error(item, "capture \"" + text + "\": expected NODE:IFACE, the endpoint of a link, e.g. \"r1:eth0\"");
                continue;
            }
            Endpoint e = new Endpoint(text.substring(0, colon), text.substring(colon + 1));
            if (!endpoints.contains(e)) {
                List<String> all = new ArrayList<>();
                endpoints.forEach(x -> all.add(x.toString()));
                diag.error(item, "capture \"" + text + "\": no link has this interface" + Diagnostics.suggest(text, all));
                continue;
            }
            if (!out.add(e)) {
                diag.warning(item, "capture \"" + text + "\": listed twice, captured once");
            }
        }
        return List.copyOf(out);
    }
}
