package io.netemu.topologies.lab;

import io.netemu.topologies.lab.LabDiagnostic.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects the errors and warnings of one lab file, each at the YAML node it concerns. */
final class Diagnostics {

    /** containerlab keys that mean nothing here; reported once each, however often they appear. */
    static final List<String> CONTAINERLAB_KEYS = List.of("image", "mgmt", "startup-config", "binds", "kinds");

    private final String file;
    private final List<LabDiagnostic> errors = new ArrayList<>();
    private final List<LabDiagnostic> warnings = new ArrayList<>();
    private final Map<String, List<Node>> containerlabKeys = new LinkedHashMap<>();

    Diagnostics(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void error(Node at, String message) {
        errors.add(at(at, Severity.ERROR, message));
    }

    void error(int line, int column, String message) {
        errors.add(new LabDiagnostic(file, line, column, Severity.ERROR, message));
    }

    void warning(Node at, String message) {
        warnings.add(at(at, Severity.WARNING, message));
    }

    /** Notes an ignored containerlab key; {@link #warnings()} reports each key once, at its first use. */
    void containerlabKey(String key, Node keyNode) {
        containerlabKeys.computeIfAbsent(key, k -> new ArrayList<>()).add(keyNode);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    int errorCount() {
        return errors.size();
    }

    List<LabDiagnostic> errors() {
        return errors.stream().sorted(LabDiagnostic.BY_POSITION).toList();
    }

    List<LabDiagnostic> warnings() {
        List<LabDiagnostic> all = new ArrayList<>(warnings);
        containerlabKeys.forEach((key, nodes) -> {
            String more = nodes.size() == 1 ? "" : "; also on line" + (nodes.size() > 2 ? "s " : " ")
                    + nodes.stream().skip(1).map(n -> String.valueOf(line(n))).collect(Collectors.joining(", "));
            all.add(at(nodes.get(0), Severity.WARNING,
                    "key \"" + key + "\" ignored (containerlab key; does not apply to netemu" + more + ")"));
        });
        all.sort(LabDiagnostic.BY_POSITION);
        return all;
    }

    /** {@code FILE:LINE:COL} of a node, for messages that point at a second place. */
    String where(Node n) {
        return file + ":" + line(n) + ":" + column(n);
    }

    static int line(Node n) {
        return n.getStartMark().map(Mark::getLine).orElse(0) + 1;
    }

    static int column(Node n) {
        return n.getStartMark().map(Mark::getColumn).orElse(0) + 1;
    }

    private LabDiagnostic at(Node n, Severity severity, String message) {
        return new LabDiagnostic(file, line(n), column(n), severity, message);
    }

    /**
     * {@code " (did you mean X?)"} for the candidate closest to {@code found} within edit distance
     * 2 (and closer than the length of {@code found}, so "x" does not suggest "h1"), else "".
     */
    static String suggest(String found, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = c.equalsIgnoreCase(found) ? 0 : levenshtein(found, c);
            if (!c.equals(found) && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= 2 && bestDistance < found.length()
                ? " (did you mean " + best + "?)" : "";
    }

    static int levenshtein(String a, String b) {
        a = a.toLowerCase(Locale.ROOT);
        b = b.toLowerCase(Locale.ROOT);
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int subst = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(subst, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
