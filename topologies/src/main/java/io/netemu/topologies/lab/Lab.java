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
 */
public record Lab(String name, Path dir, String file, Long seed, Map<String, NodeSpec> nodes,
                  List<LinkSpec> links, List<StepSpec> steps) {

    public Lab {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(file, "file");
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));   // keeps file order
        links = List.copyOf(links);
        steps = List.copyOf(steps);
    }

    /** The link with an end at {@code e}, if any (an interface belongs to at most one link). */
    public Optional<LinkSpec> linkOf(Endpoint e) {
        return links.stream().filter(l -> l.has(e)).findFirst();
    }
}
