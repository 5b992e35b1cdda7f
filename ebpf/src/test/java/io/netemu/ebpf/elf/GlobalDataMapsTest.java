package io.netemu.ebpf.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Global data map names as libbpf gives them (bpftool map show lists these). */
class GlobalDataMapsTest {
    @Test
    void names() {
        assertEquals("my_objec.rodata", GlobalDataMaps.mapName("my_object_name", ".rodata"));
        assertEquals("my_objec.bss", GlobalDataMaps.mapName("my_object_name", ".bss")); // 7 kept for the suffix anyway
        assertEquals("xdp.data", GlobalDataMaps.mapName("xdp", ".data"));
        assertEquals(".rodata.str1.1", GlobalDataMaps.mapName("prog", ".rodata.str1.1"));
        assertEquals(".data.a_very_lo", GlobalDataMaps.mapName("prog", ".data.a_very_long_name"));
        assertEquals("a_b.data", GlobalDataMaps.mapName("a-b", ".data"));
        assertEquals("xdp_prog", GlobalDataMaps.objectName("/tmp/dir.x/xdp_prog.bpf.o"));
    }
}
