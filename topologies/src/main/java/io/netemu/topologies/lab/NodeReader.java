package io.netemu.topologies.lab;

import io.netemu.node.shell.ShellWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads {@code topology.defaults} and {@code topology.nodes}, merging the defaults under every node. */
final class NodeReader {

    static final Set<String> NODE_KEYS = Set.of("kind", "sysctl", "exec", "placement", "netns-on-crash");
    static final List<String> KINDS = List.of(NodeSpec.LINUX, NodeSpec.BRIDGE);

    /**
     * Node names: letters, digits, '_', '.', '-', starting with a letter or digit. Stricter than
     * {@code ip netns} (which takes anything but '/'): ':' separates node from interface in
     * endpoints, '/' separates the parts of a MAC seed, and this set is also safe in file and
     * actor names.
     */
    static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /** Full dotted sysctl names under net. or kernel., as sysctl(8) writes them; '/' may appear inside a part (eth0/100). */
    private static final Pattern SYSCTL_KEY = Pattern.compile("(net|kernel)(\\.[^.\\s]+)+");

    private static final String NODE_SETTINGS = "a mapping of node settings (kind, sysctl, exec, placement, netns-on-crash)";

    /** One mapping of node settings as written; a null field was not set. */
    private record Settings(String kind, Map<String, String> sysctl, List<ExecLine> exec, String placement,
                            String netnsOnCrash) {
        static final Settings NONE = new Settings(null, null, null, null, null);
    }

    private final Diagnostics diag;

    private NodeReader(Diagnostics diag) {
        this.diag = diag;
    }

    /** The nodes by name in file order; every name written is included, valid or not, so links can find them. */
    static Map<String, NodeSpec> read(Diagnostics diag, YamlMap topology) {
        NodeReader r = new NodeReader(diag);
        MappingNode defaultsNode = topology.mapping("defaults", NODE_SETTINGS);
        Settings defaults = defaultsNode == null ? Settings.NONE : r.settings(defaultsNode, "topology.defaults");
        Node nodes = topology.require("nodes", "a lab needs a mapping from node name to node settings");
        Map<String, NodeSpec> specs = new LinkedHashMap<>();
        if (nodes == null) {
            return specs;
        }
        if (!(nodes instanceof MappingNode m)) {
            diag.error(nodes, "nodes: expected a mapping from node name to node settings, found " + YamlMap.describe(nodes));
            return specs;
        }
        if (m.getValue().isEmpty()) {
            diag.error(nodes, "nodes: a lab needs at least one node");
        }
        for (NodeTuple t : m.getValue()) {
            String name = YamlMap.text(t.getKeyNode());
            if (name == null || YamlMap.isNull(t.getKeyNode())) {
                diag.error(t.getKeyNode(), "node name: expected a name, found " + YamlMap.describe(t.getKeyNode()));
                continue;
            }
            if (specs.containsKey(name)) {
                diag.error(t.getKeyNode(), "duplicate node \"" + name + "\" (first at line " + specs.get(name).line() + ")");
                continue;
            }
            if (!NODE_NAME.matcher(name).matches()) {
                diag.error(t.getKeyNode(), "node name \"" + name + "\": expected letters, digits, '_', '.' or '-',"
                        + " starting with a letter or digit ([A-Za-z0-9][A-Za-z0-9_.-]*)");
            }
            Node body = t.getValueNode();
            Settings own = Settings.NONE;
            if (body instanceof MappingNode bm) {
                own = r.settings(bm, "node " + name);
            } else if (!YamlMap.isNull(body)) {
                diag.error(body, "node " + name + ": expected " + NODE_SETTINGS + ", found " + YamlMap.describe(body));
            }
            specs.put(name, merge(name, defaults, own, Diagnostics.line(t.getKeyNode())));
        }
        return specs;
    }

    /** defaults under the node: sysctl key by key, every other key replaced by the node's own. */
    private static NodeSpec merge(String name, Settings defaults, Settings own, int line) {
        Map<String, String> sysctl = new LinkedHashMap<>();
        if (defaults.sysctl() != null) {
            sysctl.putAll(defaults.sysctl());
        }
        if (own.sysctl() != null) {
            sysctl.putAll(own.sysctl());
        }
        return new NodeSpec(name,
                first(own.kind(), defaults.kind(), NodeSpec.LINUX),
                sysctl,
                first(own.exec(), defaults.exec(), List.of()),
                first(own.placement(), defaults.placement(), null),
                line,
                first(own.netnsOnCrash(), defaults.netnsOnCrash(), NodeSpec.KEEP));
    }

