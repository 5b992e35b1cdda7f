package io.netemu.topologies.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads {@code topology.links}: endpoints against the nodes, names as Linux allows them, impairments. */
final class LinkReader {

    static final Set<String> LINK_KEYS = Set.of("endpoints", "delay", "jitter", "loss", "rate", "corrupt", "duplicate", "mtu");

    /**
     * The links, and every endpoint written correctly (also on links with other errors), with
     * where it was written: scenario steps are checked against these without cascading errors.
     */
    record Links(List<LinkSpec> specs, Map<Endpoint, Node> endpoints) {
    }

    private final Diagnostics diag;
    private final Map<String, NodeSpec> nodes;
    private final Map<Endpoint, Node> used = new LinkedHashMap<>();

    private LinkReader(Diagnostics diag, Map<String, NodeSpec> nodes) {
        this.diag = diag;
        this.nodes = nodes;
    }

    static Links read(Diagnostics diag, YamlMap topology, Map<String, NodeSpec> nodes) {
        LinkReader r = new LinkReader(diag, nodes);
        List<LinkSpec> specs = new ArrayList<>();
        SequenceNode seq = topology.sequence("links", "a list of links, each a mapping with endpoints");
        if (seq != null) {
            for (Node item : seq.getValue()) {
                if (item instanceof MappingNode m) {
                    LinkSpec spec = r.link(m);
                    if (spec != null) {
                        specs.add(spec);
                    }
                } else {
                    diag.error(item, "link: expected a mapping with endpoints, found " + YamlMap.describe(item));
                }
            }
        }
        return new Links(specs, r.used);
    }

    private LinkSpec link(MappingNode m) {
        YamlMap map = YamlMap.read(diag, m, "link", LINK_KEYS, false);
        Node endpoints = map.require("endpoints", "expected two endpoints such as [\"h1:eth0\", \"r1:eth0\"]");
        List<Endpoint> ends = new ArrayList<>();
        boolean ok = endpoints != null;
        if (endpoints != null && !(endpoints instanceof SequenceNode)) {
            diag.error(endpoints, "endpoints: expected a list of two endpoints such as [\"h1:eth0\", \"r1:eth0\"], found "
                    + YamlMap.describe(endpoints));
            ok = false;
        } else if (endpoints instanceof SequenceNode s) {
            if (s.getValue().size() != 2) {
                diag.error(endpoints, "endpoints: expected exactly two endpoints \"NODE:IFACE\", found " + s.getValue().size());
                ok = false;
            }
            for (Node item : s.getValue()) {
                Endpoint e = endpoint(map, item);
                ok &= e != null;
                ends.add(e);
            }
        }
        Long delay = map.duration("delay");
        Long jitter = map.duration("jitter");
        Double loss = map.percent("loss");
        Long rate = map.rate("rate");
        Double corrupt = map.percent("corrupt");
        Double duplicate = map.percent("duplicate");
        Long mtu = map.integer("mtu", LinkSpec.MIN_MTU, LinkSpec.MAX_MTU,
                "an integer from " + LinkSpec.MIN_MTU + " to " + LinkSpec.MAX_MTU);
        if (!ok || diag.hasErrors()) {
            return null;   // no Lab is built once anything failed; skip constructing from partial values
        }
        Impairments imp = new Impairments(orZero(delay), orZero(jitter), orZero(loss), orZero(rate),
                orZero(corrupt), orZero(duplicate));
        return new LinkSpec(ends.get(0), ends.get(1), imp.isNone() ? Impairments.NONE : imp,
                mtu == null ? LinkSpec.DEFAULT_MTU : mtu.intValue(), Diagnostics.line(m));
    }

    private Endpoint endpoint(YamlMap map, Node item) {
        String text = map.scalar(item, "link endpoint", "\"NODE:IFACE\" such as \"r1:eth0\"");
        if (text == null) {
            return null;
        }
        String quoted = "link endpoint \"" + text + "\": ";
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            diag.error(item, quoted + "expected NODE:IFACE, e.g. \"r1:eth0\"");
            return null;
        }
        String node = text.substring(0, colon);
        String iface = text.substring(colon + 1);
        NodeSpec spec = nodes.get(node);
        if (spec == null) {
            diag.error(item, quoted + "no node " + node + " in topology.nodes" + Diagnostics.suggest(node, nodes.keySet()));
            return null;
        }
        try {
            LabValues.checkInterfaceName(iface);
        } catch (IllegalArgumentException e) {
            diag.error(item, quoted + e.getMessage());
            return null;
        }
        if (iface.equals("lo")) {
            diag.error(item, quoted + "interface name \"lo\" is reserved: every node has its own loopback");
            return null;
        }
        if (iface.equals("br0") && spec.isBridge()) {
            diag.error(item, quoted + "interface name \"br0\" is reserved on bridge node " + node + " for its bridge device");
            return null;
        }
        Endpoint e = new Endpoint(node, iface);
        Node first = used.putIfAbsent(e, item);
        if (first != null) {
            diag.error(item, quoted + "duplicate interface: " + e + " is already an endpoint at " + diag.where(first)
                    + "; an interface belongs to one link");
            return null;
        }
        return e;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static double orZero(Double v) {
        return v == null ? 0 : v;
    }
}
