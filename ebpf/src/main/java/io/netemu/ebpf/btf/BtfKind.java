package io.netemu.ebpf.btf;

/** The kinds of {@code btf_type}, numbered as the kernel's {@code BTF_KIND_*} (bits 24-28 of info). */
public enum BtfKind {
    VOID(0), INT(1), PTR(2), ARRAY(3), STRUCT(4), UNION(5), ENUM(6), FWD(7), TYPEDEF(8),
    VOLATILE(9), CONST(10), RESTRICT(11), FUNC(12), FUNC_PROTO(13), VAR(14), DATASEC(15),
    FLOAT(16), DECL_TAG(17), TYPE_TAG(18), ENUM64(19);

    public final int id;

    BtfKind(int id) { this.id = id; }

    /** The kind with this number, or null for a number this parser does not know. */
    public static BtfKind byId(int id) {
        for (BtfKind k : values()) if (k.id == id) return k;
        return null;
    }

    /** Kinds that only qualify another type: sizes and members are those of the type under them. */
    public boolean isModifier() {
        return this == TYPEDEF || this == VOLATILE || this == CONST || this == RESTRICT || this == TYPE_TAG;
    }
}
