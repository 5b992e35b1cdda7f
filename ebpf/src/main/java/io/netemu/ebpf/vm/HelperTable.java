package io.netemu.ebpf.vm;

import java.util.Arrays;

/**
 * The helpers a hook offers, by their {@code enum bpf_func_id} number. Each hook installs its
 * own set, as each program type in the kernel has its own {@code get_func_proto}.
 */
public final class HelperTable {
    private Helper[] byId = new Helper[256];

    public HelperTable set(int id, Helper helper) {
        if (id < 0) throw new IllegalArgumentException("helper id " + id);
        if (id >= byId.length) byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
        byId[id] = helper;
        return this;
    }

    /** The helper with this number, or null when the hook does not offer it. */
    public Helper get(long id) {
        return id >= 0 && id < byId.length ? byId[(int) id] : null;
    }

    /** A copy that can be extended without changing this one. */
    public HelperTable copy() {
        HelperTable t = new HelperTable();
        t.byId = byId.clone();
        return t;
    }
}
