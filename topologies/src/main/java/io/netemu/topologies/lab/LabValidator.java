package io.netemu.topologies.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Turns the YAML tree of a lab file into a {@link Lab}, checking it against topology-format.md
 * and reporting every mistake, not just the first. The parts: {@link NodeReader},
 * {@link LinkReader}, {@link ScenarioReader}; each reads what it can past an error.
 */
final class LabValidator {

    static final Set<String> LAB_KEYS = Set.of("name", "topology", "scenario", "seed", "routing", "capture");
    static final Set<String> TOPOLOGY_KEYS = Set.of("defaults", "nodes", "links");
    static final Pattern LAB_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private LabValidator() {
    }

    /** The lab, or null when {@code diag} holds errors. {@code root} is null for an empty file. */
    static Lab validate(Diagnostics diag, Node root, Path dir) {
        if (root == null || YamlMap.isNull(root)) {
            diag.error(1, 1, "empty lab file: expected a mapping with name and topology");
            return null;
        }
        if (!(root instanceof MappingNode rootMap)) {
            diag.error(root, "expected a mapping with name and topology at the top of the file, found " + YamlMap.describe(root));
            return null;
        }
        YamlMap lab = YamlMap.read(diag, rootMap, "lab", LAB_KEYS, true);
        String name = name(diag, lab);
        Long seed = lab.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, "an integer");
        String routing = routing(diag, lab);
        Map<String, NodeSpec> nodes = Map.of();
        LinkReader.Links links = new LinkReader.Links(List.of(), Map.of());
        Node topologyNode = lab.require("topology", "a lab needs a topology with nodes (and links)");
        if (topologyNode instanceof MappingNode t) {
            YamlMap topology = YamlMap.read(diag, t, "topology", TOPOLOGY_KEYS, true);
            nodes = NodeReader.read(diag, topology);
            links = LinkReader.read(diag, topology, nodes);
        } else if (topologyNode != null) {
            diag.error(topologyNode, "topology: expected a mapping with nodes and links, found " + YamlMap.describe(topologyNode));
        }
        List<StepSpec> steps = ScenarioReader.read(diag, lab, nodes, links.endpoints().keySet());
        List<Endpoint> capture = CaptureReader.read(diag, lab, links.endpoints().keySet());
        if (diag.hasErrors()) {
            return null;
        }
        return new Lab(name, dir, diag.file(), seed, nodes, links.specs(), steps, routing, capture);
    }

    /** {@code routing: none | shortest-path}; absent means none. */
    private static String routing(Diagnostics diag, YamlMap lab) {
        String expected = "one of " + String.join(", ", Lab.ROUTING_MODES);
        String v = lab.string("routing", expected);
        if (v == null) {
            return Lab.ROUTING_NONE;
        }
        if (!Lab.ROUTING_MODES.contains(v)) {
            diag.error(lab.get("routing"), "routing \"" + v + "\": expected " + expected
                    + Diagnostics.suggest(v, Lab.ROUTING_MODES));
            return Lab.ROUTING_NONE;
        }
        return v;
    }

    private static String name(Diagnostics diag, YamlMap lab) {
        if (lab.require("name", "every lab needs a name matching [a-z0-9][a-z0-9-]*") == null) {
            return null;
        }
        String name = lab.string("name", "a name matching [a-z0-9][a-z0-9-]*");
        if (name != null && !LAB_NAME.matcher(name).matches()) {
            // Offer the obvious repair when there is one: "Two_Subnets" -> "two-subnets".
            String fixed = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
            String hint = LAB_NAME.matcher(fixed).matches() ? " (did you mean " + fixed + "?)" : "";
            diag.error(lab.get("name"), "name \"" + name + "\": expected lowercase letters, digits and '-',"
                    + " starting with a letter or digit ([a-z0-9][a-z0-9-]*)" + hint);
            return null;
        }
        return name;
    }
}
