package io.netemu.stack.netfilter;

import io.netemu.stack.netfilter.conntrack.Conntrack;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/**
 * The hooks of one namespace (struct netns_nf): functions registered per hook in priority
 * order, run one after the other until one drops or steals the packet. With nothing
 * registered a hook costs one array check, so namespaces without rules pay nothing.
 */
public final class Netfilter {
    private record Entry(int priority, long seq, String owner, NfHookFn fn) {}

    private final EnumMap<NfHook, Entry[]> hooks = new EnumMap<>(NfHook.class);
    private long seq;
    private Conntrack conntrack;

    /** Registers {@code fn} at {@code hook}; equal priorities run in registration order. */
    public void register(NfHook hook, int priority, String owner, NfHookFn fn) {
        List<Entry> l = new ArrayList<>(List.of(hooks.getOrDefault(hook, new Entry[0])));
        l.add(new Entry(priority, seq++, owner, fn));
        l.sort((a, b) -> a.priority != b.priority ? Integer.compare(a.priority, b.priority) : Long.compare(a.seq, b.seq));
        hooks.put(hook, l.toArray(new Entry[0]));
    }

    /** Removes every function {@code owner} registered (a table or chain deleted, a module unloaded). */
    public void unregister(String owner) {
        for (NfHook h : NfHook.values()) {
            Entry[] e = hooks.get(h);
            if (e != null) {
                List<Entry> l = new ArrayList<>(List.of(e));
                l.removeIf(x -> x.owner.equals(owner));
                hooks.put(h, l.toArray(new Entry[0]));
            }
        }
    }

    public boolean isEmpty(NfHook hook) {
        Entry[] e = hooks.get(hook);
        return e == null || e.length == 0;
    }

    /** nf_hook_slow: runs the hook's functions in order; the first non-ACCEPT verdict ends it. */
    public NfVerdict run(NfPacket p) {
        Entry[] e = hooks.get(p.hook);
        if (e == null) {
            return NfVerdict.ACCEPT;
        }
        for (Entry x : e) {
            NfVerdict v = x.fn.hook(p);
            if (v != NfVerdict.ACCEPT) {
                return v;
            }
        }
        return NfVerdict.ACCEPT;
    }

    /** The owners registered at a hook, in the order they run (for tests and diagnostics). */
    public List<String> owners(NfHook hook) {
        List<String> out = new ArrayList<>();
        for (Entry x : hooks.getOrDefault(hook, new Entry[0])) {
            out.add(x.owner + "@" + x.priority);
        }
        return out;
    }

    /** The namespace's connection tracker, once something needs it (loaded like nf_conntrack); null before. */
    public Conntrack conntrack() { return conntrack; }

    public void setConntrack(Conntrack ct) { this.conntrack = ct; }
}
