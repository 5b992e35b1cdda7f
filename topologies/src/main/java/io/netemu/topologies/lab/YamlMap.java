package io.netemu.topologies.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The entries of one YAML mapping by key, read once: duplicate keys are errors (YAML forbids
 * them, and the parser lets them through), unknown keys warnings with a suggestion, containerlab
 * keys noted as ignored. Also the node helpers the readers share.
 */
final class YamlMap {
    private final Diagnostics diag;
    private final MappingNode node;
    private final String where;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final List<NodeTuple> unknown = new ArrayList<>();

    private YamlMap(Diagnostics diag, MappingNode node, String where) {
        this.diag = diag;
        this.node = node;
        this.where = where;
    }

    /**
     * @param where        how messages name this mapping, e.g. "node h1" or "topology"
     * @param known        the keys this mapping may hold
     * @param containerlab whether containerlab's inapplicable keys may appear here (and are ignored)
     */
    static YamlMap read(Diagnostics diag, MappingNode node, String where, Set<String> known, boolean containerlab) {
        YamlMap map = new YamlMap(diag, node, where);
        for (NodeTuple t : node.getValue()) {
            String key = text(t.getKeyNode());
            if (key == null) {
                diag.error(t.getKeyNode(), where + ": expected a plain key, found " + describe(t.getKeyNode()));
            } else if (map.entries.containsKey(key)) {
                diag.error(t.getKeyNode(), where + ": duplicate key \"" + key + "\" (first at line "
                        + Diagnostics.line(map.entries.get(key).getKeyNode()) + ")");
            } else if (known.contains(key)) {
                map.entries.put(key, t);
            } else if (containerlab && Diagnostics.CONTAINERLAB_KEYS.contains(key)) {
                diag.containerlabKey(key, t.getKeyNode());
            } else {
                map.unknown.add(t);
                diag.warning(t.getKeyNode(), "unknown key \"" + key + "\" in " + where + ", ignored"
                        + Diagnostics.suggest(key, known));
            }
        }
        return map;
    }

    /** The value under {@code key}, or null when absent or written empty ({@code key:} or {@code key: ~}). */
    Node get(String key) {
        NodeTuple t = entries.get(key);
        return t == null || isNull(t.getValueNode()) ? null : t.getValueNode();
    }

    Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getKeyNode();
    }

    /**
     * The value under {@code key}; if it is missing, reports "WHERE: missing "KEY": WHY" at this
     * mapping, naming a close unknown key as the likely typo, and returns null.
     */
    Node require(String key, String why) {
        Node value = get(key);
        if (value == null) {
            String typo = "";
            for (NodeTuple t : unknown) {
                String k = text(t.getKeyNode());
                if (!Diagnostics.suggest(k, List.of(key)).isEmpty()) {
                    typo = " (found \"" + k + "\" on line " + Diagnostics.line(t.getKeyNode()) + "; a typo?)";
                    break;
                }
            }
            Node at = entries.containsKey(key) ? keyNode(key) : node;
            diag.error(at, where + ": missing \"" + key + "\"" + (why.isEmpty() ? "" : ": " + why) + typo);
        }
        return value;
    }

    // --- typed values: each reports "KEY ...: expected ..." at the value and returns null on error --

    /** A scalar's text, or null (absent, or a collection: reported). */
    String string(String key, String expected) {
        return scalar(get(key), key, expected);
    }

    MappingNode mapping(String key, String expected) {
        Node v = get(key);
        if (v == null || v instanceof MappingNode) {
            return (MappingNode) v;
        }
        diag.error(v, key + ": expected " + expected + ", found " + describe(v));
        return null;
    }

    SequenceNode sequence(String key, String expected) {
        Node v = get(key);
        if (v == null || v instanceof SequenceNode) {
            return (SequenceNode) v;
        }
        diag.error(v, key + ": expected " + expected + ", found " + describe(v));
        return null;
    }

    Long duration(String key) {
        String t = string(key, "a duration such as 500ms");
        try {
            return t == null ? null : LabValues.parseDurationNanos(t);
        } catch (IllegalArgumentException e) {
            diag.error(get(key), key + ": " + e.getMessage());
            return null;
        }
    }

    Long rate(String key) {
        String t = string(key, "a rate such as 100mbit");
        try {
            return t == null ? null : LabValues.parseRateBitsPerSec(t);
        } catch (IllegalArgumentException e) {
            diag.error(get(key), key + ": " + e.getMessage());
            return null;
        }
    }

    Double percent(String key) {
        String t = string(key, "a percentage such as 0.5%");
        try {
            return t == null ? null : LabValues.parsePercent(t);
        } catch (IllegalArgumentException e) {
            diag.error(get(key), key + ": " + e.getMessage());
            return null;
        }
    }

    /** An integer in {@code [min, max]}; {@code expected} describes the range for the message. */
    Long integer(String key, long min, long max, String expected) {
        String t = string(key, expected);
        if (t == null) {
            return null;
        }
        try {
            long v = Long.parseLong(t.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below, the same as out of range
        }
        diag.error(get(key), key + " \"" + t + "\": expected " + expected);
        return null;
    }

    /** A scalar's text, or null: absent, or a collection (reported as "WHAT: expected ..., found a list"). */
    String scalar(Node v, String what, String expected) {
        if (v == null) {
            return null;
        }
        if (v instanceof ScalarNode s) {
            return s.getValue();
        }
        diag.error(v, what + ": expected " + expected + ", found " + describe(v));
        return null;
    }

    // --- node helpers ---------------------------------------------------------------------------

    /** A scalar's text, or null for a collection. */
    static String text(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    /** YAML's null: an empty plain scalar, {@code ~} or {@code null}. */
    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.isPlain()
                && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equalsIgnoreCase("null"));
    }

    /** How a message names what it found: {@code a mapping}, {@code a list}, {@code nothing} or the quoted text. */
    static String describe(Node n) {
        if (n == null || isNull(n)) {
            return "nothing";
        }
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        return "\"" + text(n) + "\"";
    }
}
