package io.netemu.ebpf.elf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code llvm-objdump -d -r} shows of an object: per section, the instruction words (a
 * 16-byte ld_imm64 line gives two) and the relocations, an independent view to check the
 * loader's decoding and relocation against.
 */
final class ObjdumpListing {
    record Reloc(int slot, String type, String symbol) {}

    final Map<String, List<Long>> words = new LinkedHashMap<>();
    final Map<String, List<Reloc>> relocs = new LinkedHashMap<>();
    record Func(String section, int slot) {}

    /** Function starts by name (labels that are not LBB jump targets). */
    final Map<String, Func> functions = new LinkedHashMap<>();

    private static final Pattern SECTION = Pattern.compile("^Disassembly of section (.+):$");
    private static final Pattern INSN = Pattern.compile("^\\s*(\\d+):\\t((?:[0-9a-f]{2} ?)+)");
    private static final Pattern RELOC = Pattern.compile("^\\s+([0-9a-f]+):\\s+(R_BPF_\\w+)\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("^([0-9a-f]{16}) <([^>]+)>:$");

    static ObjdumpListing parse(String text) {
        ObjdumpListing l = new ObjdumpListing();
        String section = null;
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = SECTION.matcher(line)).matches()) {
                section = m.group(1);
                l.words.put(section, new ArrayList<>());
                l.relocs.put(section, new ArrayList<>());
            } else if (section != null && (m = LABEL.matcher(line)).matches()) {
                if (!m.group(2).startsWith("LBB")) l.functions.put(m.group(2), new Func(section, (int) (Long.parseLong(m.group(1), 16) / 8)));
            } else if (section != null && (m = RELOC.matcher(line)).matches()) {
                l.relocs.get(section).add(new Reloc((int) (Long.parseLong(m.group(1), 16) / 8), m.group(2), m.group(3)));
            } else if (section != null && (m = INSN.matcher(line)).find()) {
                String[] bytes = m.group(2).trim().split(" ");
                for (int w = 0; w < bytes.length / 8; w++) {
                    long v = 0;
                    for (int b = 7; b >= 0; b--) v = (v << 8) | Integer.parseInt(bytes[w * 8 + b], 16);
                    l.words.get(section).add(v);
                }
            }
        }
        return l;
    }

    /** The slot after the function starting at {@code slot} of {@code section}: the next label or the end. */
    int functionEnd(String section, int slot) {
        int end = words.get(section).size();
        for (Func f : functions.values())
            if (f.section().equals(section) && f.slot() > slot) end = Math.min(end, f.slot());
        return end;
    }

    long[] section(String name) {
        return words.get(name).stream().mapToLong(Long::longValue).toArray();
    }
}
