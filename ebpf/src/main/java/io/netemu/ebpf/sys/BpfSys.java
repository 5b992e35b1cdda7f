package io.netemu.ebpf.sys;

import io.netemu.ebpf.elf.BpfObject;
import io.netemu.ebpf.elf.MapDef;
import io.netemu.ebpf.elf.ProgramSpec;
import io.netemu.ebpf.isa.Insn;
import io.netemu.ebpf.isa.Opcodes;
import io.netemu.ebpf.map.BpfMap;
import io.netemu.ebpf.map.MapCreateException;
import io.netemu.ebpf.map.MapSpec;
import io.netemu.ebpf.map.Maps;
import io.netemu.ebpf.verifier.ProgramType;
import io.netemu.ebpf.verifier.Verifier;
import io.netemu.ebpf.verifier.VerifierException;
import io.netemu.ebpf.vm.LoadedProgram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * One lab's BPF objects, as one kernel's: program and map ids from 1 (never reused), the
 * references that keep each alive (a program while it is being loaded, attached or pinned; a
 * map while a program or a pin holds it) and the bpffs pins. Every namespace of the lab shares
 * these tables, as every namespace shares a kernel's. Namespace actors on different threads
 * call in, so every method holds the lock; nothing here blocks or runs a program.
 */
public final class BpfSys {
    /** Told when a program appears and when its last reference goes: devices attach by id. */
    public interface Listener {
        void progLoaded(KernelProg p);

        void progFreed(KernelProg p);
    }

    private final LongSupplier bootNanos;
    private final long bootEpochMillis;
    private final Listener listener;
    private final Map<Integer, KernelProg> progs = new TreeMap<>();
    private final Map<Integer, KernelMap> maps = new TreeMap<>();
    private final Map<Integer, Integer> progRefs = new HashMap<>();
    private final Map<Integer, Integer> mapRefs = new HashMap<>();
    private final BpfFs fs = new BpfFs();
    private int nextProgId = 1;
    private int nextMapId = 1;
    private int nextBtfId = 1;

    /**
     * @param bootNanos       the lab's clock: nanoseconds since its boot (load times)
     * @param bootEpochMillis the wall clock at the lab's boot (bpftool's loaded_at)
     */
    public BpfSys(LongSupplier bootNanos, long bootEpochMillis, Listener listener) {
        this.bootNanos = bootNanos;
        this.bootEpochMillis = bootEpochMillis;
        this.listener = listener == null ? new Listener() {
            public void progLoaded(KernelProg p) {}
            public void progFreed(KernelProg p) {}
        } : listener;
    }

    /** A lab-less table (tests, one command run standalone): boot now, nobody listening. */
    public static BpfSys standalone() {
        long t0 = System.nanoTime();
        return new BpfSys(() -> System.nanoTime() - t0, System.currentTimeMillis(), null);
    }

    // ---- loading -----------------------------------------------------------------------

