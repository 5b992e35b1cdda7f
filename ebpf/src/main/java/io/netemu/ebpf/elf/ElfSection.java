package io.netemu.ebpf.elf;

/** One section header of an ELF64 file (Elf64_Shdr), with its name resolved. */
public record ElfSection(int index, String name, int type, long flags, long offset, long size,
                         int link, int info, long entsize) {
    public static final int SHT_NULL = 0, SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3,
            SHT_RELA = 4, SHT_NOBITS = 8, SHT_REL = 9;
    public static final long SHF_WRITE = 0x1, SHF_ALLOC = 0x2, SHF_EXECINSTR = 0x4;

    /** Code sections: clang puts each SEC("...") function and .text there. */
    public boolean executable() {
        return type == SHT_PROGBITS && (flags & SHF_EXECINSTR) != 0;
    }

    /** NOBITS (.bss) has a size but no bytes in the file. */
    public boolean hasFileData() {
        return type != SHT_NOBITS && type != SHT_NULL;
    }
}
