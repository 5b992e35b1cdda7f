package io.netemu.ebpf.verifier;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough ELF64 to get a clang-built BPF object's program section and its relocations, so
 * verifier tests do not depend on the real loader (built elsewhere at the same time).
 */
final class MiniElf {
    record Section(String name, int type, long offset, long size, int link, int info, int index) {}
    record Symbol(String name, int shndx, long value) {}
    record Reloc(long offset, Symbol sym, int type) {}

    private final ByteBuffer buf;
    final List<Section> sections = new ArrayList<>();
    private final Map<String, Section> byName = new HashMap<>();

    MiniElf(byte[] bytes) {
        buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = buf.getLong(0x28);
        int shentsize = Short.toUnsignedInt(buf.getShort(0x3a)), shnum = Short.toUnsignedInt(buf.getShort(0x3c));
        int shstrndx = Short.toUnsignedInt(buf.getShort(0x3e));
        long strOff = buf.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
        for (int i = 0; i < shnum; i++) {
            int h = (int) (shoff + (long) i * shentsize);
            Section s = new Section(cstring(strOff + buf.getInt(h)), buf.getInt(h + 4), buf.getLong(h + 0x18),
                    buf.getLong(h + 0x20), buf.getInt(h + 0x28), buf.getInt(h + 0x2c), i);
            sections.add(s);
            byName.put(s.name(), s);
        }
    }

    Section section(String name) { return byName.get(name); }

    long[] words(Section s) {
        long[] out = new long[(int) (s.size() / 8)];
        for (int i = 0; i < out.length; i++) out[i] = buf.getLong((int) (s.offset() + 8L * i));
        return out;
    }

    /** The relocations that apply to section {@code target} (from its SHT_REL section). */
    List<Reloc> relocations(Section target) {
        List<Reloc> out = new ArrayList<>();
        for (Section s : sections) {
            if (s.type() != 9 || s.info() != target.index()) continue; // SHT_REL
            Section symtab = sections.get(s.link()), strtab = sections.get(symtab.link());
            for (long o = 0; o < s.size(); o += 16) {
                long rOff = buf.getLong((int) (s.offset() + o)), info = buf.getLong((int) (s.offset() + o + 8));
                int e = (int) (symtab.offset() + (info >>> 32) * 24);
                Symbol sym = new Symbol(cstring(strtab.offset() + buf.getInt(e)), Short.toUnsignedInt(buf.getShort(e + 6)), buf.getLong(e + 8));
                out.add(new Reloc(rOff, sym, (int) info));
            }
        }
        return out;
    }

    private String cstring(long off) {
        StringBuilder b = new StringBuilder();
        for (int i = (int) off; buf.get(i) != 0; i++) b.append((char) buf.get(i));
        return b.toString();
    }
}
