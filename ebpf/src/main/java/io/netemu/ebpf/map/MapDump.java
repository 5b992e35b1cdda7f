package io.netemu.ebpf.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * bpftool's output for maps without BTF (netemu keeps no BTF): {@code map dump}, {@code map
 * lookup} and {@code map show}, plain and with {@code -j}. The layouts were checked against
 * bpftool v7.1 (see the transcript among the test resources). With BTF, bpftool would print
 * formatted values instead; netemu always prints the hex form. Each result ends in a newline.
 */
public final class MapDump {
    /** What bpftool prints in place of a value that a slot does not hold (devmap). */
    static final String NO_ENTRY = "<no entry>";

    private MapDump() {}

    /** {@code bpftool map dump}: every element, then "Found N elements". */
    public static String dump(BpfMap map) {
        StringBuilder out = new StringBuilder();
        int found = 0;
        for (byte[] key : keys(map)) {
            byte[] value = valueOf(map, key);
            if (value != null) {
                entry(out, map, key, value);
                found++;
            } else if (showsMissing(map)) {
                missing(out, key, NO_ENTRY);
            }
        }
        return out.append("Found ").append(found).append(found == 1 ? " element\n" : " elements\n").toString();
    }

    /** {@code bpftool -j map dump}: one line of JSON. */
    public static String dumpJson(BpfMap map) {
        StringBuilder out = new StringBuilder("[");
        boolean first = true;
        for (byte[] key : keys(map)) {
            byte[] value = valueOf(map, key);
            if (value == null && !showsMissing(map)) continue;
            if (!first) out.append(',');
            first = false;
            if (value == null) {
                out.append("{\"key\":").append(jsonHex(key)).append(",\"value\":{\"error\":\"No such file or directory\"}}");
            } else {
                jsonEntry(out, map, key, value);
            }
        }
        return out.append("]\n").toString();
    }

    /** {@code bpftool map lookup ... key ...}: the element, or the key and "Not found" (bpftool then exits 254). */
    public static String lookup(BpfMap map, byte[] key) {
        byte[] value = valueOf(map, key);
        StringBuilder out = new StringBuilder();
        if (value == null) return out.append("key:\n").append(hex(key)).append("\n\nNot found\n").toString();
        entry(out, map, key, value);
        return out.toString();
    }

    /** {@code bpftool -j map lookup}: the element's object, or "null". */
    public static String lookupJson(BpfMap map, byte[] key) {
        byte[] value = valueOf(map, key);
        if (value == null) return "null\n";
        StringBuilder out = new StringBuilder();
        jsonEntry(out, map, key, value);
        return out.append('\n').toString();
    }

    /** {@code bpftool map show} for a map with id {@code id}, on netemu's one CPU. */
    public static String show(int id, BpfMap map) {
        return show(id, map, 1);
    }

    /** As {@link #show(int, BpfMap)}, charging memlock as a machine with {@code cpus} possible CPUs. */
    static String show(int id, BpfMap map, int cpus) {
        MapSpec s = map.spec();
        StringBuilder out = new StringBuilder().append(id).append(": ").append(s.type().bpftoolName).append("  ");
        if (s.name() != null && !s.name().isEmpty()) out.append("name ").append(s.name()).append("  ");
        return out.append("flags 0x").append(Integer.toHexString(s.flags()))
                .append("\n\tkey ").append(s.keySize()).append("B  value ").append(s.valueSize())
                .append("B  max_entries ").append(Integer.toUnsignedString(s.maxEntries()))
                .append("  memlock ").append(MapMemlock.bytes(map, cpus)).append("B\n").toString();
    }

    /** {@code bpftool -j map show}. */
    public static String showJson(int id, BpfMap map) {
        MapSpec s = map.spec();
        return "{\"id\":" + id + ",\"type\":\"" + s.type().bpftoolName + "\""
                + (s.name() == null || s.name().isEmpty() ? "" : ",\"name\":\"" + s.name() + "\"")
                + ",\"flags\":" + s.flags() + ",\"bytes_key\":" + s.keySize() + ",\"bytes_value\":" + s.valueSize()
                + ",\"max_entries\":" + Integer.toUnsignedString(s.maxEntries())
                + ",\"bytes_memlock\":" + MapMemlock.bytes(map, 1) + ",\"frozen\":0}\n";
    }

