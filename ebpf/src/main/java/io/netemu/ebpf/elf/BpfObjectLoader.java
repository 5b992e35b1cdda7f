package io.netemu.ebpf.elf;

import io.netemu.ebpf.btf.Btf;
import io.netemu.ebpf.btf.BtfException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a clang -target bpf object into programs ready for the verifier: what libbpf's
 * bpf_object__open and the relocation half of bpf_object__load do. Every executable section but
 * .text holds programs, one per global function; .text and static functions are subprograms,
 * linked into each program that calls them.
 */
public final class BpfObjectLoader {
    private BpfObjectLoader() {}

    public static BpfObject load(Path file) throws IOException {
        return load(Files.readAllBytes(file), file.toString());
    }

    /** {@code fileName} names the object in messages and prefixes global data map names, as in libbpf. */
    public static BpfObject load(byte[] elfBytes, String fileName) {
        ElfFile elf = ElfFile.parse(elfBytes, fileName);
        Btf btf = readBtf(elf);
        ObjectMaps maps = ObjectMaps.collect(elf, btf);
        Map<Integer, CodeSection> code = CodeRelocator.relocate(elf, maps);
        List<ProgramSpec> programs = new ArrayList<>();
        for (CodeSection c : code.values()) {
            if (c.section().name().equals(".text")) continue;
            boolean any = false;
            for (ElfSymbol f : c.functions().values()) {
                if (!f.isGlobal()) continue;
                any = true;
                programs.add(new ProgramSpec(f.name(), c.section().name(),
                        SubprogramLinker.link(elf, code, c, (int) (f.value() / 8))));
            }
            // hand-written objects may carry no symbols: the section is then one program
            if (!any && c.functions().isEmpty())
                programs.add(new ProgramSpec(c.section().name(), c.section().name(), SubprogramLinker.link(elf, code, c, 0)));
        }
        return new BpfObject(fileName, license(elf), programs, maps.defs, btf);
    }

    private static Btf readBtf(ElfFile elf) {
        ElfSection s = elf.section(".BTF");
        if (s == null) return null;
        Btf btf;
        try {
            btf = Btf.parse(elf.data(s));
        } catch (BtfException e) {
            throw elf.error("section .BTF: " + e.getMessage());
        }
        // clang leaves DATASEC sizes and offsets 0; the section and symbol tables know them
        for (ElfSection sec : elf.sections()) {
            if (sec.index() == 0) continue;
            Map<String, Integer> offsets = new HashMap<>();
            for (ElfSymbol sym : elf.symbols())
                if (sym.section() == sec.index() && sym.type() == ElfSymbol.STT_OBJECT) offsets.put(sym.name(), (int) sym.value());
            btf = btf.withDatasecLayout(sec.name(), (int) sec.size(), offsets);
        }
        return btf;
    }

    private static String license(ElfFile elf) {
        ElfSection s = elf.section("license");
        if (s == null) return null;
        byte[] b = elf.data(s);
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
