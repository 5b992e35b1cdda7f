package io.netemu.topologies.lab;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated lab file.
 *
 * @param dir   the lab file's folder: files named in commands are relative to it
 * @param file  the lab file's path as the user gave it, for messages
 * @param seed  the lab's random seed, or null when the file sets none
 * @param nodes by name, in file order
 * @param steps scenario steps in file order (not sorted by {@code at})
 * @param routing {@link #ROUTING_NONE} (the default) or {@link #ROUTING_SHORTEST_PATH}: static routes
 *                computed from the nodes' addresses and installed at boot (io.netemu.topologies.routing)
 * @param capture the interfaces recorded to pcap files for the whole run ({@code capture:}, {@code --capture})
 */
public record Lab(String name, Path dir, String file, Long seed, Map<String, NodeSpec> nodes,
                  List<LinkSpec> links, List<StepSpec> steps, String routing, List<Endpoint> capture) {

    public static final String ROUTING_NONE = "none";
    public static final String ROUTING_SHORTEST_PATH = "shortest-path";
    public static final List<String> ROUTING_MODES = List.of(ROUTING_NONE, ROUTING_SHORTEST_PATH);

    /** A lab without computed routes ({@code routing: none}). */
    public Lab(String name, Path dir, String file, Long seed, Map<String, NodeSpec> nodes,
               List<LinkSpec> links, List<StepSpec> steps) {
        this(name, dir, file, seed, nodes, links, steps, ROUTING_NONE);
    }

    /** A lab that captures nothing. */
    public Lab(String name, Path dir, String file, Long seed, Map<String, NodeSpec> nodes,
               List<LinkSpec> links, List<StepSpec> steps, String routing) {
        this(name, dir, file, seed, nodes, links, steps, routing, List.of());
    }

    public Lab {
        Objects.requireNonNull(name, "name");
        if (routing == null) {
            routing = ROUTING_NONE;
        }
        if (!ROUTING_MODES.contains(routing)) {
            throw new IllegalArgumentException("routing must be one of " + ROUTING_MODES + ", not " + routing);
        }
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(file, "file");
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));   // keeps file order
        links = List.copyOf(links);
        steps = List.copyOf(steps);
        capture = capture == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(capture));
    }

    /** A copy with another seed (keeps everything else, routing included). */
    public Lab withSeed(Long newSeed) {
        return new Lab(name, dir, file, newSeed, nodes, links, steps, routing, capture);
    }

    /** The same lab with another {@code routing:} ({@code netemu run --routing}). */
    public Lab withRouting(String newRouting) {
        return new Lab(name, dir, file, seed, nodes, links, steps, newRouting, capture);
    }

    /** The same lab capturing these interfaces too ({@code netemu run --capture}); each end of a link, once. */
    public Lab withCapture(List<Endpoint> more) {
        for (Endpoint e : more) {
            if (linkOf(e).isEmpty()) {
                throw new IllegalArgumentException("no link has the interface " + e);
            }
        }
        List<Endpoint> all = new java.util.ArrayList<>(capture);
        all.addAll(more);
        return new Lab(name, dir, file, seed, nodes, links, steps, routing, all);
    }

    /** The link with an end at {@code e}, if any (an interface belongs to at most one link). */
    public Optional<LinkSpec> linkOf(Endpoint e) {
        return links.stream().filter(l -> l.has(e)).findFirst();
    }
}
