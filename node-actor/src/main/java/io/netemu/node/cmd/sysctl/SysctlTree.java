package io.netemu.node.cmd.sysctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The namespace's sysctls as {@code /proc/sys} shows them: a tree of directories and files,
 * each directory listed in name order (procfs keeps sysctl entries in an rbtree by name), so a
 * listing is depth first, name by name. Device names may contain dots
 * ({@code net.ipv4.conf.eth0.100.forwarding} is file {@code forwarding} in directory
 * {@code eth0.100}); the tree keeps them whole.
 */
final class SysctlTree {
    /** Directories whose entries are per-device directories. */
    private static final List<String> PER_DEVICE = List.of("net.ipv4.conf.", "net.ipv4.neigh.", "net.ipv6.conf.",
            "net.ipv6.neigh.");

    /** A directory (children) or a file (key). */
    static final class Node {
        final TreeMap<String, Node> children = new TreeMap<>();
        String key;

        boolean isDir() { return key == null; }
    }

    private final Node root = new Node();

    SysctlTree(Map<String, String> all) {
        for (String key : all.keySet()) {
            Node n = root;
            for (String c : components(key)) {
                n = n.children.computeIfAbsent(c, x -> new Node());
            }
            n.key = key;
        }
    }

    /** The path components of a dotted key, keeping a device name whole. */
    static List<String> components(String key) {
        for (String p : PER_DEVICE) {
            int last = key.lastIndexOf('.');
            if (key.startsWith(p) && last > p.length()) {
                List<String> out = new ArrayList<>(List.of(p.substring(0, p.length() - 1).split("\\.")));
                out.add(key.substring(p.length(), last));
                out.add(key.substring(last + 1));
                return out;
            }
        }
        return List.of(key.split("\\."));
    }

    /** The node at a /proc/sys path (empty components, as in {@code a//b}, are skipped); null if none. */
    Node lookup(String path) {
        Node n = root;
        for (String c : path.split("/")) {
            if (c.isEmpty()) {
                continue;
            }
            if (c.equals(".") || c.equals("..") || !n.isDir()) {
                return null;
            }
            n = n.children.get(c);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** The files under a directory in listing order, as paths from {@code /proc/sys/}. */
    static List<String> walk(Node dir, String path) {
        List<String> out = new ArrayList<>();
        walk(dir, path, out);
        return out;
    }

    private static void walk(Node dir, String path, List<String> out) {
        for (Map.Entry<String, Node> e : dir.children.entrySet()) {
            String p = path + e.getKey();
            if (e.getValue().isDir()) {
                walk(e.getValue(), p + "/", out);
            } else {
                out.add(p);
            }
        }
    }
}
