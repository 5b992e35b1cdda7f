package io.netemu.topologies.lab;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node after {@code defaults} were merged under it.
 *
 * @param kind      {@link #LINUX} (one network namespace) or {@link #BRIDGE} (a namespace with {@code br0})
 * @param sysctl    dotted keys to values as written ({@code true}/{@code false} already 1/0), in file
 *                  order, defaults first: the order they are applied in
 * @param exec      boot commands, in order
 * @param placement cluster member to host the node, or null for automatic
 * @param line      where the node's name is written
 */
public record NodeSpec(String name, String kind, Map<String, String> sysctl, List<ExecLine> exec,
                       String placement, int line, String netnsOnCrash) {

    /** {@code netns-on-crash}: the namespaces the node made with {@code ip netns add} live on (default) or are deleted. */
    public static final String KEEP = "keep";
    public static final String DELETE = "delete";

    public NodeSpec(String name, String kind, Map<String, String> sysctl, List<ExecLine> exec, String placement, int line) {
        this(name, kind, sysctl, exec, placement, line, KEEP);
    }

    public static final String LINUX = "linux";
    public static final String BRIDGE = "bridge";

    public NodeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        // Map.copyOf would lose the order sysctls are applied in.
        sysctl = Collections.unmodifiableMap(new LinkedHashMap<>(sysctl));
        exec = List.copyOf(exec);
        Objects.requireNonNull(netnsOnCrash, "netnsOnCrash");
    }

    /** A crash of this node deletes the namespaces it created at run time. */
    public boolean deletesNetnsOnCrash() { return DELETE.equals(netnsOnCrash); }

    public boolean isBridge() {
        return BRIDGE.equals(kind);
    }
}
