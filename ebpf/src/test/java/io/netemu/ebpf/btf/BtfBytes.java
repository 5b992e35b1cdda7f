package io.netemu.ebpf.btf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes .BTF sections by hand, for kinds and faults a compiler will not produce. */
final class BtfBytes {
    private final ByteArrayOutputStream types = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();

    BtfBytes() {
        strings.write(0); // offset 0 is the empty name
    }

    int name(String s) {
        int off = strings.size();
        strings.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        strings.write(0);
        return off;
    }

    /** A btf_type header: name offset, kind, vlen, kind flag, size-or-type. */
    BtfBytes type(String name, BtfKind kind, int vlen, boolean kflag, int sizeOrType) {
        int info = (kind.id << 24) | vlen | (kflag ? 1 << 31 : 0);
        return u32(name.isEmpty() ? 0 : name(name)).u32(info).u32(sizeOrType);
    }

    BtfBytes u32(int v) {
        types.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        return this;
    }

    byte[] build() {
        byte[] t = types.toByteArray(), s = strings.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(24 + t.length + s.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0xeB9F).put((byte) 1).put((byte) 0).putInt(24)
                .putInt(0).putInt(t.length).putInt(t.length).putInt(s.length).put(t).put(s);
        return b.array();
    }
}
