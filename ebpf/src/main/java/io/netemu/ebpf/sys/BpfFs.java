package io.netemu.ebpf.sys;

import java.util.Map;
import java.util.TreeMap;

/**
 * The lab's bpffs, mounted at /sys/fs/bpf: a pin is a path naming a program or a map and holds
 * a reference to it. One per lab, seen alike from every namespace (a mount, not a per-namespace
 * thing). Plain state of {@link BpfSys}, under its lock. Directories are not modelled: any path
 * under the mount is one file.
 */
final class BpfFs {
    static final String MOUNT = "/sys/fs/bpf";

    private final Map<String, Object> pins = new TreeMap<>();

    /** A path bpffs would hold: under the mount, normalised ("//" and "/./" collapsed). */
    static String normalise(String path) {
        if (path == null) {
            return null;
        }
        String p = path.replaceAll("/+", "/").replace("/./", "/");
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.startsWith(MOUNT + "/") && p.length() > MOUNT.length() + 1 ? p : null;
    }

    Object get(String path) { return pins.get(path); }

    boolean exists(String path) { return pins.containsKey(path); }

    void put(String path, Object o) { pins.put(path, o); }

    Object remove(String path) { return pins.remove(path); }

    Map<String, Object> all() { return pins; }
}