    private static <T> T first(T own, T dflt, T fallback) {
        return own != null ? own : dflt != null ? dflt : fallback;
    }

    private Settings settings(MappingNode m, String where) {
        YamlMap map = YamlMap.read(diag, m, where, NODE_KEYS, true);
        String kind = map.string("kind", "linux or bridge");
        if (kind != null && !KINDS.contains(kind)) {
            diag.error(map.get("kind"), "kind \"" + kind + "\": expected linux or bridge" + Diagnostics.suggest(kind, KINDS));
            kind = null;
        }
        MappingNode sysctl = map.mapping("sysctl", "a mapping from sysctl key to value");
        SequenceNode exec = map.sequence("exec", "a list of commands, one \"- \" item each");
        String placement = map.string("placement", "the name of a cluster member");
        String onCrash = map.string("netns-on-crash", "keep or delete");
        if (onCrash != null && !onCrash.equals(NodeSpec.KEEP) && !onCrash.equals(NodeSpec.DELETE)) {
            diag.error(map.get("netns-on-crash"), "netns-on-crash \"" + onCrash + "\": expected keep (the namespaces the"
                    + " node created with ip netns add live on after a crash, as on Linux) or delete");
            onCrash = null;
        }
        return new Settings(kind, sysctl == null ? null : sysctl(sysctl), exec == null ? null : exec(map, exec), placement,
                onCrash);
    }

    private Map<String, String> sysctl(MappingNode m) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Node> seen = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node keyNode = t.getKeyNode();
            String key = YamlMap.text(keyNode);
            if (key == null) {
                diag.error(keyNode, "sysctl: expected a dotted key such as net.ipv4.ip_forward, found " + YamlMap.describe(keyNode));
                continue;
            }
            if (seen.containsKey(key)) {
                diag.error(keyNode, "sysctl: duplicate key \"" + key + "\" (first at line " + Diagnostics.line(seen.get(key)) + ")");
                continue;
            }
            seen.put(key, keyNode);
            if (!SYSCTL_KEY.matcher(key).matches()) {
                String dotted = key.replace('/', '.');
                String hint = !dotted.equals(key) && SYSCTL_KEY.matcher(dotted).matches() ? " (did you mean " + dotted + "?)" : "";
                diag.error(keyNode, "sysctl key \"" + key + "\": expected a dotted name starting with net. or kernel.,"
                        + " e.g. net.ipv4.ip_forward" + hint);
            }
            Node v = t.getValueNode();
            if (YamlMap.isNull(v)) {
                diag.error(keyNode, "sysctl " + key + ": missing value");
            } else if (YamlMap.text(v) == null) {
                diag.error(v, "sysctl " + key + ": expected a scalar value such as 1, found " + YamlMap.describe(v));
            } else {
                values.put(key, sysctlValue(YamlMap.text(v)));
            }
        }
        return values;
    }

    /** The format says {@code true}/{@code false} are written as 1/0 (YAML 1.2 core-schema spellings). */
    private static String sysctlValue(String text) {
        return switch (text) {
            case "true", "True", "TRUE" -> "1";
            case "false", "False", "FALSE" -> "0";
            default -> text;
        };
    }

    private List<ExecLine> exec(YamlMap map, SequenceNode seq) {
        List<ExecLine> lines = new ArrayList<>();
        for (Node item : seq.getValue()) {
            String command = item instanceof MappingNode ? null
                    : map.scalar(item, "exec line", "a command");
            if (item instanceof MappingNode) {
                // "- echo a: b" parses as a mapping; the fix is quoting, so say so.
                diag.error(item, "exec line: expected a command, found a mapping (quote the line if it contains \": \")");
            } else if (command != null && checkCommand(diag, item, "exec line", command)) {
                lines.add(new ExecLine(command, Diagnostics.line(item), Diagnostics.column(item)));
            }
        }
        return lines;
    }

    /** Reports a command that no shell would split (unterminated quote) or that is empty. */
    static boolean checkCommand(Diagnostics diag, Node at, String what, String command) {
        try {
            if (ShellWords.split(command).isEmpty()) {
                diag.error(at, what + ": empty command");
                return false;
            }
            return true;
        } catch (IllegalArgumentException e) {
            diag.error(at, what + " \"" + command + "\": " + e.getMessage());
            return false;
        }
    }
}
