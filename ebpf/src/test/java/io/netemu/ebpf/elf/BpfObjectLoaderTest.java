package io.netemu.ebpf.elf;

import static io.netemu.ebpf.elf.LinkedProgramCheck.MapRef;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.ebpf.isa.Insn;
import io.netemu.ebpf.isa.Opcodes;
import io.netemu.ebpf.map.MapSpec;
import io.netemu.ebpf.map.MapType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loads clang-compiled fixtures (src/test/c/elf) and checks them against llvm-objdump. */
class BpfObjectLoaderTest {
    private static final int FD = Opcodes.PSEUDO_MAP_FD, VALUE = Opcodes.PSEUDO_MAP_VALUE;

    private static BpfObject load(Path o) throws IOException {
        return BpfObjectLoader.load(Files.readAllBytes(o), o.getFileName().toString());
    }

    @Test
    void mapsOfEveryKindAndTheirOrder() throws IOException {
        BpfObject obj = load(ClangObjects.compile("maps.c", "maps.o", true));
        assertEquals("Dual BSD/GPL", obj.license());
        List<MapSpec> specs = obj.maps().stream().map(MapDef::spec).toList();
        assertEquals(List.of(
                new MapSpec("legacy_counts", MapType.ARRAY, 4, 8, 16, 0),
                new MapSpec("pkt_count", MapType.HASH, 4, 8, 1024, 0),
                new MapSpec("stats", MapType.ARRAY, 4, 16, 8, 0),
                new MapSpec("routes", MapType.LPM_TRIE, 8, 4, 64, MapSpec.F_NO_PREALLOC),
                new MapSpec("tx_ports", MapType.DEVMAP, 4, 4, 4, 0),
                new MapSpec("maps.data", MapType.ARRAY, 4, 4, 1, 0),
                new MapSpec("maps.rodata", MapType.ARRAY, 4, 25, 1, MapSpec.F_RDONLY_PROG),
                new MapSpec("maps.bss", MapType.ARRAY, 4, 8, 1, 0)), specs);

        MapDef stats = obj.maps().get(2), routes = obj.maps().get(3), pkt = obj.maps().get(1);
        assertEquals(MapDef.PIN_BY_NAME, stats.pinning());
        assertNull(routes.pinning());
        assertEquals(0, stats.btfKeyTypeId()); // __uint(key_size, 4): no key type
        assertEquals("__u32", obj.btf().typeName(pkt.btfKeyTypeId()));
        assertEquals("__u64", obj.btf().typeName(pkt.btfValueTypeId()));
        assertEquals("struct lpm_key", obj.btf().typeName(routes.btfKeyTypeId()));
        assertNull(pkt.initialValue());

        byte[] data = obj.maps().get(5).initialValue(), rodata = obj.maps().get(6).initialValue();
        assertEquals(7, le(data).getInt(0));
        assertEquals(42, le(rodata).getInt(0));
        assertEquals(43, le(rodata).getLong(8));
        assertEquals("hello %d", new String(rodata, 16, 8, StandardCharsets.US_ASCII)); // bpf_printk's static fmt
        assertArrayEquals(new byte[8], obj.maps().get(7).initialValue());
        assertEquals("DATASEC", obj.btf().kind(obj.maps().get(6).btfValueTypeId()).name());
    }

