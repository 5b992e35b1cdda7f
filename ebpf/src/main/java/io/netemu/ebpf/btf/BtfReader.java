package io.netemu.ebpf.btf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the .BTF layout of the kernel's Documentation/bpf/btf.rst: a header giving the type
 * and string sections (offsets counted from the header's end), then the types back to back, each
 * a 12-byte {@code btf_type} followed by data whose length its kind and vlen decide.
 */
final class BtfReader {
    static final int MAGIC = 0xeB9F;
    private static final int MIN_HEADER = 24;

    private final ByteBuffer buf;
    private int strOff, strLen;

    private BtfReader(byte[] section) {
        this.buf = ByteBuffer.wrap(section).order(ByteOrder.LITTLE_ENDIAN);
    }

    static List<BtfType> read(byte[] section) {
        return new BtfReader(section).readAll();
    }

    private List<BtfType> readAll() {
        if (buf.limit() < MIN_HEADER) throw new BtfException("header truncated: " + buf.limit() + " bytes");
        int magic = buf.getShort(0) & 0xffff;
        if (magic == 0x9feb) // the magic's bytes swapped: written by a big-endian target
            throw new BtfException("big-endian BTF is not supported");
        if (magic != MAGIC) throw new BtfException(String.format("bad magic 0x%04x (expected 0xeb9f)", magic));
        int version = buf.get(2) & 0xff;
        if (version != 1) throw new BtfException("unsupported version " + version);
        long hdrLen = u32(4);
        if (hdrLen < MIN_HEADER || hdrLen > buf.limit()) throw new BtfException("bad header length " + hdrLen);
        long typeOff = hdrLen + u32(8), typeLen = u32(12);
        long strOffL = hdrLen + u32(16), strLenL = u32(20);
        if (typeOff + typeLen > buf.limit()) throw new BtfException("type section runs past the end of .BTF");
        if (strOffL + strLenL > buf.limit()) throw new BtfException("string section runs past the end of .BTF");
        strOff = (int) strOffL;
        strLen = (int) strLenL;

        List<BtfType> types = new ArrayList<>();
        types.add(new BtfType.Void());
        int p = (int) typeOff, end = (int) (typeOff + typeLen);
        while (p < end) {
            if (p + 12 > end) throw new BtfException("type [" + types.size() + "] truncated");
            int nameOff = buf.getInt(p), info = buf.getInt(p + 4), sizeOrType = buf.getInt(p + 8);
            int vlen = info & 0xffff, kindId = (info >>> 24) & 0x1f;
            boolean kflag = info < 0;
            BtfKind kind = BtfKind.byId(kindId);
            if (kind == null || kind == BtfKind.VOID)
                throw new BtfException("type [" + types.size() + "] has unknown kind " + kindId);
            String name = string(nameOff, types.size());
            p += 12;
            int extra = extraBytes(kind, vlen);
            if (p + extra > end) throw new BtfException("type [" + types.size() + "] " + kind + " '" + name + "' truncated");
            types.add(decode(kind, name, kflag, vlen, sizeOrType, p, types.size()));
            p += extra;
        }
        return types;
    }

    private static int extraBytes(BtfKind kind, int vlen) {
        return switch (kind) {
            case INT, VAR, DECL_TAG -> 4;
            case ARRAY -> 12;
            case STRUCT, UNION, DATASEC, ENUM64 -> 12 * vlen;
            case ENUM, FUNC_PROTO -> 8 * vlen;
            default -> 0;
        };
    }

    private BtfType decode(BtfKind kind, String name, boolean kflag, int vlen, int st, int p, int id) {
        switch (kind) {
            case INT: {
                int v = buf.getInt(p);
                return new BtfType.Int(name, st, (v >>> 24) & 0x0f, (v >>> 16) & 0xff, v & 0xff);
            }
            case FLOAT: return new BtfType.Float(name, st);
            case PTR: return new BtfType.Ptr(name, st);
            case ARRAY: return new BtfType.Array(buf.getInt(p), buf.getInt(p + 4), buf.getInt(p + 8));
            case STRUCT:
            case UNION: {
                List<BtfType.Member> ms = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++, p += 12) {
                    int off = buf.getInt(p + 8);
                    // kind_flag: the offset word packs the bitfield size above a 24-bit bit offset
                    ms.add(kflag
                            ? new BtfType.Member(string(buf.getInt(p), id), buf.getInt(p + 4), off & 0xffffff, off >>> 24)
                            : new BtfType.Member(string(buf.getInt(p), id), buf.getInt(p + 4), off, 0));
                }
                return new BtfType.Struct(kind, name, st, List.copyOf(ms));
            }
            case ENUM: {
                List<BtfType.EnumValue> vs = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++, p += 8) {
                    int v = buf.getInt(p + 4);
                    vs.add(new BtfType.EnumValue(string(buf.getInt(p), id), kflag ? v : v & 0xffffffffL));
                }
                return new BtfType.Enum(kind, name, st, kflag, List.copyOf(vs));
            }
            case ENUM64: {
                List<BtfType.EnumValue> vs = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++, p += 12) {
                    long v = (buf.getInt(p + 4) & 0xffffffffL) | ((long) buf.getInt(p + 8) << 32);
                    vs.add(new BtfType.EnumValue(string(buf.getInt(p), id), v));
                }
                return new BtfType.Enum(kind, name, st, kflag, List.copyOf(vs));
            }
            case FWD: return new BtfType.Fwd(name, kflag);
            case TYPEDEF:
            case VOLATILE:
            case CONST:
            case RESTRICT:
            case TYPE_TAG: return new BtfType.Modifier(kind, name, st);
            case FUNC: return new BtfType.Func(name, st, vlen);
            case FUNC_PROTO: {
                List<BtfType.Param> ps = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++, p += 8) ps.add(new BtfType.Param(string(buf.getInt(p), id), buf.getInt(p + 4)));
                return new BtfType.FuncProto(st, List.copyOf(ps));
            }
            case VAR: return new BtfType.Var(name, st, buf.getInt(p));
            case DATASEC: {
                List<BtfType.VarSecinfo> vs = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++, p += 12)
                    vs.add(new BtfType.VarSecinfo(buf.getInt(p), buf.getInt(p + 4), buf.getInt(p + 8)));
                return new BtfType.Datasec(name, st, List.copyOf(vs));
            }
            case DECL_TAG: return new BtfType.DeclTag(name, st, buf.getInt(p));
            default: throw new BtfException("type [" + id + "] has unsupported kind " + kind);
        }
    }

    private String string(int off, int id) {
        if (off < 0 || off >= strLen) throw new BtfException("type [" + id + "] name offset " + off + " outside the string section");
        int start = strOff + off, p = start, end = strOff + strLen;
        while (p < end && buf.get(p) != 0) p++;
        if (p == end) throw new BtfException("type [" + id + "] name at " + off + " is not NUL-terminated");
        byte[] b = new byte[p - start];
        buf.get(start, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private long u32(int at) { return buf.getInt(at) & 0xffffffffL; }
}
