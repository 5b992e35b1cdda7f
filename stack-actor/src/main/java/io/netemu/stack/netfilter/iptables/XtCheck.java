package io.netemu.stack.netfilter.iptables;

import io.netemu.stack.netfilter.NfHook;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the kernel's checkentry functions see of a rule being added (struct xt_mtchk_param /
 * xt_tgchk_param): the table, the hooks the chain is reached from, the rule's IP part, and the
 * namespace's tables (to load conntrack as nf_ct_netns_get does). A refusal carries the line the
 * kernel logs (x_tables.c xt_check_target, the extensions' pr_info) and the errno iptables reports.
 */
public record XtCheck(String table, Set<NfHook> hooks, IptIp ip, Xtables xt) {

    /** The kernel refused the rule: {@code klog} is its log line (may be null), {@code errno} the reason. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String klog;
        private final String errno;

        public Refused(String klog, String errno) {
            super(errno, null, false, false);
            this.klog = klog;
            this.errno = errno;
        }

        public String klog() { return klog; }

        /** strerror of the errno, e.g. "Invalid argument". */
        public String errno() { return errno; }
    }

    /** xt_check_target's table check: "x_tables: ip_tables: NAME target: only valid in T table, not U". */
    public void requireTable(String kind, String name, String want) throws Refused {
        if (!table.equals(want)) {
            throw new Refused("x_tables: ip_tables: " + name + " " + kind + ": only valid in " + want
                    + " table, not " + table, "Invalid argument");
        }
    }

    /**
     * xt_check_target's hook check: "x_tables: ip_tables: NAME target: used from hooks PREROUTING, but
     * only usable from INPUT/POSTROUTING". A user chain (no hooks known yet) passes.
     */
    public void requireHooks(String kind, String name, Set<NfHook> allowed) throws Refused {
        if (hooks.isEmpty() || allowed.containsAll(hooks)) {
            return;
        }
        throw new Refused("x_tables: ip_tables: " + name + " " + kind + ": used from hooks " + names(hooks)
                + ", but only usable from " + names(allowed), "Invalid argument");
    }

    /** Conntrack for this namespace, as nf_ct_netns_get loads it for conntrack, state, NAT and CT. */
    public void needConntrack() {
        xt.ensureConntrack();
    }

    private static String names(Set<NfHook> hooks) {
        List<String> n = new ArrayList<>();
        for (NfHook h : EnumSet.copyOf(hooks)) {
            n.add(h.chainName());
        }
        return String.join("/", n);
    }
}
