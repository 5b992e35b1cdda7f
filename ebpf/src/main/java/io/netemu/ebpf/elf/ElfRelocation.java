package io.netemu.ebpf.elf;

/**
 * One Elf64_Rel entry: {@code offset} is a byte offset into the section the relocation table
 * applies to. BPF objects carry no addend field; clang leaves the addend in the instruction.
 */
public record ElfRelocation(long offset, int type, int symbol) {
    /** Relocation types of the BPF ELF ABI (llvm's ELFRelocs/BPF.def). */
    public static final int R_BPF_NONE = 0, R_BPF_64_64 = 1, R_BPF_64_ABS64 = 2, R_BPF_64_ABS32 = 3,
            R_BPF_64_NODYLD32 = 4, R_BPF_64_32 = 10;
}
