package io.netemu.node.cmd.bpftool;

import io.netemu.ebpf.btf.Btf;
import io.netemu.ebpf.btf.BtfType;
import java.math.BigInteger;

/**
 * btf_dumper (bpftool/btf_dumper.c): a key or value written as JSON from its BTF type, as
 * {@code bpftool map dump} prints maps whose key and value have BTF: integers as numbers
 * (little-endian, signed or not; bools as true/false), structs and unions as objects by member
 * name (bitfields extracted), arrays as arrays (char arrays as strings), enums by the
 * enumerator's name. Types it cannot show are written as their bytes.
 */
final class BtfValue {
    private BtfValue() {}

    static void write(BpfJson w, Btf btf, int typeId, byte[] data, int off, int bitOff, int bits) {
        int id = btf.skipModifiers(typeId);
        BtfType t = btf.type(id);
        switch (t) {
            case BtfType.Int i -> {
                if ((i.encoding() & BtfType.Int.BOOL) != 0) {
                    w.bool(data[off] != 0);
                    return;
                }
                int size = i.size();
                int nbits = bits != 0 ? bits : i.bits() != 0 ? i.bits() : size * 8;
                int shift = bitOff + i.bitOffset();
                w.raw(integer(data, off, size, shift, nbits, i.signed()));
            }
            case BtfType.Enum e -> {
                long v = new BigInteger(integer(data, off, e.size(), 0, e.size() * 8, e.signed())).longValue();
                for (BtfType.EnumValue ev : e.values()) {
                    if (ev.value() == v) {
                        w.string(ev.name());
                        return;
                    }
                }
                w.number(v);
            }
            case BtfType.Struct s -> {
                w.startObject();
                for (BtfType.Member m : s.members()) {
                    w.name(m.name());
                    int byteOff = off + m.bitOffset() / 8;
                    write(w, btf, m.type(), data, byteOff, m.bitfieldSize() != 0 ? m.bitOffset() % 8 : 0, m.bitfieldSize());
                }
                w.endObject();
            }
            case BtfType.Array a -> {
                int elem = (int) btf.size(a.elemType());
                BtfType et = btf.type(btf.skipModifiers(a.elemType()));
                if (et instanceof BtfType.Int ei && ei.size() == 1 && (ei.encoding() & BtfType.Int.CHAR) != 0
                        || et instanceof BtfType.Int ei2 && ei2.size() == 1 && ei2.name().equals("char")) {
                    StringBuilder sb = new StringBuilder();
                    for (int k = 0; k < a.nelems() && data[off + k] != 0; k++) {
                        sb.append((char) (data[off + k] & 0xff));
                    }
                    w.string(sb.toString());
                    return;
                }
                w.startArray();
                for (int k = 0; k < a.nelems(); k++) {
                    write(w, btf, a.elemType(), data, off + k * elem, 0, 0);
                }
                w.endArray();
            }
            case BtfType.Ptr p -> w.raw(integer(data, off, 8, 0, 64, false));
            case BtfType.Var v -> write(w, btf, v.type(), data, off, 0, 0);
            case BtfType.Datasec d -> {
                w.startObject().name(d.name()).startArray();
                for (BtfType.VarSecinfo vs : d.vars()) {
                    w.startObject().name(btf.type(vs.type()).name());
                    write(w, btf, vs.type(), data, off + vs.offset(), 0, 0);
                    w.endObject();
                }
                w.endArray().endObject();
            }
            default -> {
                long size = 0;
                try {
                    size = btf.size(id);
                } catch (RuntimeException ignored) {
                    // no size: nothing to show
                }
                byte[] b = java.util.Arrays.copyOfRange(data, off, (int) Math.min(data.length, off + size));
                w.hexArray(b);
            }
        }
    }

    /** A little-endian integer of {@code size} bytes, bits [shift, shift+nbits), as a decimal string. */
    private static String integer(byte[] data, int off, int size, int shift, int nbits, boolean signed) {
        BigInteger v = BigInteger.ZERO;
        for (int k = size - 1; k >= 0; k--) {
            v = v.shiftLeft(8).or(BigInteger.valueOf(data[off + k] & 0xff));
        }
        v = v.shiftRight(shift);
        BigInteger mask = BigInteger.ONE.shiftLeft(nbits).subtract(BigInteger.ONE);
        v = v.and(mask);
        if (signed && v.testBit(nbits - 1)) {
            v = v.subtract(BigInteger.ONE.shiftLeft(nbits));
        }
        return v.toString();
    }
}
