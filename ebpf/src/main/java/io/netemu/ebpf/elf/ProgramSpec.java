package io.netemu.ebpf.elf;

/**
 * One program of an object, relocated and linked: {@code insns} is the entry function followed by
 * every subprogram it calls (transitively, each once). ld_imm64 map references use the object's
 * map indices (PSEUDO_MAP_FD / PSEUDO_MAP_VALUE), calls to subprograms are relative (src = 1).
 */
public record ProgramSpec(String name, String section, long[] insns) {}
