package io.netemu.stack.netfilter.iptables;

import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.NfHook;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A namespace's iptables state (the per-netns half of ip_tables.c, as net->ipv4.iptable_*): its
 * four tables, made on first use and kept on the namespace as an attachment, so a namespace that
 * never runs iptables carries nothing and pays nothing on its hooks.
 */
public final class Xtables {
    private final NetNs ns;
    private final Map<String, XtTable> tables = new LinkedHashMap<>();

    private Xtables(NetNs ns) {
        this.ns = ns;
        for (String t : XtTable.NAMES) {
            tables.put(t, new XtTable(t, this));
        }
    }

    /** The namespace's tables, created on first use. */
    public static Xtables of(NetNs ns) {
        return ns.attachment(Xtables.class, () -> new Xtables(ns));
    }

    public NetNs ns() { return ns; }

    /** The table called {@code name} (filter, nat, mangle, raw), or null. */
    public XtTable table(String name) {
        return tables.get(name);
    }

    /** Loads conntrack in the namespace (nf_ct_netns_get) for the nat table, state/conntrack matches, NAT and CT targets. */
    void ensureConntrack() {
        XtNat.ensureConntrack(ns);
    }

    void register(XtTable t, XtChain c) {
        NfHook h = c.hook();
        boolean nat = t.name().equals("nat");
        boolean source = h == NfHook.POST_ROUTING || h == NfHook.LOCAL_IN;
        ns.netfilter().register(h, t.priority(h), owner(t, c), p -> IptDoTable.hook(c, p, nat, source));
    }

    void unregister(XtTable t, XtChain c) {
        ns.netfilter().unregister(owner(t, c));
    }

    private static String owner(XtTable t, XtChain c) {
        return "iptables/" + t.name() + "/" + c.hook().chainName();
    }
}
