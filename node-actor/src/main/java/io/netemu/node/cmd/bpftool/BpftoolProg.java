package io.netemu.node.cmd.bpftool;

import io.netemu.ebpf.elf.BpfObject;
import io.netemu.ebpf.elf.BpfObjectException;
import io.netemu.ebpf.elf.BpfObjectLoader;
import io.netemu.ebpf.sys.BpfError;
import io.netemu.ebpf.sys.BpfSys;
import io.netemu.ebpf.sys.KernelProg;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code bpftool prog}: show|list [PROG], load OBJ PATH [type xdp], pin PROG FILE, tracelog.
 * Programs are interpreted, never JIT-compiled: show prints "not jited" (and "jited": false),
 * as bpftool does for a kernel without the JIT. {@code tracelog} prints what the lab's trace
 * pipe holds and returns; the real one blocks, reading, until interrupted.
 */
final class BpftoolProg {
    private static final DateTimeFormatter LOADED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
            .withZone(ZoneOffset.UTC);
    private static final String STRICT_WARNING = """
            Warning: bpftool is now running in libbpf strict mode and has more stringent requirements about BPF programs.
            If it used to work for this object file but now doesn't, see --legacy option for more details.

            """;
    static final String USAGE = """
            Usage: bpftool prog { show | list } [PROG]
                   bpftool prog load OBJ PATH [type TYPE]
                   bpftool prog pin PROG FILE
                   bpftool prog tracelog
                   bpftool prog help

                   PROG := { id PROG_ID | pinned FILE | tag PROG_TAG | name PROG_NAME }
                   TYPE := { xdp }
                   OPTIONS := { {-j|--json} [{-p|--pretty}] }
            (netemu: tracelog prints what the trace pipe holds and returns; bpftool's blocks)
            """;

    private BpftoolProg() {}

    static void run(Bpftool.Ctx c, List<String> args) {
        BpfSys sys = c.bpf().sys();
        if (args.isEmpty() || Bpftool.is(args.get(0), "show") || Bpftool.is(args.get(0), "list")) {
            List<KernelProg> l = args.size() <= 1 ? sys.progs() : ProgSelect.progs(sys, args, 1, 255);
            show(c, l, args.size() <= 1 || l.size() > 1);
        } else if (Bpftool.is(args.get(0), "load") || Bpftool.is(args.get(0), "loadall")) {
            load(c, sys, args);
        } else if (Bpftool.is(args.get(0), "pin")) {
            List<KernelProg> l = ProgSelect.progs(sys, args, 1, 255);
            if (args.size() < 4) {
                throw BpftoolExit.fail("too few arguments, id ID and FILE path is required");
            }
            pin(sys, l.get(0), args.get(3));
        } else if (Bpftool.is(args.get(0), "tracelog")) {
            c.bpf().drainTrace().forEach(line -> c.out().append(line).append('\n'));
        } else if (Bpftool.is(args.get(0), "help")) {
            c.err().append(USAGE);
        } else if (Bpftool.is(args.get(0), "dump")) {
            throw BpftoolExit.fail("netemu: bpftool prog dump is not supported yet");
        } else {
            throw new BpftoolExit(255, null, USAGE);
        }
    }

