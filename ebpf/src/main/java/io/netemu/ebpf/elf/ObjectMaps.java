package io.netemu.ebpf.elf;

import io.netemu.ebpf.btf.Btf;
import io.netemu.ebpf.btf.BtfKind;
import io.netemu.ebpf.btf.BtfType;
import io.netemu.ebpf.map.MapSpec;
import io.netemu.ebpf.map.MapType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The maps an object defines, in libbpf's order (legacy {@code maps}, then BTF-defined
 * {@code .maps}, then global data sections), and where each sits in the ELF file so that
 * relocations against symbols can be turned into map indices.
 */
final class ObjectMaps {
    static final String LEGACY_SECTION = "maps", BTF_SECTION = ".maps";

    /** struct bpf_map_def: type, key_size, value_size, max_entries, map_flags (u32 each). */
    private static final int LEGACY_MIN = 16, LEGACY_FLAGS_END = 20;

    final List<MapDef> defs = new ArrayList<>();
    /** (section index, offset in section) of a map definition -> map index. */
    private final Map<Long, Integer> bySymbol = new HashMap<>();
    /** section index of a global data section -> map index. */
    private final Map<Integer, Integer> byDataSection = new HashMap<>();

    private ObjectMaps() {}

    static ObjectMaps collect(ElfFile elf, Btf btf) {
        ObjectMaps m = new ObjectMaps();
        ElfSection legacy = elf.section(LEGACY_SECTION);
        if (legacy != null) m.collectLegacy(elf, legacy);
        ElfSection btfMaps = elf.section(BTF_SECTION);
        if (btfMaps != null) m.collectBtf(elf, btf, btfMaps);
        String objectName = GlobalDataMaps.objectName(elf.fileName());
        for (ElfSection s : elf.sections()) {
            if (!GlobalDataMaps.isGlobalData(s.name()) || s.size() == 0 || s.executable()) continue;
            int datasec = btf == null ? 0 : Math.max(0, btf.find(BtfKind.DATASEC, s.name()));
            m.byDataSection.put(s.index(), m.defs.size());
            m.defs.add(GlobalDataMaps.define(objectName, s.name(), elf.data(s), datasec));
        }
        return m;
    }

    boolean isMapSection(ElfSection s) {
        return s.name().equals(LEGACY_SECTION) || s.name().equals(BTF_SECTION);
    }

    /** The map defined at {@code offset} of map section {@code section}, or -1. */
    int mapAt(int section, long offset) {
        return bySymbol.getOrDefault(key(section, offset), -1);
    }

    /** The map of global data section {@code section}, or -1. */
    int dataMap(int section) {
        return byDataSection.getOrDefault(section, -1);
    }

    private void collectLegacy(ElfFile elf, ElfSection sec) {
        List<ElfSymbol> syms = definitions(elf, sec);
        byte[] data = elf.data(sec);
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (ElfSymbol s : syms) {
            // older clang leaves st_size 0; libbpf then divides the section evenly
            long size = s.size() > 0 ? s.size() : data.length / syms.size();
            if (size < LEGACY_MIN || s.value() < 0 || s.value() + size > data.length)
                throw elf.error("section maps: map '" + s.name() + "' at offset " + s.value() + " has " + size
                        + " bytes, struct bpf_map_def needs at least " + LEGACY_MIN + " within the section ("
                        + data.length + " bytes)");
            int p = (int) s.value();
            int type = b.getInt(p);
            MapType mt = MapType.byId(type);
            if (mt == null) throw elf.error("section maps: map '" + s.name() + "' has map type " + type + ", not supported by netemu");
            int flags = size >= LEGACY_FLAGS_END ? b.getInt(p + 16) : 0;
            MapSpec spec = new MapSpec(s.name(), mt, b.getInt(p + 4), b.getInt(p + 8), b.getInt(p + 12), flags);
            bySymbol.put(key(sec.index(), s.value()), defs.size());
            defs.add(new MapDef(spec, null, null, 0, 0));
        }
    }

    private void collectBtf(ElfFile elf, Btf btf, ElfSection sec) {
        if (btf == null)
            throw elf.error("section .maps: BTF-defined maps need the .BTF section, which is missing (compile with -g)");
        int datasec = btf.find(BtfKind.DATASEC, BTF_SECTION);
        if (datasec < 0) throw elf.error("section .maps: .BTF has no DATASEC '.maps' describing the maps");
        Map<String, ElfSymbol> symbols = new HashMap<>();
        for (ElfSymbol s : definitions(elf, sec)) symbols.put(s.name(), s);
        for (BtfType.VarSecinfo v : ((BtfType.Datasec) btf.type(datasec)).vars()) {
            if (!(btf.type(v.type()) instanceof BtfType.Var var))
                throw elf.error("section .maps: DATASEC entry [" + v.type() + "] is a " + btf.kind(v.type()) + ", not a VAR");
            ElfSymbol sym = symbols.get(var.name());
            if (sym == null) throw elf.error("section .maps: map '" + var.name() + "' has BTF but no symbol in .symtab");
            bySymbol.put(key(sec.index(), sym.value()), defs.size());
            defs.add(BtfMapDefinition.read(elf, btf, var.name(), var.type()));
        }
    }

    /** The symbols naming objects in a map section (not the section or file symbols), by offset. */
    private static List<ElfSymbol> definitions(ElfFile elf, ElfSection sec) {
        List<ElfSymbol> out = new ArrayList<>();
        for (ElfSymbol s : elf.symbols())
            if (s.section() == sec.index() && (s.type() == ElfSymbol.STT_OBJECT || s.type() == ElfSymbol.STT_NOTYPE)
                    && !s.name().isEmpty())
                out.add(s);
        out.sort(Comparator.comparingLong(ElfSymbol::value));
        return out;
    }

    private static long key(int section, long offset) {
        return ((long) section << 40) ^ offset;
    }
}
