package io.netemu.ebpf.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A relocatable ELF64 little-endian object for EM_BPF, as clang -target bpf writes it: section
 * headers, the symbol table and relocation tables. Only what loading BPF needs is decoded; every
 * table is bounds-checked at parse time so later reads cannot run past the file.
 */
public final class ElfFile {
    public static final int EM_BPF = 247;
    public static final int ET_REL = 1;
    private static final int EHDR_SIZE = 64, SHDR_SIZE = 64, SYM_SIZE = 24, REL_SIZE = 16;

    private final String fileName;
    private final ByteBuffer buf;
    private final List<ElfSection> sections;
    private final List<ElfSymbol> symbols;

    private ElfFile(String fileName, byte[] data) {
        this.fileName = fileName;
        this.buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        checkIdent(data);
        this.sections = readSections();
        this.symbols = readSymbols();
    }

    /** Parses {@code data}; {@code fileName} is only for messages. */
    public static ElfFile parse(byte[] data, String fileName) {
        return new ElfFile(fileName, data);
    }

    public String fileName() { return fileName; }

    public List<ElfSection> sections() { return sections; }

    public ElfSection section(int index) {
        if (index <= 0 || index >= sections.size())
            throw error("section index " + index + " does not exist (" + sections.size() + " sections)");
        return sections.get(index);
    }

    /** The first section with this name, or null. */
    public ElfSection section(String name) {
        for (ElfSection s : sections) if (s.name().equals(name)) return s;
        return null;
    }

    /** Symbols in table order; index 0 is the null symbol. Empty when there is no .symtab. */
    public List<ElfSymbol> symbols() { return symbols; }

    public ElfSymbol symbol(int index) {
        if (index < 0 || index >= symbols.size())
            throw error("symbol index " + index + " does not exist (" + symbols.size() + " symbols)");
        return symbols.get(index);
    }

    /** The section's bytes (zeros for NOBITS), a fresh copy. */
    public byte[] data(ElfSection s) {
        if (!s.hasFileData()) return new byte[(int) s.size()];
        byte[] b = new byte[(int) s.size()];
        buf.get((int) s.offset(), b);
        return b;
    }

    /** The entries of a SHT_REL section. */
    public List<ElfRelocation> relocations(ElfSection rel) {
        if (rel.type() != ElfSection.SHT_REL) throw error("section " + rel.name() + ": not a SHT_REL relocation table");
        if (rel.entsize() != REL_SIZE || rel.size() % REL_SIZE != 0)
            throw error("section " + rel.name() + ": relocation entry size " + rel.entsize() + " / table size "
                    + rel.size() + " does not fit Elf64_Rel (" + REL_SIZE + " bytes)");
        List<ElfRelocation> out = new ArrayList<>();
        for (long p = rel.offset(); p < rel.offset() + rel.size(); p += REL_SIZE) {
            long info = buf.getLong((int) p + 8);
            out.add(new ElfRelocation(buf.getLong((int) p), (int) info, (int) (info >>> 32)));
        }
        return out;
    }

    /** An error about this file, prefixed with its name. */
    BpfObjectException error(String what) {
        return new BpfObjectException(fileName + ": " + what);
    }

    private void checkIdent(byte[] d) {
        if (d.length < 16 || d[0] != 0x7f || d[1] != 'E' || d[2] != 'L' || d[3] != 'F')
            throw error("not an ELF file (no \\x7fELF magic)");
        if (d[4] != 2) throw error("not a 64-bit ELF file (EI_CLASS " + d[4] + "); BPF objects are ELF64");
        if (d[5] != 1) throw error("not a little-endian ELF file (EI_DATA " + d[5] + "); compile with -target bpf (bpfel)");
        if (d.length < EHDR_SIZE) throw error("truncated ELF header (" + d.length + " bytes, need " + EHDR_SIZE + ")");
        int machine = u16(18);
        if (machine != EM_BPF) throw error("e_machine " + machine + " is not EM_BPF (" + EM_BPF + "): not a BPF object");
        int type = u16(16);
        if (type != ET_REL) throw error("e_type " + type + " is not ET_REL (1): not a relocatable object");
    }

