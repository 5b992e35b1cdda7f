package io.netemu.ebpf.btf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The types of an object's .BTF section, by id. Immutable: the loader's fix-ups of DATASEC
 * layout (which clang leaves zero, as libbpf fixes it before loading) produce a new instance.
 */
public final class Btf {
    /** Bounds walks through typedef/const chains, so a cyclic (malformed) chain fails instead of looping. */
    private static final int MAX_CHAIN = 64;

    private final List<BtfType> types;

    private Btf(List<BtfType> types) {
        this.types = List.copyOf(types);
        validateReferences();
    }

    /** Parses a .BTF section; every type id referenced by a type must exist. */
    public static Btf parse(byte[] section) {
        return new Btf(BtfReader.read(section));
    }

    /** Number of ids including void (id 0): valid ids are 0 .. count()-1. */
    public int count() { return types.size(); }

    public BtfType type(int id) {
        if (id < 0 || id >= types.size()) throw new BtfException("no type [" + id + "] (" + types.size() + " types)");
        return types.get(id);
    }

    public BtfKind kind(int id) { return type(id).kind(); }

    /** The first id of this kind with this name, or -1. */
    public int find(BtfKind kind, String name) {
        for (int i = 1; i < types.size(); i++) {
            BtfType t = types.get(i);
            if (t.kind() == kind && t.name().equals(name)) return i;
        }
        return -1;
    }

    /** The id under typedefs and qualifiers (and a VAR's declared type is not followed). */
    public int skipModifiers(int id) {
        for (int n = 0; n < MAX_CHAIN; n++) {
            if (!(type(id) instanceof BtfType.Modifier m)) return id;
            id = m.type();
        }
        throw new BtfException("type [" + id + "]: typedef/qualifier chain too long (cycle?)");
    }

    /** Size in bytes, as sizeof would give it, following typedefs, qualifiers and VARs. */
    public long size(int id) {
        for (int n = 0; n < MAX_CHAIN; n++) {
            BtfType t = type(id);
            switch (t) {
                case BtfType.Int i: return i.size();
                case BtfType.Float f: return f.size();
                case BtfType.Ptr p: return 8;
                case BtfType.Struct s: return s.size();
                case BtfType.Enum e: return e.size();
                case BtfType.Datasec d: return d.size();
                case BtfType.Array a: return (a.nelems() & 0xffffffffL) * size(a.elemType());
                case BtfType.Modifier m: id = m.type(); continue;
                case BtfType.Var v: id = v.type(); continue;
                default: throw new BtfException("type [" + id + "] " + t.kind() + " '" + t.name() + "' has no size");
            }
        }
        throw new BtfException("type [" + id + "]: chain too long (cycle?)");
    }

    /** Members of the struct or union under {@code id} (through typedefs and qualifiers); empty for other kinds. */
    public List<BtfType.Member> members(int id) {
        return type(skipModifiers(id)) instanceof BtfType.Struct s ? s.members() : List.of();
    }

    /** A C spelling of the type, e.g. {@code struct lpm_key}, {@code const volatile __u32}, {@code char[9]}. */
    public String typeName(int id) {
        return BtfTypeNames.render(this, id);
    }

    /**
     * This BTF with the DATASEC named {@code section} given the section's size and, for each
     * variable found in {@code varOffsets} (by name), that offset: what libbpf does from the ELF
     * section and symbol table before loading. Unchanged when there is no such DATASEC.
     */
    public Btf withDatasecLayout(String section, int size, Map<String, Integer> varOffsets) {
        int id = find(BtfKind.DATASEC, section);
        if (id < 0) return this;
        BtfType.Datasec d = (BtfType.Datasec) types.get(id);
        List<BtfType.VarSecinfo> vars = new ArrayList<>(d.vars().size());
        for (BtfType.VarSecinfo v : d.vars()) {
            Integer off = varOffsets.get(type(v.type()).name());
            vars.add(off == null ? v : new BtfType.VarSecinfo(v.type(), off, v.size()));
        }
        List<BtfType> copy = new ArrayList<>(types);
        copy.set(id, new BtfType.Datasec(d.name(), size, List.copyOf(vars)));
        return new Btf(copy);
    }

    private void validateReferences() {
        for (int i = 1; i < types.size(); i++) {
            final int id = i;
            BtfType t = types.get(id);
            switch (t) {
                case BtfType.Ptr p -> ref(id, p.type());
                case BtfType.Array a -> { ref(id, a.elemType()); ref(id, a.indexType()); }
                case BtfType.Struct s -> s.members().forEach(m -> ref(id, m.type()));
                case BtfType.Modifier m -> ref(id, m.type());
                case BtfType.Func f -> ref(id, f.proto());
                case BtfType.FuncProto fp -> { ref(id, fp.returnType()); fp.params().forEach(p -> ref(id, p.type())); }
                case BtfType.Var v -> ref(id, v.type());
                case BtfType.Datasec d -> d.vars().forEach(v -> ref(id, v.type()));
                case BtfType.DeclTag dt -> ref(id, dt.type());
                default -> { }
            }
        }
    }

    private void ref(int from, int to) {
        if (to < 0 || to >= types.size())
            throw new BtfException("type [" + from + "] " + types.get(from).kind() + " refers to missing type [" + to + "]");
    }
}
