package io.netemu.ebpf.btf;

import java.util.ArrayList;
import java.util.List;

/**
 * C spellings of BTF types, for bpftool's formatted dumps and for error messages. Array
 * dimensions are collected outermost first so {@code int a[2][3]} reads as {@code int[2][3]}.
 */
final class BtfTypeNames {
    private static final int MAX_DEPTH = 32;

    private BtfTypeNames() {}

    static String render(Btf btf, int id) {
        return render(btf, id, 0);
    }

    private static String render(Btf btf, int id, int depth) {
        if (depth > MAX_DEPTH) return "...";
        BtfType t = btf.type(id);
        return switch (t) {
            case BtfType.Void v -> "void";
            case BtfType.Int i -> i.name();
            case BtfType.Float f -> f.name();
            case BtfType.Struct s -> (s.kind() == BtfKind.UNION ? "union " : "struct ") + orAnon(s.name());
            case BtfType.Enum e -> "enum " + orAnon(e.name());
            case BtfType.Fwd f -> (f.union() ? "union " : "struct ") + f.name();
            case BtfType.Ptr p -> render(btf, p.type(), depth + 1) + " *";
            case BtfType.Modifier m -> switch (m.kind()) {
                case TYPEDEF -> m.name();
                case CONST -> "const " + render(btf, m.type(), depth + 1);
                case VOLATILE -> "volatile " + render(btf, m.type(), depth + 1);
                case RESTRICT -> render(btf, m.type(), depth + 1) + " restrict";
                default -> render(btf, m.type(), depth + 1); // TYPE_TAG is an annotation only
            };
            case BtfType.Array a -> array(btf, id, depth);
            case BtfType.FuncProto fp -> proto(btf, fp, depth);
            case BtfType.Func f -> f.name();
            case BtfType.Var v -> v.name();
            case BtfType.Datasec d -> d.name();
            case BtfType.DeclTag dt -> dt.name();
        };
    }

    private static String array(Btf btf, int id, int depth) {
        List<Integer> dims = new ArrayList<>();
        while (btf.type(id) instanceof BtfType.Array a && dims.size() < MAX_DEPTH) {
            dims.add(a.nelems());
            id = a.elemType();
        }
        StringBuilder sb = new StringBuilder(render(btf, id, depth + 1));
        for (int d : dims) sb.append('[').append(Integer.toUnsignedString(d)).append(']');
        return sb.toString();
    }

    private static String proto(Btf btf, BtfType.FuncProto fp, int depth) {
        StringBuilder sb = new StringBuilder(render(btf, fp.returnType(), depth + 1)).append(" (*)(");
        for (int i = 0; i < fp.params().size(); i++) {
            if (i > 0) sb.append(", ");
            BtfType.Param p = fp.params().get(i);
            sb.append(p.type() == 0 && p.name().isEmpty() ? "..." : render(btf, p.type(), depth + 1));
        }
        return sb.append(')').toString();
    }

    private static String orAnon(String name) {
        return name.isEmpty() ? "{...}" : name;
    }
}
