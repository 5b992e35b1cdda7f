package io.netemu.ebpf.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.ebpf.elf.BpfObject;
import io.netemu.ebpf.elf.BpfObjectLoader;
import io.netemu.ebpf.elf.ClangObjects;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BtfTest {

    private static Btf kinds() throws IOException {
        BpfObject obj = BpfObjectLoader.load(ClangObjects.compile("btf_kinds.c", "btf_kinds.o", true));
        return obj.btf();
    }

    @Test
    void everyTypeOfAClangObjectResolves() throws IOException {
        Btf btf = kinds();
        for (int id = 0; id < btf.count(); id++) {
            assertTrue(!btf.typeName(id).isEmpty(), "type " + id);
            btf.skipModifiers(id);
        }
    }

    @Test
    void namesSizesAndMembersOfAStruct() throws IOException {
        Btf btf = kinds();
        int holder = btf.find(BtfKind.STRUCT, "holder");
        assertEquals(96, btf.size(holder));
        Map<String, String> types = new java.util.LinkedHashMap<>();
        for (BtfType.Member m : btf.members(holder)) types.put(m.name(), btf.typeName(m.type()));
        assertEquals(Map.of("o", "struct opaque *", "un", "union u", "c", "enum color", "fl", "flags_t",
                "t", "struct tagged", "r", "int * restrict", "cv", "const volatile long[2][3]"), types);
        List<BtfType.Member> ms = btf.members(holder);
        assertEquals(List.of(0, 64, 96, 128, 192, 320, 384), ms.stream().map(BtfType.Member::bitOffset).toList());
        assertEquals(48, btf.size(ms.get(6).type()));

        // through the typedef: bitfields carry their width
        List<BtfType.Member> fl = btf.members(ms.get(3).type());
        assertEquals(List.of(new BtfType.Member("a", fl.get(0).type(), 0, 3), new BtfType.Member("b", fl.get(0).type(), 3, 5)),
                fl.subList(0, 2));
        assertEquals(8, btf.size(ms.get(3).type()));

        BtfType.Enum color = (BtfType.Enum) btf.type(ms.get(2).type());
        assertEquals(List.of(new BtfType.EnumValue("RED", 0), new BtfType.EnumValue("GREEN", 5),
                new BtfType.EnumValue("BLUE", 0xffffffffL)), color.values());
        assertEquals(new BtfType.Float("float", 4), btf.type(btf.find(BtfKind.FLOAT, "float")));
        assertEquals(new BtfType.Fwd("opaque", false), btf.type(btf.find(BtfKind.FWD, "opaque")));
        int tagged = btf.find(BtfKind.STRUCT, "tagged");
        assertEquals(new BtfType.DeclTag("struct_tag", tagged, -1), btf.type(btf.find(BtfKind.DECL_TAG, "struct_tag")));
        assertEquals(new BtfType.DeclTag("member_tag", tagged, 0), btf.type(btf.find(BtfKind.DECL_TAG, "member_tag")));
        assertEquals(BtfKind.TYPE_TAG, btf.kind(btf.find(BtfKind.TYPE_TAG, "user")));
        assertEquals("int (*)(struct xdp_md *)", btf.typeName(((BtfType.Func) btf.type(btf.find(BtfKind.FUNC, "prog"))).proto()));
    }

    @Test
    void loaderFixesDatasecLayout() throws IOException {
        Btf btf = kinds();
        BtfType.Datasec bss = (BtfType.Datasec) btf.type(btf.find(BtfKind.DATASEC, ".bss"));
        assertEquals(96, bss.size()); // clang wrote 0
        assertEquals(96, btf.size(btf.find(BtfKind.DATASEC, ".bss")));
    }

    @Test
    void enum64AndSignedEnumFromHandWrittenBtf() {
        BtfBytes b = new BtfBytes();
        b.type("big", BtfKind.ENUM64, 2, true, 8)
                .u32(b.name("MINUS_ONE")).u32(-1).u32(-1)
                .u32(b.name("HUGE")).u32(0).u32(0x7fffffff);
        b.type("s", BtfKind.ENUM, 1, true, 4).u32(b.name("NEG")).u32(-2);
        b.type("r", BtfKind.RESTRICT, 0, false, 0);
        Btf btf = Btf.parse(b.build());
        BtfType.Enum big = (BtfType.Enum) btf.type(1);
        assertEquals(BtfKind.ENUM64, big.kind());
        assertEquals(List.of(new BtfType.EnumValue("MINUS_ONE", -1L), new BtfType.EnumValue("HUGE", 0x7fffffffL << 32)),
                big.values());
        assertEquals(8, btf.size(1));
        assertEquals("enum big", btf.typeName(1));
        assertEquals(-2, ((BtfType.Enum) btf.type(2)).values().get(0).value());
        assertEquals("void restrict", btf.typeName(3));
    }

    @Test
    void malformedBtfIsRefused() {
        assertEquals("header truncated: 4 bytes", assertThrows(BtfException.class, () -> Btf.parse(new byte[4])).getMessage());

        BtfBytes dangling = new BtfBytes();
        dangling.type("", BtfKind.PTR, 0, false, 7);
        assertEquals("type [1] PTR refers to missing type [7]",
                assertThrows(BtfException.class, () -> Btf.parse(dangling.build())).getMessage());

        BtfBytes truncated = new BtfBytes();
        truncated.type("s", BtfKind.STRUCT, 2, false, 8).u32(0).u32(0).u32(0);
        assertTrue(assertThrows(BtfException.class, () -> Btf.parse(truncated.build())).getMessage().contains("truncated"));

        byte[] swapped = new BtfBytes().build();
        swapped[0] = (byte) 0xeb;
        swapped[1] = (byte) 0x9f;
        assertEquals("big-endian BTF is not supported", assertThrows(BtfException.class, () -> Btf.parse(swapped)).getMessage());

        BtfBytes cyclic = new BtfBytes();
        cyclic.type("a", BtfKind.TYPEDEF, 0, false, 2).type("b", BtfKind.TYPEDEF, 0, false, 1);
        Btf btf = Btf.parse(cyclic.build());
        assertTrue(assertThrows(BtfException.class, () -> btf.size(1)).getMessage().contains("cycle"));
        assertThrows(BtfException.class, () -> btf.size(0)); // void has no size
    }
}
