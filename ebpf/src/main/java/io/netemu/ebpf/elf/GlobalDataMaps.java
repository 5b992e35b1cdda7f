package io.netemu.ebpf.elf;

import io.netemu.ebpf.map.MapSpec;
import io.netemu.ebpf.map.MapType;

/**
 * Global variables: each .data*, .rodata* and .bss* section becomes a one-value ARRAY map whose
 * value is the section, as libbpf makes them. Names follow libbpf's internal_map_name so that
 * bpftool map show lists what it lists on Linux: up to 15 characters, the object name (file
 * name up to its first '.') prefixed to the section name, the prefix cut so that at least 7
 * characters stay for the section name ("my_objec.rodata", "xdp_prog.bss"); a section name with a
 * second '.' ({@code .rodata.str1.1}) gets no prefix; characters the kernel refuses in object
 * names become '_'.
 */
final class GlobalDataMaps {
    private static final int BPF_OBJ_NAME_LEN = 16;
    private static final int SUFFIX_RESERVED = 7;

    private GlobalDataMaps() {}

    /** Whether libbpf treats a section of this name as global data. */
    static boolean isGlobalData(String section) {
        return is(section, ".data") || is(section, ".rodata") || is(section, ".bss");
    }

    static boolean isReadOnly(String section) {
        return is(section, ".rodata");
    }

    private static boolean is(String section, String base) {
        return section.equals(base) || section.startsWith(base + ".");
    }

    static MapDef define(String objectName, String section, byte[] contents, int btfDatasecId) {
        MapSpec spec = new MapSpec(mapName(objectName, section), MapType.ARRAY, 4, contents.length, 1,
                isReadOnly(section) ? MapSpec.F_RDONLY_PROG : 0);
        return new MapDef(spec, contents, null, 0, btfDatasecId);
    }

    static String mapName(String objectName, String section) {
        int max = BPF_OBJ_NAME_LEN - 1;
        int suffix = Math.min(Math.max(SUFFIX_RESERVED, section.length()), max);
        int prefix = section.indexOf('.', 1) >= 0 ? 0 : Math.min(max - suffix, objectName.length());
        String name = objectName.substring(0, prefix) + section.substring(0, Math.min(suffix, section.length()));
        if (name.length() > max) name = name.substring(0, max);
        StringBuilder sb = new StringBuilder(name.length());
        for (char c : name.toCharArray())
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' ? c : '_');
        return sb.toString();
    }

    /** libbpf's object name: the file's base name up to its first '.'. */
    static String objectName(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = base.indexOf('.');
        return dot >= 0 ? base.substring(0, dot) : base;
    }
}