    private List<ElfSection> readSections() {
        long shoff = buf.getLong(40);
        int shentsize = u16(58), shnum = u16(60), shstrndx = u16(62);
        if (shoff == 0) throw error("no section header table");
        if (shentsize != SHDR_SIZE) throw error("section header size " + shentsize + ", expected " + SHDR_SIZE);
        checkRange("section header table", shoff, SHDR_SIZE);
        // extended numbering: counts that do not fit 16 bits live in section 0's header
        if (shnum == 0) shnum = (int) buf.getLong((int) shoff + 32);
        if (shstrndx == ElfSymbol.SHN_XINDEX) shstrndx = buf.getInt((int) shoff + 40);
        checkRange("section header table (" + shnum + " entries)", shoff, (long) shnum * SHDR_SIZE);
        if (shstrndx <= 0 || shstrndx >= shnum)
            throw error("section name table index " + shstrndx + " out of range (" + shnum + " sections)");

        long[][] raw = new long[shnum][];
        for (int i = 0; i < shnum; i++) {
            int h = (int) (shoff + (long) i * SHDR_SIZE);
            raw[i] = new long[] {u32(h), u32(h + 4), buf.getLong(h + 8), buf.getLong(h + 24), buf.getLong(h + 32),
                    u32(h + 40), u32(h + 44), buf.getLong(h + 56)};
        }
        long[] strtab = raw[shstrndx];
        checkRange("section name table [" + shstrndx + "]", strtab[3], strtab[4]);
        List<ElfSection> out = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            long[] r = raw[i];
            String name = i == 0 ? "" : cString(strtab[3], strtab[4], r[0], "section [" + i + "] name");
            int type = (int) r[1];
            if (type != ElfSection.SHT_NOBITS && type != ElfSection.SHT_NULL)
                checkRange("section " + name + ": contents", r[3], r[4]);
            if (r[4] > Integer.MAX_VALUE) throw error("section " + name + ": size " + r[4] + " too large");
            out.add(new ElfSection(i, name, (int) r[1], r[2], r[3], r[4], (int) r[5], (int) r[6], r[7]));
        }
        return List.copyOf(out);
    }

    private List<ElfSymbol> readSymbols() {
        ElfSection symtab = null;
        for (ElfSection s : sections) if (s.type() == ElfSection.SHT_SYMTAB) symtab = s;
        if (symtab == null) return List.of();
        if (symtab.entsize() != SYM_SIZE || symtab.size() % SYM_SIZE != 0)
            throw error("section " + symtab.name() + ": symbol entry size " + symtab.entsize() + " / table size "
                    + symtab.size() + " does not fit Elf64_Sym (" + SYM_SIZE + " bytes)");
        if (symtab.link() <= 0 || symtab.link() >= sections.size())
            throw error("section " + symtab.name() + ": string table index " + symtab.link() + " does not exist");
        ElfSection strtab = sections.get(symtab.link());
        int n = (int) (symtab.size() / SYM_SIZE);
        List<ElfSymbol> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int p = (int) (symtab.offset() + (long) i * SYM_SIZE);
            int info = buf.get(p + 4) & 0xff;
            int shndx = u16(p + 6);
            String name = cString(strtab.offset(), strtab.size(), u32(p), "symbol [" + i + "] name in " + strtab.name());
            if (shndx == ElfSymbol.SHN_XINDEX)
                throw error("section " + symtab.name() + ": symbol " + name + " uses SHN_XINDEX, which is not supported");
            if (shndx != ElfSymbol.SHN_UNDEF && shndx < ElfSymbol.SHN_LORESERVE && shndx >= sections.size())
                throw error("section " + symtab.name() + ": symbol " + name + " is in section " + shndx + ", which does not exist");
            out.add(new ElfSymbol(i, name, buf.getLong(p + 8), buf.getLong(p + 16), info & 0xf, info >>> 4, shndx));
        }
        return List.copyOf(out);
    }

    private String cString(long tableOff, long tableSize, long off, String what) {
        if (off >= tableSize) throw error(what + ": offset " + off + " outside its string table (" + tableSize + " bytes)");
        int start = (int) (tableOff + off), end = (int) (tableOff + tableSize), p = start;
        while (p < end && buf.get(p) != 0) p++;
        if (p == end) throw error(what + ": string not NUL-terminated");
        byte[] b = Arrays.copyOfRange(buf.array(), start, p);
        return new String(b, StandardCharsets.UTF_8);
    }

    private void checkRange(String what, long off, long len) {
        if (off < 0 || len < 0 || off + len > buf.limit() || off + len < off)
            throw error(what + " at offset " + off + " (" + len + " bytes) runs past the end of the file ("
                    + buf.limit() + " bytes): truncated?");
    }

    private int u16(int at) { return buf.getShort(at) & 0xffff; }

    private long u32(int at) { return buf.getInt(at) & 0xffffffffL; }
}
