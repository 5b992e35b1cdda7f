package io.netemu.ebpf.map;

import java.util.List;

/**
 * A map's keys in its nextKey order, in one pass. bpftool walks a map with BPF_MAP_GET_NEXT_KEY,
 * which costs a search per step on maps without an order; dumping through this instead keeps a
 * dump of a large hash linear. The list is a snapshot: entries may change meanwhile, as in the
 * kernel, and a key listed may be gone by the time it is looked up.
 */
public interface MapIteration {
    List<byte[]> keys();
}
