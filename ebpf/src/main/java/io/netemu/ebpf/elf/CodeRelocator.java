package io.netemu.ebpf.elf;

import io.netemu.ebpf.isa.Insn;
import io.netemu.ebpf.isa.Opcodes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies the relocation tables of the executable sections: ld_imm64 of a map becomes
 * PSEUDO_MAP_FD with the map index, ld_imm64 of a global variable PSEUDO_MAP_VALUE with the map
 * index and the byte offset in the second slot; calls are only recorded here (their target is
 * resolved when the subprograms are linked). Relocations of other sections (.BTF, .BTF.ext,
 * DWARF) are for debuggers and are left alone.
 */
final class CodeRelocator {
    private final ElfFile elf;
    private final ObjectMaps maps;

    private CodeRelocator(ElfFile elf, ObjectMaps maps) {
        this.elf = elf;
        this.maps = maps;
    }

    /** Every executable section by section index, in section order. */
    static Map<Integer, CodeSection> relocate(ElfFile elf, ObjectMaps maps) {
        return new CodeRelocator(elf, maps).run();
    }

    private Map<Integer, CodeSection> run() {
        Map<Integer, CodeSection> out = new LinkedHashMap<>();
        for (ElfSection s : elf.sections()) {
            if (!s.executable() || s.size() == 0) continue;
            if (s.size() % 8 != 0) throw elf.error("section " + s.name() + ": size " + s.size() + " is not a whole number of instructions");
            byte[] b = elf.data(s);
            long[] insns = new long[b.length / 8];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(insns);
            TreeMap<Integer, ElfSymbol> funcs = new TreeMap<>();
            for (ElfSymbol sym : elf.symbols())
                if (sym.section() == s.index() && sym.isFunc()) funcs.put((int) (sym.value() / 8), sym);
            out.put(s.index(), new CodeSection(s, insns, new HashMap<>(), funcs));
        }
        for (ElfSection rel : elf.sections()) {
            if (rel.type() == ElfSection.SHT_RELA && out.containsKey(rel.info()))
                throw elf.error("section " + rel.name() + ": RELA relocations are not used by BPF and not supported");
            if (rel.type() != ElfSection.SHT_REL) continue;
            CodeSection code = out.get(rel.info());
            if (code == null) {
                elf.section(rel.info()); // a table for a section that does not exist is still an error
                continue;
            }
            for (ElfRelocation r : elf.relocations(rel)) apply(code, r);
        }
        return out;
    }

    private void apply(CodeSection code, ElfRelocation r) {
        String where = "section " + code.section().name() + ": relocation at offset 0x" + Long.toHexString(r.offset());
        if (r.offset() % 8 != 0 || r.offset() < 0 || r.offset() / 8 >= code.insns().length)
            throw elf.error(where + " is not on an instruction inside the section");
        int slot = (int) (r.offset() / 8);
        long w = code.insns()[slot];
        ElfSymbol sym = elf.symbol(r.symbol());
        switch (r.type()) {
            case ElfRelocation.R_BPF_NONE -> { }
            case ElfRelocation.R_BPF_64_64 -> loadImm64(code, slot, w, sym, where);
            case ElfRelocation.R_BPF_64_32 -> call(code, slot, w, sym, where);
            default -> throw elf.error(where + " has type " + r.type() + " (" + typeName(r.type())
                    + "), expected R_BPF_64_64 (1) or R_BPF_64_32 (10) in code");
        }
    }

    private void loadImm64(CodeSection code, int slot, long w, ElfSymbol sym, String where) {
        if (Insn.opcode(w) != Opcodes.LDDW || slot + 1 >= code.insns().length)
            throw elf.error(where + " (R_BPF_64_64 against " + sym.name() + ") is not on a complete ld_imm64 instruction (opcode 0x"
                    + Integer.toHexString(Insn.opcode(w)) + ")");
        if (!sym.inSection())
            throw elf.error(where + " refers to " + describe(sym) + ", which is not defined in this object (externs are not supported)");
        ElfSection target = elf.section(sym.section());
        long[] insns = code.insns();
        int addend = Insn.imm(w);
        if (maps.isMapSection(target)) {
            int map = maps.mapAt(target.index(), sym.value() + addend);
            if (map < 0) throw elf.error(where + " refers to " + describe(sym) + " in " + target.name() + ", which is not a map definition");
            insns[slot] = Insn.withSrc(Insn.withImm(w, map), Opcodes.PSEUDO_MAP_FD);
            insns[slot + 1] = Insn.withImm(insns[slot + 1], 0);
            return;
        }
        int map = maps.dataMap(target.index());
        if (map >= 0) {
            // clang leaves the offset in imm for section symbols (.rodata+16) and 0 for variables
            long off = sym.value() + addend;
            if (off < 0 || off > target.size())
                throw elf.error(where + " refers to offset " + off + " of " + target.name() + ", outside its "
                        + target.size() + " bytes");
            insns[slot] = Insn.withSrc(Insn.withImm(w, map), Opcodes.PSEUDO_MAP_VALUE);
            insns[slot + 1] = Insn.withImm(insns[slot + 1], (int) off);
            return;
        }
        if (target.executable())
            throw elf.error(where + " takes the address of function " + sym.name() + " (a callback); not supported");
        throw elf.error(where + " refers to " + describe(sym) + " in section " + target.name()
                + ", which is neither a map section nor a global data section");
    }

    private void call(CodeSection code, int slot, long w, ElfSymbol sym, String where) {
        if (Insn.opcode(w) != Opcodes.CALL_INSN || Insn.src(w) != Opcodes.PSEUDO_CALL)
            throw elf.error(where + " (R_BPF_64_32 against " + sym.name() + ") is not on a bpf-to-bpf call instruction");
        if (!sym.inSection() || !elf.section(sym.section()).executable())
            throw elf.error(where + " calls " + describe(sym) + ", which is not a function in this object");
        // as for calls within a section, imm counts slots from the one after the call, here from the symbol
        long target = sym.value() / 8 + Insn.imm(w) + 1;
        ElfSection s = elf.section(sym.section());
        if (sym.value() % 8 != 0 || target < 0 || target >= s.size() / 8)
            throw elf.error(where + " calls " + sym.name() + "+" + Insn.imm(w) + ", outside section " + s.name());
        code.callTargets().put(slot, new CodeSection.CallTarget(s.index(), (int) target));
    }

    private String describe(ElfSymbol sym) {
        if (sym.type() == ElfSymbol.STT_SECTION && sym.inSection()) return "the symbol of section " + elf.section(sym.section()).name();
        return "symbol " + (sym.name().isEmpty() ? "#" + sym.index() : sym.name());
    }

    private static String typeName(int type) {
        List<String> names = List.of("R_BPF_NONE", "R_BPF_64_64", "R_BPF_64_ABS64", "R_BPF_64_ABS32", "R_BPF_64_NODYLD32");
        if (type >= 0 && type < names.size()) return names.get(type);
        return type == ElfRelocation.R_BPF_64_32 ? "R_BPF_64_32" : "unknown";
    }
}
