package io.netemu.ebpf.elf;

import io.netemu.ebpf.btf.Btf;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A loaded object file: its programs in section then offset order, its maps (indices are what
 * the programs' ld_imm64 carry), the license string (null when there is no license section) and
 * the BTF (null when compiled without -g).
 */
public record BpfObject(String fileName, String license, List<ProgramSpec> programs, List<MapDef> maps, Btf btf) {

    public BpfObject {
        programs = List.copyOf(programs);
        maps = List.copyOf(maps);
    }

    /**
     * The first program in ELF section {@code section}, as {@code ip link set dev X xdp obj F sec S}
     * picks it.
     */
    public ProgramSpec program(String section) {
        for (ProgramSpec p : programs) if (p.section().equals(section)) return p;
        throw new BpfObjectException(fileName + ": no program in section " + section + " (sections with programs: "
                + programs.stream().map(ProgramSpec::section).distinct().collect(Collectors.joining(", ")) + ")");
    }

    /** The program whose function is named {@code name}. */
    public ProgramSpec programByName(String name) {
        for (ProgramSpec p : programs) if (p.name().equals(name)) return p;
        throw new BpfObjectException(fileName + ": no program named " + name + " (programs: "
                + programs.stream().map(ProgramSpec::name).collect(Collectors.joining(", ")) + ")");
    }

    /** The index of the map named {@code name}, or -1. */
    public int mapIndex(String name) {
        for (int i = 0; i < maps.size(); i++) if (maps.get(i).spec().name().equals(name)) return i;
        return -1;
    }
}
