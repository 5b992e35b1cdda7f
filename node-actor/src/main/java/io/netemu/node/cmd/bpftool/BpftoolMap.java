package io.netemu.node.cmd.bpftool;

import io.netemu.ebpf.map.BpfMap;
import io.netemu.ebpf.map.DevMap;
import io.netemu.ebpf.map.MapDump;
import io.netemu.ebpf.map.MapType;
import io.netemu.ebpf.map.ValueRef;
import io.netemu.ebpf.sys.BpfError;
import io.netemu.ebpf.sys.BpfSys;
import io.netemu.ebpf.sys.KernelMap;
import io.netemu.ebpf.sys.KernelProg;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bpftool map}: show|list [MAP], dump MAP, lookup MAP key DATA, update MAP key DATA
 * value VALUE [UPDATE_FLAGS], delete MAP key DATA, pin MAP FILE. Maps whose key and value have
 * BTF dump as bpftool prints them then: JSON-like, formatted from the types, even without -j;
 * others (and devmaps, prog arrays) in bpftool's plain hex form. A devmap entry written here
 * names a device of this namespace (the kernel resolves the ifindex in the writer's netns), so
 * a program in another namespace can redirect to it.
 */
final class BpftoolMap {
    static final String USAGE = """
            Usage: bpftool map { show | list }   [MAP]
                   bpftool map dump       MAP
                   bpftool map update     MAP [key DATA] [value VALUE] [UPDATE_FLAGS]
                   bpftool map lookup     MAP [key DATA]
                   bpftool map delete     MAP  key DATA
                   bpftool map pin        MAP  FILE
                   bpftool map help

                   MAP := { id MAP_ID | pinned FILE | name MAP_NAME }
                   DATA := { [hex] BYTES }
                   VALUE := { DATA | PROG }
                   PROG := { id PROG_ID | pinned FILE }
                   UPDATE_FLAGS := { any | exist | noexist }
            """;

    private BpftoolMap() {}

    static void run(Bpftool.Ctx c, List<String> args) {
        BpfSys sys = c.bpf().sys();
        String cmd = args.isEmpty() ? "show" : args.get(0);
        if (Bpftool.is(cmd, "show") || Bpftool.is(cmd, "list")) {
            List<KernelMap> l = args.size() <= 1 ? sys.maps() : ProgSelect.maps(sys, args, 1);
            show(c, l, args.size() <= 1 || l.size() > 1);
        } else if (Bpftool.is(cmd, "dump")) {
            List<KernelMap> l = ProgSelect.maps(sys, args, 1);
            for (int i = 0; i < l.size(); i++) {
                if (l.size() > 1 && !c.json()) {
                    c.out().append(showLine(l.get(i)).split("\n")[0]).append('\n');
                }
                dump(c, l.get(i));
                if (l.size() > 1 && !c.json() && i + 1 < l.size()) {
                    c.out().append('\n');
                }
            }
        } else if (Bpftool.is(cmd, "lookup")) {
            KernelMap m = ProgSelect.oneMap(sys, args, 1);
            ElemArgs e = ElemArgs.parse(args, 3, m.spec().keySize(), m.spec().valueSize(), true, false, false);
            lookup(c, m, e.key);
        } else if (Bpftool.is(cmd, "update")) {
            KernelMap m = ProgSelect.oneMap(sys, args, 1);
            boolean progs = m.spec().type() == MapType.PROG_ARRAY;
            ElemArgs e = ElemArgs.parse(args, 3, m.spec().keySize(), m.spec().valueSize(), true, true, progs);
            update(c, sys, m, e);
        } else if (Bpftool.is(cmd, "delete")) {
            KernelMap m = ProgSelect.oneMap(sys, args, 1);
            ElemArgs e = ElemArgs.parse(args, 3, m.spec().keySize(), m.spec().valueSize(), true, false, false);
            int err = m.map().delete(e.key, 0);
            if (err != 0) {
                throw BpftoolExit.errno(-err, "delete failed: " + BpfError.strerror(-err));
            }
        } else if (Bpftool.is(cmd, "pin")) {
            KernelMap m = ProgSelect.oneMap(sys, args, 1);
            if (args.size() < 4) {
                throw BpftoolExit.fail("too few arguments, id ID and FILE path is required");
            }
            int err = sys.pin(args.get(3), m);
            if (err != 0) {
                throw BpftoolExit.errno(err, "can't pin the object (" + args.get(3) + "): " + BpfError.strerror(err));
            }
        } else if (Bpftool.is(cmd, "help")) {
            c.err().append(USAGE);
        } else {
            throw new BpftoolExit(255, null, USAGE);
        }
    }

    /** show_map_close_plain: the maps library's two lines, then "frozen" and the BTF id. */
    private static String showLine(KernelMap m) {
        String s = MapDump.show(m.id(), m.map());
        s = s.substring(0, s.length() - 1);
        if (m.frozen()) {
            s += "  frozen";
        }
        if (m.btfId() != 0) {
            s += "\n\tbtf_id " + m.btfId();
        }
        return s + "\n";
    }

    private static void show(Bpftool.Ctx c, List<KernelMap> l, boolean array) {
        if (!c.json()) {
            l.forEach(m -> c.out().append(showLine(m)));
            return;
        }
        BpfJson w = c.jw();
        if (array) {
            w.startArray();
        }
        for (KernelMap m : l) {
            String one = MapDump.showJson(m.id(), m.map()).strip();
            // the maps library's object, with the kernel's frozen state and the BTF id added
            one = one.substring(0, one.length() - 1).replace("\"frozen\":0", "\"frozen\":" + (m.frozen() ? 1 : 0));
            if (m.btfId() != 0) {
                one += ",\"btf_id\":" + m.btfId();
            }
            one += "}";
            if (c.pretty()) {
                w.raw(one); // pretty layout of show is rarely parsed; the compact object is kept
            } else {
                w.raw(one);
            }
        }
        if (array) {
            w.endArray();
        }
        w.finish();
    }

    /** Whether bpftool formats this map's elements from BTF. */
    private static boolean formatted(KernelMap m) {
        MapType t = m.spec().type();
        return m.btf() != null && m.valueTypeId() != 0 && t != MapType.DEVMAP && t != MapType.DEVMAP_HASH
                && t != MapType.PROG_ARRAY;
    }

    private static void dump(Bpftool.Ctx c, KernelMap m) {
        if (!formatted(m)) {
            c.out().append(c.json() ? MapDump.dumpJson(m.map()) : MapDump.dump(m.map()));
            return;
        }
        BpfJson w = new BpfJson(c.out(), !c.json() || c.pretty());
        w.startArray();
        for (byte[] k : keys(m.map())) {
            byte[] v = value(m, k);
            if (v != null) {
                element(w, m, k, v, c.json());
            }
        }
        w.endArray();
        w.finish();
    }

    private static void lookup(Bpftool.Ctx c, KernelMap m, byte[] key) {
        byte[] v = value(m, key);
        if (!formatted(m) || v == null) {
            c.out().append(c.json() ? MapDump.lookupJson(m.map(), key) : MapDump.lookup(m.map(), key));
            if (v == null) {
                throw new BpftoolExit(254, null, "");
            }
            return;
        }
        BpfJson w = new BpfJson(c.out(), !c.json() || c.pretty());
        element(w, m, key, v, c.json());
        w.finish();
    }

    /** One element: formatted alone in plain mode; under -j the bytes and a "formatted" object. */
    private static void element(BpfJson w, KernelMap m, byte[] k, byte[] v, boolean json) {
        w.startObject();
        if (json) {
            w.name("key").hexArray(k).name("value").hexArray(v).name("formatted").startObject();
        }
        w.name("key");
        if (m.keyTypeId() != 0) {
            BtfValue.write(w, m.btf(), m.keyTypeId(), k, 0, 0, 0);
        } else {
            w.hexArray(k);
        }
        w.name("value");
        BtfValue.write(w, m.btf(), m.valueTypeId(), v, 0, 0, 0);
        if (json) {
            w.endObject();
        }
        w.endObject();
    }

    private static void update(Bpftool.Ctx c, BpfSys sys, KernelMap m, ElemArgs e) {
        BpfMap map = m.map();
        int err;
        if (e.progValue != null) {
            List<KernelProg> p = ProgSelect.progs(sys, e.progValue, 0, 255);
            byte[] v = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(p.get(0).id()).array();
            err = map.update(e.key, 0, v, 0, e.flags);
        } else if (map instanceof DevMap dm) {
            int ifindex = ByteBuffer.wrap(e.value).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            // the kernel resolves the ifindex in the writer's namespace: no such device, EINVAL
            err = c.ns().devs().get(ifindex) == null ? -BpfError.EINVAL
                    : dm.updateFor(c.ns().name(), e.key, 0, e.value, 0, e.flags);
        } else {
            err = map.update(e.key, 0, e.value, 0, e.flags);
        }
        if (err != 0) {
            throw BpftoolExit.errno(-err, "update failed: " + BpfError.strerror(-err));
        }
    }

    private static List<byte[]> keys(BpfMap map) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] k = map.nextKey(null); k != null; k = map.nextKey(k)) {
            out.add(k);
            if (out.size() > map.spec().maxEntries()) {
                break;
            }
        }
        return out;
    }

    private static byte[] value(KernelMap m, byte[] key) {
        ValueRef r = m.map().lookup(key, 0);
        return r == null ? null : Arrays.copyOfRange(r.array(), r.offset(), r.offset() + m.spec().valueSize());
    }
}
