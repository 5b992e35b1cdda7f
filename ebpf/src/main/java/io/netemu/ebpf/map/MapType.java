package io.netemu.ebpf.map;

/** Map types with the kernel's {@code enum bpf_map_type} numbers and bpftool's names. */
public enum MapType {
    HASH(1, "hash"),
    ARRAY(2, "array"),
    PROG_ARRAY(3, "prog_array"),
    PERCPU_HASH(5, "percpu_hash"),
    PERCPU_ARRAY(6, "percpu_array"),
    LRU_HASH(9, "lru_hash"),
    LPM_TRIE(11, "lpm_trie"),
    DEVMAP(14, "devmap"),
    DEVMAP_HASH(25, "devmap_hash");

    public final int id;
    public final String bpftoolName;

    MapType(int id, String bpftoolName) {
        this.id = id;
        this.bpftoolName = bpftoolName;
    }

    /** The type with this kernel number, or null when netemu does not implement it. */
    public static MapType byId(int id) {
        for (MapType t : values()) if (t.id == id) return t;
        return null;
    }
}
