package io.netemu.node.cmd.bpftool;

import io.netemu.ebpf.sys.BpfSys;
import io.netemu.ebpf.sys.KernelMap;
import io.netemu.ebpf.sys.KernelProg;
import java.util.List;

/**
 * PROG := { id PROG_ID | pinned FILE | tag PROG_TAG | name PROG_NAME } (prog_parse_fds), and
 * MAP := { id MAP_ID | pinned FILE | name MAP_NAME } (map_parse_fds), with bpftool's messages.
 * {@code status} is the exit status the caller's path gives a failed lookup (255 mostly, 234
 * for {@code net attach}, which returns -EINVAL).
 */
final class ProgSelect {
    private ProgSelect() {}

    /** The programs named by {@code args[at], args[at+1]}. */
    static List<KernelProg> progs(BpfSys sys, List<String> args, int at, int status) {
        if (args.size() < at + 2) {
            throw new BpftoolExit(status, "too few parameters for PROG", "");
        }
        String how = args.get(at);
        String what = args.get(at + 1);
        if (Bpftool.is(how, "id")) {
            Long id = Bpftool.number(what);
            if (id == null) {
                throw new BpftoolExit(status, "can't parse " + what + " as ID", "");
            }
            KernelProg p = id > Integer.MAX_VALUE ? null : sys.prog(id.intValue());
            if (p == null) {
                throw new BpftoolExit(status, "get by id (" + what + "): No such file or directory", "");
            }
            return List.of(p);
        }
        if (Bpftool.is(how, "pinned")) {
            Object o = pinned(sys, what, status);
            if (o instanceof KernelProg p) {
                return List.of(p);
            }
            throw new BpftoolExit(status, "incorrect object type: map", "");
        }
        if (Bpftool.is(how, "tag")) {
            List<KernelProg> l = sys.progs().stream().filter(p -> p.tag().equals(what)).toList();
            if (l.isEmpty()) {
                throw new BpftoolExit(status, "no programs with tag " + what + " found", "");
            }
            return l;
        }
        if (Bpftool.is(how, "name")) {
            List<KernelProg> l = sys.progs().stream().filter(p -> p.name().equals(what)).toList();
            if (l.isEmpty()) {
                throw new BpftoolExit(status, null, "");
            }
            return l;
        }
        throw new BpftoolExit(status, "expected 'id', 'tag', 'name' or 'pinned', got: '" + how + "'?", "");
    }

    static List<KernelMap> maps(BpfSys sys, List<String> args, int at) {
        if (args.size() < at + 2) {
            throw BpftoolExit.fail("too few parameters for map");
        }
        String how = args.get(at);
        String what = args.get(at + 1);
        if (Bpftool.is(how, "id")) {
            Long id = Bpftool.number(what);
            if (id == null) {
                throw BpftoolExit.fail("can't parse " + what + " as ID");
            }
            KernelMap m = id > Integer.MAX_VALUE ? null : sys.map(id.intValue());
            if (m == null) {
                throw BpftoolExit.fail("get map by id (" + what + "): No such file or directory");
            }
            return List.of(m);
        }
        if (Bpftool.is(how, "pinned")) {
            Object o = pinned(sys, what, 255);
            if (o instanceof KernelMap m) {
                return List.of(m);
            }
            throw BpftoolExit.fail("incorrect object type: prog");
        }
        if (Bpftool.is(how, "name")) {
            List<KernelMap> l = sys.maps().stream().filter(m -> m.name().equals(what)).toList();
            if (l.isEmpty()) {
                throw BpftoolExit.silent();
            }
            return l;
        }
        throw BpftoolExit.fail("expected 'id', 'name' or 'pinned', got: '" + how + "'?");
    }

    /** One map, for commands that change or read one element. */
    static KernelMap oneMap(BpfSys sys, List<String> args, int at) {
        List<KernelMap> l = maps(sys, args, at);
        if (l.size() > 1) {
            throw BpftoolExit.fail("several maps match this handle");
        }
        return l.get(0);
    }

    private static Object pinned(BpfSys sys, String path, int status) {
        Object o = sys.pinned(path);
        if (o == null) {
            throw new BpftoolExit(status, "bpf obj get (" + path + "): No such file or directory", "");
        }
        return o;
    }
}