    /** show_prog_plain / show_prog_json; {@code array}: a listing (bpftool prints one object bare). */
    static void show(Bpftool.Ctx c, List<KernelProg> l, boolean array) {
        if (c.json()) {
            BpfJson w = c.jw();
            if (array) {
                w.startArray();
            }
            for (KernelProg p : l) {
                w.startObject().name("id").number(p.id()).name("type").string(p.type());
                if (!p.name().isEmpty()) {
                    w.name("name").string(p.name());
                }
                w.name("tag").string(p.tag()).name("gpl_compatible").bool(p.gpl())
                        .name("loaded_at").number(p.loadedAtSecs()).name("uid").number(0)
                        .name("bytes_xlated").number(p.xlatedBytes()).name("jited").bool(false)
                        .name("bytes_memlock").number(p.memlock());
                if (p.mapIds().length > 0) {
                    w.name("map_ids").startArray();
                    for (int m : p.mapIds()) {
                        w.number(m);
                    }
                    w.endArray();
                }
                if (p.btfId() != 0) {
                    w.name("btf_id").number(p.btfId());
                }
                w.endObject();
            }
            if (array) {
                w.endArray();
            }
            w.finish();
            return;
        }
        for (KernelProg p : l) {
            StringBuilder o = c.out();
            o.append(p.id()).append(": ").append(p.type()).append("  ");
            if (!p.name().isEmpty()) {
                o.append("name ").append(p.name()).append("  ");
            }
            o.append("tag ").append(p.tag());
            if (p.gpl()) {
                o.append("  gpl");
            }
            o.append("\n\tloaded_at ").append(LOADED_AT.format(Instant.ofEpochSecond(p.loadedAtSecs()))).append("  uid 0\n");
            o.append("\txlated ").append(p.xlatedBytes()).append("B  not jited  memlock ").append(p.memlock()).append('B');
            if (p.mapIds().length > 0) {
                o.append("  map_ids ");
                for (int i = 0; i < p.mapIds().length; i++) {
                    o.append(i == 0 ? "" : ",").append(p.mapIds()[i]);
                }
            }
            o.append('\n');
            if (p.btfId() != 0) {
                o.append("\tbtf_id ").append(p.btfId()).append('\n');
            }
        }
    }

    /** load OBJ PATH [type xdp]: libbpf loads the object; the first program is pinned at PATH. */
    private static void load(Bpftool.Ctx c, BpfSys sys, List<String> args) {
        if (args.size() < 3) {
            throw BpftoolExit.fail("expected 'OBJ PATH', got: '" + String.join(" ", args.subList(1, args.size())) + "'");
        }
        String file = args.get(1);
        String path = args.get(2);
        for (int i = 3; i < args.size(); i++) {
            String w = args.get(i);
            if (Bpftool.is(w, "type") && i + 1 < args.size()) {
                String t = args.get(++i);
                if (!t.equals("xdp") && !t.startsWith("xdp/")) {
                    throw BpftoolExit.fail("netemu: program type " + t + " is not supported (only xdp)");
                }
            } else {
                throw BpftoolExit.fail("expected no more arguments, 'type', 'map' or 'dev', got: '" + w + "'?");
            }
        }
        byte[] elf;
        try {
            elf = Files.readAllBytes(c.cwd().resolve(file));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new BpftoolExit(255, "failed to open object file",
                    "libbpf: elf: failed to open " + file + ": No such file or directory\n");
        }
        BpfObject obj;
        try {
            obj = BpfObjectLoader.load(elf, file);
        } catch (BpfObjectException e) {
            throw new BpftoolExit(255, "failed to open object file", "libbpf: " + e.getMessage() + "\n");
        }
        if (obj.programs().isEmpty()) {
            throw BpftoolExit.fail("object file doesn't contain any bpf program");
        }
        KernelProg p;
        try {
            p = sys.load(obj, obj.programs().get(0), file, false);
        } catch (BpfError e) {
            throw new BpftoolExit(255, "failed to load object file", String.join("\n", e.log()) + "\n", STRICT_WARNING);
        }
        try {
            int err = sys.pin(path, p);
            if (err != 0) {
                throw new BpftoolExit(255, "failed to pin program " + obj.programs().get(0).section(), "", STRICT_WARNING);
            }
        } finally {
            sys.release(p.id());
        }
    }

    private static void pin(BpfSys sys, KernelProg p, String path) {
        if (!BpfSys.onBpffs(path)) {
            String dir = path.contains("/") ? path.substring(0, Math.max(1, path.lastIndexOf('/'))) : ".";
            throw BpftoolExit.fail("can't mount BPF file system to pin the object (" + path
                    + "): mount --make-private " + dir + " failed: No such file or directory");
        }
        int err = sys.pin(path, p);
        if (err != 0) {
            throw BpftoolExit.errno(err, "can't pin the object (" + path + "): " + BpfError.strerror(err));
        }
    }
}
