package io.netemu.stack.netfilter.iptables;

import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPriority;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One table of a namespace (iptable_filter.c, iptable_nat.c, iptable_mangle.c, iptable_raw.c with
 * iptables-nft's on-demand base chains, nft.c nft_xt_builtin_init): its built-in chains in hook
 * order, its user chains sorted by name as iptables lists them, and the operations the commands
 * need. A built-in chain registers its hook function the first time a rule or policy creates it.
 */
public final class XtTable {
    /** The tables in the order iptables-save prints them (nft.c's builtin table array). */
    public static final List<String> NAMES = List.of("mangle", "raw", "filter", "nat");

    private final String name;
    private final Xtables xt;
    private final Map<String, XtChain> builtins = new LinkedHashMap<>();
    private final TreeMap<String, XtChain> user = new TreeMap<>();
    private boolean exists;

    XtTable(String name, Xtables xt) {
        this.name = name;
        this.xt = xt;
        for (NfHook h : hooks(name)) {
            builtins.put(h.chainName(), new XtChain(h.chainName(), h));
        }
    }

    static List<NfHook> hooks(String table) {
        return switch (table) {
            case "filter" -> List.of(NfHook.LOCAL_IN, NfHook.FORWARD, NfHook.LOCAL_OUT);
            case "nat" -> List.of(NfHook.PRE_ROUTING, NfHook.LOCAL_IN, NfHook.LOCAL_OUT, NfHook.POST_ROUTING);
            case "mangle" -> List.of(NfHook.values());
            case "raw" -> List.of(NfHook.PRE_ROUTING, NfHook.LOCAL_OUT);
            default -> throw new IllegalArgumentException(table);
        };
    }

    /** The priority a built-in chain of this table runs at (enum nf_ip_hook_priorities). */
    int priority(NfHook h) {
        return switch (name) {
            case "raw" -> NfPriority.RAW;
            case "mangle" -> NfPriority.MANGLE;
            case "nat" -> h == NfHook.PRE_ROUTING || h == NfHook.LOCAL_OUT ? NfPriority.NAT_DST : NfPriority.NAT_SRC;
            default -> NfPriority.FILTER;
        };
    }

    public String name() { return name; }

    /** Whether the table exists in the kernel (something created a chain in it); iptables-save prints only those. */
    public boolean exists() { return exists; }

    /** The chain called {@code n}, built-in or user-defined, or null. */
    public XtChain chain(String n) {
        XtChain c = builtins.get(n);
        return c != null ? c : user.get(n);
    }

    public List<XtChain> builtinChains() { return List.copyOf(builtins.values()); }

    public List<XtChain> userChains() { return List.copyOf(user.values()); }

    /** Built-in chains in hook order, then user chains by name: the order -L, -S and iptables-save use. */
    public List<XtChain> chains() {
        List<XtChain> all = new ArrayList<>(builtins.values());
        all.addAll(user.values());
        return all;
    }

    /** How many rules of the table jump or go to {@code c}. */
    public int references(XtChain c) {
        int n = 0;
        for (XtChain from : chains()) {
            for (XtRule r : from.rules) {
                if (r.jumpsTo() == c) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Creates a built-in chain in the kernel if it is not yet: its hook function starts to run. */
    public void create(XtChain c) {
        exists = true;
        if (c.builtin() && !c.registered) {
            c.registered = true;
            if (name.equals("nat")) {
                xt.ensureConntrack();
            }
            xt.register(this, c);
        }
    }

    /** The table comes into existence without a base chain (iptables -N, a restore of an empty table). */
    public void touch() { exists = true; }

    public XtChain newChain(String n) {
        XtChain c = new XtChain(n, null);
        user.put(n, c);
        exists = true;
        return c;
    }

    /** Deletes a user chain, or a built-in chain's base chain (iptables-nft allows it when empty). */
    public void deleteChain(XtChain c) {
        if (c.builtin()) {
            c.registered = false;
            c.stats = false;
            c.setPolicy(false);
            c.setPolicyCounters(0, 0);
            xt.unregister(this, c);
        } else {
            user.remove(c.name());
        }
    }

    public void rename(XtChain c, String newName) {
        user.remove(c.name());
        c.rename(newName);
        user.put(newName, c);
    }

    /** iptables -P: the base chain is created if need be, with counters from now on. */
    public void setPolicy(XtChain c, boolean drop) {
        create(c);
        c.setPolicy(drop);
        c.stats = true;
    }

    /**
     * Inserts {@code r} at {@code index} (0-based) of {@code c}, or appends it when index is -1.
     * Returns false, changing nothing, when the rule would close a loop reachable from a built-in
     * chain (the kernel's ELOOP/EMLINK at commit).
     */
    public boolean insert(XtChain c, int index, XtRule r) {
        int at = index < 0 ? c.rules.size() : index;
        c.rules.add(at, r);
        if (r.jumpsTo() != null && closesLoop(c, r.jumpsTo())) {
            c.rules.remove(at);
            return false;
        }
        create(c);
        return true;
    }

    /** Replaces rule {@code index} (0-based); false, changing nothing, if that would close a loop. */
    public boolean replace(XtChain c, int index, XtRule r) {
        XtRule old = c.rules.set(index, r);
        if (r.jumpsTo() != null && closesLoop(c, r.jumpsTo())) {
            c.rules.set(index, old);
            return false;
        }
        create(c);
        return true;
    }

    /**
     * Whether a new jump from {@code from} to {@code to} makes a cycle reachable from a built-in
     * chain: {@code from} is reached from one, and from {@code to} the jumps lead back to
     * {@code from} or into a cycle that was unreachable until now.
     */
    boolean closesLoop(XtChain from, XtChain to) {
        boolean reached = false;
        for (XtChain b : builtins.values()) {
            reached |= reaches(b, from, new HashSet<>());
        }
        return reached && (reaches(to, from, new HashSet<>()) || cycleFrom(to, new HashSet<>(), new HashSet<>()));
    }

    private static boolean cycleFrom(XtChain c, Set<XtChain> path, Set<XtChain> done) {
        if (path.contains(c)) {
            return true;
        }
        if (done.contains(c)) {
            return false;
        }
        path.add(c);
        for (XtRule r : c.rules) {
            XtChain to = r.jumpsTo();
            if (to != null && cycleFrom(to, path, done)) {
                return true;
            }
        }
        path.remove(c);
        done.add(c);
        return false;
    }

    private static boolean reaches(XtChain at, XtChain goal, Set<XtChain> seen) {
        if (at == goal) {
            return true;
        }
        if (!seen.add(at)) {
            return false;
        }
        for (XtRule r : at.rules) {
            XtChain to = r.jumpsTo();
            if (to != null && reaches(to, goal, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Removes rule {@code index} (0-based) of {@code c}. */
    public void remove(XtChain c, int index) {
        c.rules.remove(index);
    }

    /** Deletes every rule of {@code c} (iptables -F CHAIN). */
    public void flush(XtChain c) {
        c.rules.clear();
    }

    /** Zeroes the counters of {@code c}'s rules and policy (iptables -Z CHAIN). */
    public void zero(XtChain c) {
        for (XtRule r : c.rules) {
            r.setCounters(0, 0);
        }
        c.setPolicyCounters(0, 0);
        if (c.builtin() && c.registered) {
            c.stats = true;
        }
    }

    /** The table's state, to roll back to if an iptables-restore section fails (the kernel's atomic commit). */
    public Object snapshot() {
        List<Object[]> s = new ArrayList<>();
        for (XtChain c : chains()) {
            s.add(new Object[] {c, c.name(), new ArrayList<>(c.rules), c.policy(), c.policyPackets(), c.policyBytes(),
                c.registered, c.stats});
        }
        return new Object[] {s, exists};
    }

    /** Back to a {@link #snapshot()}: chains made since are gone, built-in chains registered since unregister. */
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        Object[] snap = (Object[]) snapshot;
        List<Object[]> s = (List<Object[]>) snap[0];
        user.clear();
        for (Object[] e : s) {
            XtChain c = (XtChain) e[0];
            c.rename((String) e[1]);
            c.rules.clear();
            c.rules.addAll((List<XtRule>) e[2]);
            c.setPolicy("DROP".equals(e[3]));
            c.setPolicyCounters((Long) e[4], (Long) e[5]);
            boolean reg = (Boolean) e[6];
            c.stats = (Boolean) e[7];
            if (c.builtin() && c.registered && !reg) {
                c.registered = false;
                xt.unregister(this, c);
            } else if (c.builtin() && !c.registered && reg) {
                create(c);
            }
            if (!c.builtin()) {
                user.put(c.name(), c);
            }
        }
        for (XtChain b : builtins.values()) {
            if (b.registered && s.stream().noneMatch(e -> e[0] == b)) {
                b.registered = false;
                xt.unregister(this, b);
            }
        }
        exists = (Boolean) snap[1];
    }
}