    /**
     * Bytes as bpftool's fprint_hex writes them: two hex digits each, a space between, two
     * after every 8th and a newline after every 16th.
     */
    public static String hex(byte[] b) {
        StringBuilder out = new StringBuilder(b.length * 3);
        for (int i = 0; i < b.length; i++) {
            out.append(Character.forDigit((b[i] >> 4) & 15, 16)).append(Character.forDigit(b[i] & 15, 16));
            if (i + 1 < b.length) out.append((i + 1) % 16 == 0 ? "\n" : (i + 1) % 8 == 0 ? "  " : " ");
        }
        return out.toString();
    }

    private static List<byte[]> keys(BpfMap map) {
        if (map instanceof MapIteration it) return it.keys();
        List<byte[]> out = new ArrayList<>();
        for (byte[] k = map.nextKey(null); k != null; k = map.nextKey(k)) out.add(k);
        return out;
    }

    /** A copy of the value as the syscall hands it out, or null when there is none. */
    private static byte[] valueOf(BpfMap map, byte[] key) {
        ValueRef v = map.lookup(key, 0);
        return v == null ? null : Arrays.copyOfRange(v.array(), v.offset(), v.offset() + map.spec().valueSize());
    }

    /** Devmaps list their empty slots; prog arrays and keyed maps list only what they hold. */
    private static boolean showsMissing(BpfMap map) {
        return map.spec().type() == MapType.DEVMAP;
    }

    private static int cpus(BpfMap map) {
        return map instanceof PerCpuMap p ? p.possibleCpus() : 0;
    }

    private static void entry(StringBuilder out, BpfMap map, byte[] key, byte[] value) {
        int cpus = cpus(map);
        if (cpus > 0) {
            out.append("key:\n").append(hex(key)).append('\n');
            for (int cpu = 0; cpu < cpus; cpu++)
                out.append(String.format("value (CPU %02d):", cpu)).append(value.length > 16 ? '\n' : ' ').append(hex(value)).append('\n');
            return;
        }
        boolean breakNames = key.length > 16 || value.length > 16;
        boolean singleLine = key.length + value.length <= 24 && !breakNames;
        out.append("key:").append(breakNames ? '\n' : ' ').append(hex(key)).append(singleLine ? "  " : "\n")
                .append("value:").append(breakNames ? '\n' : ' ').append(hex(value)).append('\n');
    }

    private static void missing(StringBuilder out, byte[] key, String msg) {
        boolean breakNames = key.length > 16 || msg.length() > 16;
        boolean singleLine = key.length + msg.length() <= 24 && !breakNames;
        out.append("key:").append(breakNames ? '\n' : ' ').append(hex(key)).append(singleLine ? "  " : "\n")
                .append("value:").append(breakNames ? '\n' : ' ').append(msg).append('\n');
    }

    private static void jsonEntry(StringBuilder out, BpfMap map, byte[] key, byte[] value) {
        out.append("{\"key\":").append(jsonHex(key));
        int cpus = cpus(map);
        if (cpus == 0) {
            out.append(",\"value\":").append(jsonHex(value)).append('}');
            return;
        }
        out.append(",\"values\":[");
        for (int cpu = 0; cpu < cpus; cpu++) {
            if (cpu > 0) out.append(',');
            out.append("{\"cpu\":").append(cpu).append(",\"value\":").append(jsonHex(value)).append('}');
        }
        out.append("]}");
    }

    private static String jsonHex(byte[] b) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < b.length; i++) {
            if (i > 0) out.append(',');
            out.append("\"0x").append(Character.forDigit((b[i] >> 4) & 15, 16)).append(Character.forDigit(b[i] & 15, 16)).append('"');
        }
        return out.append(']').toString();
    }
}
