package io.netemu.ebpf.btf;

import java.util.List;

/**
 * One decoded {@code struct btf_type} and the kind-specific data after it. Type ids are the
 * position in the type section counted from 1; id 0 is void. Referenced ids are kept as ids
 * (not objects) because BTF graphs are cyclic through pointers.
 */
public sealed interface BtfType {
    BtfKind kind();

    /** The name, or "" for anonymous types. */
    String name();

    record Void() implements BtfType {
        public BtfKind kind() { return BtfKind.VOID; }
        public String name() { return "void"; }
    }

    /** encoding: bit 0 signed, bit 1 char, bit 2 bool (BTF_INT_SIGNED/CHAR/BOOL). */
    record Int(String name, int size, int encoding, int bitOffset, int bits) implements BtfType {
        public static final int SIGNED = 1, CHAR = 2, BOOL = 4;
        public BtfKind kind() { return BtfKind.INT; }
        public boolean signed() { return (encoding & SIGNED) != 0; }
    }

    record Float(String name, int size) implements BtfType {
        public BtfKind kind() { return BtfKind.FLOAT; }
    }

    record Ptr(String name, int type) implements BtfType {
        public BtfKind kind() { return BtfKind.PTR; }
    }

    record Array(int elemType, int indexType, int nelems) implements BtfType {
        public BtfKind kind() { return BtfKind.ARRAY; }
        public String name() { return ""; }
    }

    /** A struct or union; with kindFlag set, member offsets carry a bitfield size in bits 24-31. */
    record Struct(BtfKind kind, String name, int size, List<Member> members) implements BtfType {}

    /** bitOffset from the start of the struct; bitfieldSize 0 unless the member is a bitfield. */
    record Member(String name, int type, int bitOffset, int bitfieldSize) {}

    /** ENUM (values are 32-bit) or ENUM64; signed from the kind flag. */
    record Enum(BtfKind kind, String name, int size, boolean signed, List<EnumValue> values) implements BtfType {}

    record EnumValue(String name, long value) {}

    /** A forward declaration: of a union when union is set, else of a struct. */
    record Fwd(String name, boolean union) implements BtfType {
        public BtfKind kind() { return BtfKind.FWD; }
    }

    /** TYPEDEF, VOLATILE, CONST, RESTRICT or TYPE_TAG: a name or qualifier over {@code type}. */
    record Modifier(BtfKind kind, String name, int type) implements BtfType {}

    /** linkage: 0 static, 1 global, 2 extern. */
    record Func(String name, int proto, int linkage) implements BtfType {
        public BtfKind kind() { return BtfKind.FUNC; }
    }

    /** A trailing param with name "" and type 0 means variadic. */
    record FuncProto(int returnType, List<Param> params) implements BtfType {
        public BtfKind kind() { return BtfKind.FUNC_PROTO; }
        public String name() { return ""; }
    }

    record Param(String name, int type) {}

    /** linkage: 0 static, 1 global (allocated), 2 extern. */
    record Var(String name, int type, int linkage) implements BtfType {
        public BtfKind kind() { return BtfKind.VAR; }
    }

    /** The variables of one ELF section; clang leaves size and offsets 0 until the loader fixes them. */
    record Datasec(String name, int size, List<VarSecinfo> vars) implements BtfType {
        public BtfKind kind() { return BtfKind.DATASEC; }
    }

    record VarSecinfo(int type, int offset, int size) {}

    /** componentIdx -1 tags the type (or variable, function) itself, else a member or parameter index. */
    record DeclTag(String name, int type, int componentIdx) implements BtfType {
        public BtfKind kind() { return BtfKind.DECL_TAG; }
    }
}