    /**
     * What libbpf's bpf_object__load does for one program: the object's maps are created (ids
     * taken in order, global data written), the program verified and loaded. The returned
     * program holds one reference for the caller (the loader's fd): {@link #release} it once
     * it is attached or pinned. Maps the program does not use go when the load ends, as they
     * do when libbpf closes the object. On failure, everything created is freed again.
     *
     * @param file    the object file as the user named it (libbpf's messages show it)
     * @param offload the program is for a device's hardware ({@code xdpoffload}): veths have
     *                none, so the load fails as BPF_PROG_LOAD with a prog_ifindex does
     */
    public synchronized KernelProg load(BpfObject obj, ProgramSpec spec, String file, boolean offload) throws BpfError {
        int btfId = obj.btf() == null ? 0 : nextBtfId++;
        List<KernelMap> created = new ArrayList<>(obj.maps().size());
        for (MapDef def : obj.maps()) {
            try {
                created.add(createMap(def, obj, btfId));
            } catch (MapCreateException e) {
                created.forEach(m -> freeMap(m.id()));
                String name = def.spec().name();
                throw new BpfError(BpfError.Kind.MAP_CREATE, e.errno(), e.getMessage(), List.of(
                        "libbpf: map '" + name + "': failed to create: " + BpfError.strerror(e.errno()) + "(-" + e.errno() + ")",
                        "libbpf: failed to load object '" + file + "'"));
            }
        }
        String progName = ObjName.of(spec.name());
        try {
            if (offload) {
                throw new BpfError(BpfError.Kind.OTHER, BpfError.EINVAL, "no offload device", List.of(
                        "libbpf: prog '" + spec.name() + "': BPF program load failed: Invalid argument",
                        "libbpf: prog '" + spec.name() + "': failed to load: -22",
                        "libbpf: failed to load object '" + file + "'"));
            }
            List<MapSpec> specs = created.stream().map(KernelMap::spec).toList();
            try {
                Verifier.verify(spec.insns(), specs, ProgramType.XDP);
            } catch (VerifierException e) {
                List<String> log = new ArrayList<>();
                log.add("libbpf: prog '" + spec.name() + "': BPF program load failed: Permission denied");
                log.add("libbpf: prog '" + spec.name() + "': -- BEGIN PROG LOAD LOG --");
                log.addAll(List.of(e.log().stripTrailing().split("\n")));
                log.add("-- END PROG LOAD LOG --");
                log.add("libbpf: prog '" + spec.name() + "': failed to load: -13");
                log.add("libbpf: failed to load object '" + file + "'");
                throw new BpfError(BpfError.Kind.VERIFIER, BpfError.EACCES, e.reason(), log);
            }
            int id = nextProgId++;
            BpfMap[] byIndex = created.stream().map(KernelMap::map).toArray(BpfMap[]::new);
            int[] used = usedMaps(spec.insns(), created);
            long now = bootNanos.getAsLong();
            KernelProg p = new KernelProg(id, progName, "xdp", ProgTag.of(spec.insns()), gplCompatible(obj.license()),
                    now, (bootEpochMillis + now / 1_000_000) / 1000, spec.insns().length * 8, used, btfId,
                    new LoadedProgram(progName, spec.insns(), byIndex, id));
            progs.put(id, p);
            progRefs.put(id, 1);
            for (int m : used) {
                holdMap(m);
            }
            listener.progLoaded(p);
            return p;
        } finally {
            // the loader closes its map fds: maps no program took go now
            for (KernelMap m : created) {
                releaseMap(m.id());
            }
        }
    }

    private KernelMap createMap(MapDef def, BpfObject obj, int btfId) {
        BpfMap m = Maps.create(def.spec());
        boolean frozen = false;
        if (def.initialValue() != null) {
            // global data: the section's bytes are value 0 (bpf_map_update_elem, then freeze for .rodata)
            byte[] v = java.util.Arrays.copyOf(def.initialValue(), def.spec().valueSize());
            m.update(new byte[4], 0, v, 0, BpfMap.ANY);
            frozen = (def.spec().flags() & MapSpec.F_RDONLY_PROG) != 0;
        }
        int id = nextMapId++;
        boolean hasBtf = obj.btf() != null && (def.btfKeyTypeId() != 0 || def.btfValueTypeId() != 0);
        KernelMap km = new KernelMap(id, def.spec(), m, hasBtf ? obj.btf() : null, obj.btf() == null ? 0 : btfId,
                def.btfKeyTypeId(), def.btfValueTypeId(), frozen);
        maps.put(id, km);
        mapRefs.put(id, 1); // the loader's fd
        return km;
    }

