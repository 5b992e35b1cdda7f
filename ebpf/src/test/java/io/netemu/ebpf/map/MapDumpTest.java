package io.netemu.ebpf.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays the bpftool commands recorded on a real kernel (resources map/bpftool-v7.1-transcript.txt)
 * against netemu's maps and compares what MapDump prints, and the errnos, with what bpftool printed.
 * Differences accepted on purpose: hash-ordered maps are compared without order (the kernel's
 * bucket order is its own), and per-CPU values are compared for CPU 0 only (netemu has one CPU,
 * the recording machine two).
 */
class MapDumpTest {
    record Cmd(String line, String out, int rc) {}

    static final Map<String, Integer> ERRNO = Map.of("Argument list too long", BpfMap.E2BIG, "File exists", BpfMap.EEXIST,
            "No such file or directory", BpfMap.ENOENT, "Invalid argument", BpfMap.EINVAL, "No space left on device", BpfMap.ENOSPC,
            "Unknown error 524", MapCreateException.ENOTSUPP);
    /** The ifindexes the recording namespace had (lo): devmap updates are checked by the caller. */
    static final int[] DEVICES = {1};
    /** The id the kernel gave the program pinned as mx_yprog (its prog_array value reads 08 01 00 00). */
    static final int YPROG_ID = 264;

    final Map<String, BpfMap> pins = new HashMap<>();
    int compared;

