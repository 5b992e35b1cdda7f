package io.netemu.ebpf.verifier;

import static io.netemu.ebpf.isa.Opcodes.*;
import static io.netemu.ebpf.verifier.Asm.*;

import io.netemu.ebpf.isa.HelperId;
import io.netemu.ebpf.map.MapSpec;
import io.netemu.ebpf.map.MapType;
import java.util.List;

/** The map list the hand-written test programs refer to by index, and shared snippets. */
final class TestMaps {
    private TestMaps() {}

    static final int HASH = 0, ARRAY = 1, PROG_ARRAY = 2, DEVMAP = 3, RODATA = 4, LPM = 5;

    static final List<MapSpec> MAPS = List.of(
            new MapSpec("counts", MapType.HASH, 4, 8, 16, 0),
            new MapSpec("arr", MapType.ARRAY, 4, 8, 4, 0),
            new MapSpec("jmp_table", MapType.PROG_ARRAY, 4, 4, 4, 0),
            new MapSpec("tx_ports", MapType.DEVMAP, 4, 4, 4, 0),
            new MapSpec(".rodata", MapType.ARRAY, 4, 16, 1, MapSpec.F_RDONLY_PROG),
            new MapSpec("blocklist", MapType.LPM_TRIE, 8, 4, 16, MapSpec.F_NO_PREALLOC));

    /** key (u32 0) at fp-4, r0 = bpf_map_lookup_elem(map, fp-4). */
    static Asm lookup(Asm a, int map) {
        return a.st(W, R10, -4, 0).movr(R2, R10).add(R2, -4).ldMap(R1, map).call(HelperId.MAP_LOOKUP_ELEM);
    }
}
