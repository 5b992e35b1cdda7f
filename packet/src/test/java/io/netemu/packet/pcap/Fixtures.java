package io.netemu.packet.pcap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The shared pcap fixtures (see shared/fixtures/pcap/README.md), for tests of this module. */
public final class Fixtures {
    private Fixtures() {}

    /** {@code -Dnetemu.fixtures}, else {@code ../../shared/fixtures} from the module directory. */
    public static Path dir() {
        String p = System.getProperty("netemu.fixtures");
        Path base = p != null && !p.isBlank() ? Path.of(p) : Path.of("../../shared/fixtures");
        return base.resolve("pcap");
    }

    public static Path pcap(String name) {
        return dir().resolve(name);
    }

    public static List<PcapRecord> records(String name) {
        try {
            return PcapReader.read(pcap(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The captured bytes of frame {@code index} (0-based) of a fixture. */
    public static byte[] frame(String name, int index) {
        return records(name).get(index).data();
    }

    /** The names of all {@code *.pcap} fixtures, sorted. */
    public static List<String> names() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".pcap")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes from hex, ignoring spaces and newlines. */
    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }
}