    static List<Cmd> transcript() throws IOException {
        try (InputStream in = MapDumpTest.class.getResourceAsStream("/map/bpftool-v7.1-transcript.txt")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            List<Cmd> out = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].startsWith("$ ")) continue;
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                for (; !lines[j].startsWith("[rc="); j++) text.append(lines[j]).append('\n');
                out.add(new Cmd(lines[i].substring(2), text.toString(), Integer.parseInt(lines[j].replaceAll("\\D", ""))));
                i = j;
            }
            return out;
        }
    }

    @Test
    void replayMatchesBpftool() throws IOException {
        // maps of the first section, made before the recording started
        pin("mx_hash", new MapSpec("cnt", MapType.HASH, 4, 8, 4, 0));
        pin("mx_arr", new MapSpec("arr", MapType.ARRAY, 4, 8, 4, 0));
        pin("mx_lpm", new MapSpec("lpm", MapType.LPM_TRIE, 8, 4, 16, 1));
        pin("mx_pch", new MapSpec("pch", MapType.PERCPU_HASH, 4, 8, 4, 0));
        pin("mx_pca", new MapSpec("pca", MapType.PERCPU_ARRAY, 4, 8, 2, 0));
        pin("mx_lru", new MapSpec("lru", MapType.LRU_HASH, 4, 8, 4, 0));
        pin("mx_dev", new MapSpec("dev", MapType.DEVMAP, 4, 4, 4, 0));
        pin("mx_devh", new MapSpec("devh", MapType.DEVMAP_HASH, 4, 8, 4, 0));
        pin("mx_prog", new MapSpec("progs", MapType.PROG_ARRAY, 4, 4, 4, 0));
        for (Cmd c : transcript()) replay(c);
        assertTrue(compared > 90, "compared only " + compared);
    }

    private void pin(String name, MapSpec spec) {
        pins.put(name, Maps.create(spec));
    }

    private void replay(Cmd c) {
        List<String> w = new ArrayList<>(Arrays.asList(c.line.split(" ")));
        if (!w.get(0).equals("bpftool")) return;
        boolean json = w.get(1).equals("-j");
        if (json || w.get(1).equals("-p")) w.remove(1);
        if (c.line.contains("-p ") || !w.get(1).equals("map") || w.size() < 4) return;
        String verb = w.get(2);
        if (verb.equals("create")) {
            create(c, w);
            return;
        }
        if (!w.get(3).equals("pinned") || !w.get(4).startsWith("/sys/fs/bpf/mx_")) return;
        BpfMap m = pins.get(w.get(4).substring("/sys/fs/bpf/".length()));
        if (m == null) return;
        List<String> args = w.subList(5, w.size());
        switch (verb) {
            case "update" -> update(c, m, args);
            case "delete" -> expectErrno(c, "delete failed", m.delete(bytes(args, "key", m.spec().keySize()), 0));
            case "lookup" -> {
                byte[] key = bytes(args, "key", m.spec().keySize());
                expectText(c, json ? MapDump.lookupJson(m, key) : MapDump.lookup(m, key), m, json);
            }
            case "dump" -> expectText(c, json ? MapDump.dumpJson(m) : MapDump.dump(m), m, json);
            default -> { } // getnext and show are covered elsewhere
        }
    }

    private void create(Cmd c, List<String> w) {
        Map<String, String> a = new HashMap<>();
        for (int i = 4; i + 1 < w.size(); i += 2) a.put(w.get(i), w.get(i + 1));
        String name = a.get("name");
        if (name.length() > 15) name = name.substring(0, 15); // bpftool truncates
        MapType type = Arrays.stream(MapType.values()).filter(t -> t.bpftoolName.equals(a.get("type"))).findFirst().orElseThrow();
        MapSpec spec = new MapSpec(name, type, Integer.parseInt(a.get("key")), Integer.parseInt(a.get("value")),
                Integer.parseInt(a.get("entries")), a.containsKey("flags") ? Integer.decode(a.get("flags")) : 0);
        String pin = w.get(3).substring("/sys/fs/bpf/".length());
        compared++;
        if (c.rc == 0) {
            pins.put(pin, Maps.create(spec));
        } else {
            String why = c.out.trim().replace("Error: map create failed: ", "");
            MapCreateException e = assertThrows(MapCreateException.class, () -> Maps.create(spec), c.line);
            assertEquals(ERRNO.get(why), e.errno(), c.line + ": " + e.getMessage());
        }
    }

    private void update(Cmd c, BpfMap m, List<String> args) {
        if (c.rc != 0 && !c.out.startsWith("Error: update failed")) return; // bpftool refused before the syscall
        byte[] key = bytes(args, "key", m.spec().keySize());
        byte[] value = args.contains("pinned") && args.get(args.indexOf("pinned") + 1).endsWith("mx_yprog")
                ? Bytes.u32(YPROG_ID) : bytes(args, "value", m.spec().valueSize());
        String last = args.get(args.size() - 1);
        long flags = last.equals("noexist") ? BpfMap.NOEXIST : last.equals("exist") ? BpfMap.EXIST : BpfMap.ANY;
        int rc;
        if (m instanceof DevMap && !Arrays.stream(DEVICES).anyMatch(i -> i == Bytes.u32(value, 0)) && Bytes.u32(value, 0) != 0
                && m.spec().type() == MapType.DEVMAP) {
            rc = -BpfMap.EINVAL; // the caller's device check, as the kernel's dev_get_by_index
        } else {
            rc = m.update(key, 0, value, 0, flags);
        }
        expectErrno(c, "update failed", rc);
    }

    private void expectErrno(Cmd c, String what, int rc) {
        compared++;
        int want = c.rc == 0 ? 0 : -ERRNO.get(c.out.trim().replace("Error: " + what + ": ", ""));
        assertEquals(want, rc, c.line);
    }

    private void expectText(Cmd c, String ours, BpfMap m, boolean json) {
        compared++;
        String want = c.out;
        if (m instanceof PerCpuMap) want = json ? want.replaceAll(",\\{\"cpu\":1,\"value\":\\[[^\\]]*\\]\\}", "") : dropCpu1(want);
        boolean unordered = switch (m.spec().type()) {
            case HASH, PERCPU_HASH, LRU_HASH, DEVMAP_HASH -> true;
            default -> false;
        };
        if (unordered) {
            assertEquals(items(want, json), items(ours, json), c.line);
        } else {
            assertEquals(want, ours, c.line);
        }
    }

    /** The output's elements, sorted: a plain element starts at a "key:" line, a JSON one at {"key":. */
    private static List<String> items(String text, boolean json) {
        List<String> out = new ArrayList<>(Arrays.asList(json
                ? text.replace("[", "(").split("\\{\"key\":")
                : text.split("\n(?=key:)|\n(?=Found)")));
        for (int i = 0; i < out.size(); i++) out.set(i, out.get(i).replaceAll("[,\\]\\s]+$", ""));
        out.sort(null);
        return out;
    }

    private static String dropCpu1(String text) {
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("value (CPU 01)")) skipping = true;
            else if (line.startsWith("key:") || line.startsWith("value (") || line.startsWith("Found")) skipping = false;
            if (!skipping) out.append(line).append('\n');
        }
        return out.toString();
    }

    private static byte[] bytes(List<String> args, String word, int n) {
        int at = args.indexOf(word) + 1;
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) out[i] = (byte) (int) Integer.decode(args.get(at + i));
        return out;
    }

    @Test
    void showMatchesBpftoolOnTheRecordingMachine() throws IOException {
        String all = new String(MapDumpTest.class.getResourceAsStream("/map/bpftool-v7.1-transcript.txt").readAllBytes(), StandardCharsets.UTF_8);
        String block = all.substring(all.indexOf("## bpftool map show after the creates above"));
        String[] lines = block.split("\n");
        int checked = 0;
        for (int i = 1; i + 1 < lines.length; i++) {
            if (!lines[i].matches("\\d+: .*")) continue;
            String[] h = lines[i].split("\\s+"), d = lines[i + 1].trim().split("\\s+");
            MapType type = Arrays.stream(MapType.values()).filter(t -> t.bpftoolName.equals(h[1])).findFirst().orElseThrow();
            int flags = Integer.decode(h[5]) & ~MapSpec.F_RDONLY_PROG;
            BpfMap m = Maps.create(new MapSpec(h[3], type, Integer.parseInt(d[1].replace("B", "")),
                    Integer.parseInt(d[3].replace("B", "")), Integer.parseInt(d[5]), flags));
            int id = Integer.parseInt(h[0].replace(":", ""));
            assertEquals(lines[i] + "\n" + lines[i + 1] + "\n", MapDump.show(id, m, 2), "memlock of a 2-CPU kernel");
            checked++;
        }
        assertEquals(14, checked);
    }

    @Test
    void showOnNetemusOneCpuAndJson() {
        BpfMap m = Maps.create(new MapSpec("cnt", MapType.HASH, 4, 8, 4, 0));
        assertEquals("25: hash  name cnt  flags 0x0\n\tkey 4B  value 8B  max_entries 4  memlock 1256B\n", MapDump.show(25, m));
        assertEquals("{\"id\":25,\"type\":\"hash\",\"name\":\"cnt\",\"flags\":0,\"bytes_key\":4,\"bytes_value\":8,"
                + "\"max_entries\":4,\"bytes_memlock\":1256,\"frozen\":0}\n", MapDump.showJson(25, m));
        BpfMap anon = Maps.create(new MapSpec("", MapType.ARRAY, 4, 4, 1, 0));
        assertTrue(MapDump.show(3, anon).startsWith("3: array  flags 0x0\n"));
    }

    @Test
    void hexBreaksAsFprintHex() {
        byte[] b = new byte[20];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i + 1);
        assertEquals("01 02 03 04 05 06 07 08  09 0a 0b 0c 0d 0e 0f 10\n11 12 13 14", MapDump.hex(b));
        assertEquals("", MapDump.hex(new byte[0]));
    }
}