    /** The maps a program's ld_imm64 instructions name, in order of first use (the kernel's used_maps). */
    private static int[] usedMaps(long[] insns, List<KernelMap> created) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (int i = 0; i < insns.length; i++) {
            long w = insns[i];
            if (Insn.opcode(w) == Opcodes.LDDW) {
                int src = Insn.src(w);
                int idx = Insn.imm(w);
                if ((src == Opcodes.PSEUDO_MAP_FD || src == Opcodes.PSEUDO_MAP_VALUE) && idx >= 0 && idx < created.size()) {
                    ids.add(created.get(idx).id());
                }
                i++;
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** license_is_gpl_compatible (kernel/module.c). */
    static boolean gplCompatible(String license) {
        if (license == null) {
            return false;
        }
        return switch (license) {
            case "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL" -> true;
            default -> false;
        };
    }

    // ---- references ----------------------------------------------------------------------

    /** Takes a reference (an attachment, a pin); false when the program is gone. */
    public synchronized boolean hold(int progId) {
        Integer r = progRefs.get(progId);
        if (r == null) {
            return false;
        }
        progRefs.put(progId, r + 1);
        return true;
    }

    /** Drops a reference; the last one frees the program and its hold on its maps. */
    public synchronized void release(int progId) {
        Integer r = progRefs.get(progId);
        if (r == null) {
            return;
        }
        if (r > 1) {
            progRefs.put(progId, r - 1);
            return;
        }
        progRefs.remove(progId);
        KernelProg p = progs.remove(progId);
        for (int m : p.mapIds()) {
            releaseMap(m);
        }
        listener.progFreed(p);
    }

    private void holdMap(int id) {
        mapRefs.merge(id, 1, Integer::sum);
    }

    private void releaseMap(int id) {
        Integer r = mapRefs.get(id);
        if (r == null) {
            return;
        }
        if (r > 1) {
            mapRefs.put(id, r - 1);
        } else {
            freeMap(id);
        }
    }

    private void freeMap(int id) {
        mapRefs.remove(id);
        maps.remove(id);
    }

    // ---- lookups -----------------------------------------------------------------------

    public synchronized KernelProg prog(int id) { return progs.get(id); }

    public synchronized KernelMap map(int id) { return maps.get(id); }

    /** Every program, by id (BPF_PROG_GET_NEXT_ID order). */
    public synchronized List<KernelProg> progs() { return List.copyOf(progs.values()); }

    public synchronized List<KernelMap> maps() { return List.copyOf(maps.values()); }

    /** The loaded program with this id, for tail calls; null when gone. */
    public synchronized LoadedProgram program(int id) {
        KernelProg p = progs.get(id);
        return p == null ? null : p.program();
    }

    // ---- bpffs ------------------------------------------------------------------------

    /** What a pin names: a {@link KernelProg}, a {@link KernelMap}, or null. */
    public synchronized Object pinned(String path) {
        String p = BpfFs.normalise(path);
        return p == null ? null : fs.get(p);
    }

    /**
     * BPF_OBJ_PIN: 0, or the errno: ENOENT outside the mount (no bpffs there), EEXIST when the
     * path is taken, ENOENT when the object is gone.
     */
    public synchronized int pin(String path, Object obj) {
        String p = BpfFs.normalise(path);
        if (p == null) {
            return BpfError.ENOENT;
        }
        if (fs.exists(p)) {
            return BpfError.EEXIST;
        }
        if (obj instanceof KernelProg kp) {
            if (!hold(kp.id())) {
                return BpfError.ENOENT;
            }
        } else if (obj instanceof KernelMap km) {
            if (!maps.containsKey(km.id())) {
                return BpfError.ENOENT;
            }
            holdMap(km.id());
        } else {
            return BpfError.EINVAL;
        }
        fs.put(p, obj);
        return 0;
    }

    /** unlink of a pin: its reference goes. 0 or ENOENT. */
    public synchronized int unpin(String path) {
        String p = BpfFs.normalise(path);
        Object o = p == null ? null : fs.remove(p);
        if (o instanceof KernelProg kp) {
            release(kp.id());
        } else if (o instanceof KernelMap km) {
            releaseMap(km.id());
        } else {
            return BpfError.ENOENT;
        }
        return 0;
    }

    /** Every pin, by path. */
    public synchronized Map<String, Object> pins() { return Map.copyOf(fs.all()); }

    /** Whether {@code path} lies under the lab's bpffs mount. */
    public static boolean onBpffs(String path) { return BpfFs.normalise(path) != null; }
}
