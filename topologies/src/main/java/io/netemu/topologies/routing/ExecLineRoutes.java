package io.netemu.topologies.routing;

import io.netemu.node.cmd.IprouteArgs;
import io.netemu.packet.wire.Ipv4Cidr;
import java.util.List;

/** What a node's exec lines say about its addressing and routing, read as iproute2 would parse them. */
final class ExecLineRoutes {
    private ExecLineRoutes() {}

    /** {@code ip [OPTIONS] route add|replace|append|prepend|change ...}: the node sets routes itself. */
    static boolean setsRoutes(List<String> w) {
        int i = objectIndex(w);
        if (i < 0 || i + 1 >= w.size() || !IprouteArgs.matches(w.get(i), "route")) {
            return false;
        }
        String v = w.get(i + 1);
        return IprouteArgs.matches(v, "add") || IprouteArgs.matches(v, "replace") || IprouteArgs.matches(v, "append")
                || IprouteArgs.matches(v, "prepend") || IprouteArgs.matches(v, "change") || v.equals("chg");
    }

    /** {@code ip [OPTIONS] address add A/LEN dev IF}: the address (dev in {@code dev[0]}), or null. */
    static Ipv4Cidr addressAdded(List<String> w, String[] dev) {
        int i = objectIndex(w);
        if (i < 0 || i + 1 >= w.size() || !IprouteArgs.matches(w.get(i), "address")
                || !(IprouteArgs.matches(w.get(i + 1), "add") || IprouteArgs.matches(w.get(i + 1), "replace"))) {
            return null;
        }
        Ipv4Cidr addr = null;
        dev[0] = null;
        for (int k = i + 2; k < w.size(); k++) {
            String t = w.get(k);
            switch (t) {
                case "dev" -> dev[0] = k + 1 < w.size() ? w.get(++k) : null;
                case "local" -> {
                    if (k + 1 < w.size()) {
                        addr = cidr(w.get(++k));
                    }
                }
                case "broadcast", "brd", "scope", "label", "valid_lft", "preferred_lft", "metric", "peer", "proto" -> k++;
                default -> {
                    if (addr == null) {
                        addr = cidr(t);
                    }
                }
            }
        }
        return addr == null || dev[0] == null ? null : addr;
    }

    private static Ipv4Cidr cidr(String s) {
        try {
            return Ipv4Cidr.parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Index of the object word after {@code ip} and its options, or -1 when not an ip command. */
    private static int objectIndex(List<String> w) {
        if (w.isEmpty() || !w.get(0).equals("ip")) {
            return -1;
        }
        int i = 1;
        while (i < w.size() && w.get(i).startsWith("-")) {
            String o = w.get(i);
            if (o.equals("-n") || o.equals("-netns") || o.equals("-b") || o.equals("-batch")) {
                return -1; // another namespace or a batch file: not this node's own routing
            }
            i++;
        }
        return i < w.size() ? i : -1;
    }
}
