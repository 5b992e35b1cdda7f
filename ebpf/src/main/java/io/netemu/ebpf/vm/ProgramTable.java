package io.netemu.ebpf.vm;

/**
 * Loaded programs by id, as bpf_tail_call finds them: a PROG_ARRAY's values are program ids
 * (the kernel stores the program itself; an id keeps maps free of references to programs).
 */
@FunctionalInterface
public interface ProgramTable {
    /** The program with this id, or null when there is none (any more). */
    LoadedProgram byId(int id);

    ProgramTable NONE = id -> null;
}
