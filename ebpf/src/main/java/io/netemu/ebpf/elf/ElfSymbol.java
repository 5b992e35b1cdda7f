package io.netemu.ebpf.elf;

/** One Elf64_Sym: {@code section} is st_shndx (0 = undefined, i.e. an extern). */
public record ElfSymbol(int index, String name, long value, long size, int type, int bind, int section) {
    public static final int STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4;
    public static final int STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2;
    public static final int SHN_UNDEF = 0, SHN_LORESERVE = 0xff00, SHN_ABS = 0xfff1, SHN_COMMON = 0xfff2, SHN_XINDEX = 0xffff;

    public boolean isFunc() { return type == STT_FUNC; }

    public boolean isGlobal() { return bind == STB_GLOBAL || bind == STB_WEAK; }

    /** Defined in a real section (not undefined, absolute or common). */
    public boolean inSection() { return section != SHN_UNDEF && section < SHN_LORESERVE; }
}
