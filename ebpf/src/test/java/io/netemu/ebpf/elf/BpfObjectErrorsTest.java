package io.netemu.ebpf.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Broken inputs are refused with messages naming the file, the section and the fault. */
class BpfObjectErrorsTest {

    private static String error(byte[] bytes, String name) {
        return assertThrows(BpfObjectException.class, () -> BpfObjectLoader.load(bytes, name)).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) assertTrue(message.contains(p), "'" + message + "' should contain '" + p + "'");
    }

    /** An ELF64 header with no sections, enough to reach each identification check. */
    private static byte[] header(int elfClass, int data, int type, int machine) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) elfClass, (byte) data, 1});
        b.putShort(16, (short) type).putShort(18, (short) machine).putShort(52, (short) 64).putShort(58, (short) 64);
        return b.array();
    }

    @Test
    void notElf() {
        assertEquals("junk.o: not an ELF file (no \\x7fELF magic)", error("int main() {}\n".getBytes(), "junk.o"));
        assertContains(error(new byte[0], "empty.o"), "empty.o: not an ELF file");
    }

    @Test
    void wrongClassByteOrderMachineType() {
        assertContains(error(header(1, 1, 1, 247), "a.o"), "a.o: not a 64-bit ELF file");
        assertContains(error(header(2, 2, 1, 247), "a.o"), "a.o: not a little-endian ELF file");
        assertContains(error(header(2, 1, 1, 62), "a.o"), "a.o: e_machine 62 is not EM_BPF (247)");
        assertContains(error(header(2, 1, 2, 247), "a.o"), "a.o: e_type 2 is not ET_REL");
        assertContains(error(header(2, 1, 1, 247), "a.o"), "a.o: no section header table");
    }

    @Test
    void binTrueIsNotBpf() throws IOException {
        Path t = Path.of("/bin/true");
        assumeTrue(Files.isReadable(t), "/bin/true is not readable here");
        assertContains(error(Files.readAllBytes(t), "/bin/true"), "/bin/true: ", "is not EM_BPF (247)");
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] good = Files.readAllBytes(ClangObjects.compile("maps.c", "maps.o", true));
        assertContains(error(Arrays.copyOf(good, 40), "maps.o"), "maps.o: truncated ELF header (40 bytes");
        assertContains(error(Arrays.copyOf(good, good.length / 2), "maps.o"),
                "maps.o: section header table", "runs past the end of the file", "truncated?");
        // headers intact, but one section claims more bytes than the file has
        ElfFile elf = ElfFile.parse(good, "maps.o");
        ElfSection btf = elf.section(".BTF");
        byte[] bad = good.clone();
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putLong(headerAt(good, btf) + 32, good.length);
        assertContains(error(bad, "maps.o"), "maps.o: section .BTF: contents", "runs past the end of the file");
    }

    @Test
    void badRelocationTypeNamesSectionOffsetAndType() throws IOException {
        byte[] good = Files.readAllBytes(ClangObjects.compile("maps.c", "maps.o", true));
        ElfFile elf = ElfFile.parse(good, "maps.o");
        byte[] bad = good.clone();
        ByteBuffer b = ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN);
        int entry = (int) elf.section(".relxdp").offset();
        b.putInt(entry + 8, 3); // r_info low word: the type
        assertEquals("maps.o: section xdp: relocation at offset 0x30 has type 3 (R_BPF_64_ABS32),"
                + " expected R_BPF_64_64 (1) or R_BPF_64_32 (10) in code", error(bad, "maps.o"));
    }

    @Test
    void relocationTableForMissingSection() throws IOException {
        byte[] good = Files.readAllBytes(ClangObjects.compile("maps.c", "maps.o", true));
        ElfFile elf = ElfFile.parse(good, "maps.o");
        byte[] bad = good.clone();
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(headerAt(good, elf.section(".relxdp")) + 44, 99);
        assertContains(error(bad, "maps.o"), "maps.o: section index 99 does not exist");
    }

    @Test
    void unknownMapTypes() throws IOException {
        byte[] good = Files.readAllBytes(ClangObjects.compile("maps.c", "maps.o", true));
        ElfFile elf = ElfFile.parse(good, "maps.o");
        byte[] bad = good.clone();
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt((int) elf.section("maps").offset(), 99);
        assertEquals("maps.o: section maps: map 'legacy_counts' has map type 99, not supported by netemu", error(bad, "maps.o"));

        byte[] rb = Files.readAllBytes(ClangObjects.compile("unsupported.c", "unsupported.o", true));
        assertEquals("unsupported.o: map 'events' in .maps: map type 27 is not supported by netemu", error(rb, "unsupported.o"));
    }

    @Test
    void corruptBtf() throws IOException {
        byte[] good = Files.readAllBytes(ClangObjects.compile("maps.c", "maps.o", true));
        ElfFile elf = ElfFile.parse(good, "maps.o");
        byte[] bad = good.clone();
        bad[(int) elf.section(".BTF").offset()] = 0;
        assertContains(error(bad, "maps.o"), "maps.o: section .BTF: bad magic");
    }

    /** File offset of a section's header: e_shoff plus its index times Elf64_Shdr's size. */
    private static int headerAt(byte[] file, ElfSection s) {
        return (int) (ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(40) + 64L * s.index());
    }
}
