package io.netemu.cli.console;

import io.netemu.topologies.lab.Endpoint;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LinkSpec;
import io.netemu.topologies.lab.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion from the lab file: the first word is a console command or a node; after
 * {@code link}, the interfaces as NODE:IFACE, then up or down; after {@code crash}/{@code restart},
 * nodes; after a node, the tools a node has, then its interfaces and the other nodes' names.
 */
final class ConsoleCompleter implements Completer {
    private static final List<String> TOOLS = List.of("ip", "tc", "ping", "iptables", "iptables-save", "nft", "sysctl",
            "ethtool", "bpftool", "bridge", "tcpdump", "iperf3", "cat");

    private final Lab lab;

    ConsoleCompleter(Lab lab) {
        this.lab = lab;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        for (String c : candidates(line.words(), line.wordIndex())) {
            candidates.add(new Candidate(c));
        }
    }

    /** The words that may stand at {@code index} after {@code words} (exposed for tests). */
    List<String> candidates(List<String> words, int index) {
        List<String> out = new ArrayList<>();
        if (index == 0) {
            out.addAll(ConsoleShell.BUILTINS);
            out.addAll(lab.nodes().keySet());
            return out;
        }
        String first = words.get(0);
        switch (first) {
            case "link" -> {
                if (index == 1) {
                    for (LinkSpec l : lab.links()) {
                        out.add(l.a().toString());
                        out.add(l.b().toString());
                    }
                } else if (index == 2) {
                    out.addAll(List.of("up", "down"));
                }
            }
            case "crash", "restart" -> {
                if (index == 1) {
                    out.addAll(lab.nodes().keySet());
                }
            }
            default -> {
                if (lab.nodes().containsKey(first)) {
                    if (index == 1) {
                        out.addAll(TOOLS);
                    } else {
                        out.addAll(interfaces(first));
                        out.addAll(lab.nodes().keySet());
                    }
                }
            }
        }
        return out;
    }

    /** A node's interfaces: lo, br0 on a bridge, and its ends of links. */
    private List<String> interfaces(String node) {
        List<String> out = new ArrayList<>(List.of("lo"));
        NodeSpec n = lab.nodes().get(node);
        if (n != null && n.isBridge()) {
            out.add("br0");
        }
        for (LinkSpec l : lab.links()) {
            for (Endpoint e : List.of(l.a(), l.b())) {
                if (e.node().equals(node)) {
                    out.add(e.iface());
                }
            }
        }
        return out;
    }
}