    @Test
    void programsRelocatedAndLinkedAsObjdumpShows() throws IOException {
        Path o = ClangObjects.compile("maps.c", "maps.o", true);
        BpfObject obj = load(o);
        ObjdumpListing l = ObjdumpListing.parse(ClangObjects.objdump(o));
        assertEquals(List.of("xdp_main", "xdp_foo", "xdp_foo2"), obj.programs().stream().map(ProgramSpec::name).toList());
        assertEquals("xdp_main", obj.program("xdp").name());
        assertEquals("xdp_foo", obj.program("xdp/foo").name());
        assertEquals("xdp_foo2", obj.programByName("xdp_foo2").name());
        assertEquals("xdp/foo", obj.programByName("xdp_foo2").section());

        Map<String, MapRef> refs = Map.of(
                "pkt_count", new MapRef(FD, "pkt_count", 0),
                "stats", new MapRef(FD, "stats", 0),
                "routes", new MapRef(FD, "routes", 0),
                "tx_ports", new MapRef(FD, "tx_ports", 0),
                "legacy_counts", new MapRef(FD, "legacy_counts", 0),
                "bss_counter", new MapRef(VALUE, "maps.bss", 0),
                "data_var", new MapRef(VALUE, "maps.data", 0),
                "rodata_var", new MapRef(VALUE, "maps.rodata", 0),
                "rodata_var2", new MapRef(VALUE, "maps.rodata", 8),
                ".rodata", new MapRef(VALUE, "maps.rodata", 16)); // the printk string: section symbol + imm 16
        for (ProgramSpec p : obj.programs()) LinkedProgramCheck.check(obj, p, l, refs);

        // the layout itself: entry, then callees in first-call order, each once
        ProgramSpec main = obj.program("xdp");
        assertEquals(78 + 3 + 3, main.insns().length);
        assertEquals(new Insn(Opcodes.CALL_INSN, 0, 1, (short) 0, 78 - 69 - 1), Insn.decode(main.insns()[69]));
        assertEquals(81 - 78 - 1, Insn.imm(main.insns()[78])); // shared_helper -> add_one, unrelocated in .text
        assertEquals(13 + 3 + 3, obj.program("xdp/foo").insns().length);
        assertEquals(9 + 3, obj.programByName("xdp_foo2").insns().length); // only add_one, via the .text section symbol
    }

    @Test
    void staticCallsInOwnSectionCallChainsAndStringLiterals() throws IOException {
        Path o = ClangObjects.compile("calls.c", "long_object_name.o", true);
        BpfObject obj = load(o);
        assertEquals("GPL", obj.license());
        assertEquals(List.of("long_obj.data", ".rodata.str1.1", "long_obj.bss"),
                obj.maps().stream().map(m -> m.spec().name()).toList());
        MapDef str = obj.maps().get(1);
        assertEquals(MapSpec.F_RDONLY_PROG, str.spec().flags());
        assertEquals("literal %d\n\0", new String(str.initialValue(), StandardCharsets.US_ASCII));
        assertEquals(16, obj.maps().get(2).spec().valueSize());

        ObjdumpListing l = ObjdumpListing.parse(ClangObjects.objdump(o));
        Map<String, MapRef> refs = Map.of(
                ".rodata.str1.1", new MapRef(VALUE, ".rodata.str1.1", 0),
                "buf", new MapRef(VALUE, "long_obj.bss", 0),
                "counter", new MapRef(VALUE, "long_obj.data", 0));
        ProgramSpec p = obj.program("xdp/bar");
        assertEquals(List.of("xdp_bar"), obj.programs().stream().map(ProgramSpec::name).toList());
        LinkedProgramCheck.check(obj, p, l, refs);
        // xdp_bar (24) + local_twice (3, same section, no relocation) + middle (8) + leaf (8, once, with its own relocation)
        assertEquals(24 + 3 + 8 + 8, p.insns().length);
    }

    @Test
    void legacyMapsWithoutBtf() throws IOException {
        Path o = ClangObjects.compile("legacy.c", "legacy.o", false);
        BpfObject obj = load(o);
        assertNull(obj.btf());
        assertEquals(List.of(new MapSpec("rx_count", MapType.PERCPU_ARRAY, 4, 8, 256, 0),
                        new MapSpec("tx_hash", MapType.LRU_HASH, 8, 4, 100, 0)),
                obj.maps().stream().map(MapDef::spec).toList());
        LinkedProgramCheck.check(obj, obj.program("xdp"), ObjdumpListing.parse(ClangObjects.objdump(o)),
                Map.of("rx_count", new MapRef(FD, "rx_count", 0), "tx_hash", new MapRef(FD, "tx_hash", 0)));
    }

    @Test
    void btfMapsWithoutBtfAreRefused() throws IOException {
        Path o = ClangObjects.compile("maps.c", "nobtf.o", false);
        BpfObjectException e = assertThrows(BpfObjectException.class, () -> load(o));
        assertTrue(e.getMessage().startsWith("nobtf.o: section .maps:"), e.getMessage());
        assertTrue(e.getMessage().contains("-g"), e.getMessage());
    }

    @Test
    void missingProgramSectionNamesTheOnesThere() throws IOException {
        BpfObject obj = load(ClangObjects.compile("maps.c", "maps.o", true));
        BpfObjectException e = assertThrows(BpfObjectException.class, () -> obj.program("tc"));
        assertEquals("maps.o: no program in section tc (sections with programs: xdp, xdp/foo)", e.getMessage());
        assertThrows(BpfObjectException.class, () -> obj.programByName("nope"));
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
