package io.netemu.topologies.lab;

import java.util.Objects;

/** One end of a link: an interface of a node, written {@code node:iface} in lab files. */
public record Endpoint(String node, String iface) {
    public Endpoint {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(iface, "iface");
    }

    /**
     * Splits {@code "r1:eth0"} at its colon; only the shape is checked here (both parts present,
     * one colon), the names themselves are the validator's business.
     */
    public static Endpoint parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1 || text.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("expected NODE:IFACE (e.g. \"r1:eth0\"), found \"" + text + "\"");
        }
        return new Endpoint(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return node + ":" + iface;
    }
}
