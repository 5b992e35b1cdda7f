package io.netemu.test.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.node.cmd.tcpdump.TcpdumpPrinter;
import io.netemu.packet.filter.FrameFilter;
import io.netemu.packet.pcap.PcapReader;
import io.netemu.packet.pcap.PcapRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emulator's tcpdump against the real one on real Linux frames (the shared pcap fixtures):
 * the same lines for every frame ({@code -nn}, {@code -e}, {@code -v}, {@code -q}), and the same
 * frames selected by each filter expression.
 */
class TcpdumpDifferentialTest {
    static final Path FIXTURES = Path.of(System.getenv().getOrDefault("NETEMU_PCAP_FIXTURES", "/work/shared/fixtures/pcap"));

    static List<Path> fixtures() throws IOException {
        if (!Files.isDirectory(FIXTURES)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(FIXTURES)) {
            return s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
    }

    static Stream<Arguments> printCases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Path f : fixtures()) {
            for (String flags : List.of("-nn", "-nn -e", "-nn -v", "-nn -q")) {
                out.add(Arguments.of(f.getFileName().toString(), flags));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("printCases")
    void sameLinesAsRealTcpdump(String fixture, String flags) throws IOException {
        Tshark.assumeTcpdump();
        Path f = FIXTURES.resolve(fixture);
        TcpdumpPrinter p = new TcpdumpPrinter(flags.contains("-e"), flags.contains("-v") ? 1 : 0, flags.contains("-q"));
        List<String> ours = new ArrayList<>();
        for (PcapRecord r : PcapReader.read(f)) {
            for (String l : p.line(r.timestampNanos(), r.data(), 0, r.data().length).split("\n")) {
                ours.add(l);
            }
        }
        assertEquals(String.join("\n", Tshark.tcpdump(f, flags.split(" "))), String.join("\n", ours));
    }

    static Stream<Arguments> filterCases() throws IOException {
        List<String> exprs = List.of("icmp", "arp", "ip", "tcp", "udp", "host 10.0.2.2", "src host 10.0.1.2",
                "dst host 10.0.1.1", "net 10.0.2.0/24", "net 10.0.1", "port 5001", "src port 5001", "dst port 9",
                "portrange 5000-5002", "tcp port 5001", "udp port 5002", "ether host 02:00:00:00:00:01",
                "ether src 02:00:00:00:00:0a", "ether broadcast", "not icmp", "! arp && ip", "icmp or udp",
                "(tcp or udp) and not port 9", "host 10.0.2.2 or 10.0.1.1", "host 10.0.1.2 and not 10.0.2.2",
                "ip proto 17", "proto \\icmp", "ether proto \\arp", "less 64", "greater 1000",
                "icmp[icmptype] == icmp-echo", "icmp[0] = 0", "tcp[tcpflags] & (tcp-syn|tcp-fin) != 0",
                "tcp[13] & 4 != 0", "ip[8] < 64", "ip[6:2] & 0x1fff != 0", "len > 100 and ip", "vlan",
                "src or dst port 5001", "src and dst net 10.0.0.0/8");
        List<Arguments> out = new ArrayList<>();
        for (Path f : fixtures()) {
            for (String e : exprs) {
                out.add(Arguments.of(f.getFileName().toString(), e));
            }
        }
        return out.stream();
    }

    /** Expressions libpcap refuses, with its message. */
    @ParameterizedTest(name = "''{0}''")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"foo bar", "host", "port 80 and", "tcp port", "(",
            "host foo", "net 10.0.1.1/24", "port 99999", "ether host zz", "icmp[0:3] = 1"})
    void sameErrorsAsRealTcpdump(String expr) throws Exception {
        Tshark.assumeTcpdump();
        String ours;
        try {
            FrameFilter.compile(expr);
            ours = "(accepted)";
        } catch (io.netemu.packet.filter.FilterException e) {
            ours = "tcpdump: " + e.getMessage();
        }
        Process p = new ProcessBuilder("tcpdump", "-nn", "-r", FIXTURES.resolve("udp-exchange.pcap").toString(), expr)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes()).lines()
                .filter(l -> !l.startsWith("reading from")).findFirst().orElse("(accepted)");
        p.waitFor();
        assertEquals(err, ours);
    }

    /** Testing a frame allocates nothing: the filter runs on every frame a busy link carries. */
    @org.junit.jupiter.api.Test
    void testingAFrameAllocatesNothing() throws IOException {
        Tshark.assumeTcpdump(); // needs the fixtures
        FrameFilter f = FrameFilter.compile("(tcp port 5001 or icmp[icmptype] == icmp-echo) and not host 10.9.9.9 and len > 40");
        List<PcapRecord> rs = PcapReader.read(FIXTURES.resolve("tcp-session.pcap"));
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        int hits = 0;
        for (int i = 0; i < 20_000; i++) { // warm up
            hits += f.test(rs.get(i % rs.size()).data(), 0, rs.get(i % rs.size()).data().length) ? 1 : 0;
        }
        long before = bean.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            byte[] d = rs.get(i % rs.size()).data();
            hits += f.test(d, 0, d.length) ? 1 : 0;
        }
        long allocated = bean.getThreadAllocatedBytes(tid) - before;
        org.junit.jupiter.api.Assertions.assertTrue(allocated < 10_000, allocated + " bytes for 100,000 tests (" + hits + " hits)");
    }

    @ParameterizedTest(name = "{0} ''{1}''")
    @MethodSource("filterCases")
    void sameFramesAsRealTcpdump(String fixture, String expr) throws IOException {
        Tshark.assumeTcpdump();
        Path f = FIXTURES.resolve(fixture);
        FrameFilter filter = FrameFilter.compile(expr);
        TcpdumpPrinter p = new TcpdumpPrinter(false, 0, false);
        TcpdumpPrinter all = new TcpdumpPrinter(false, 0, false);
        List<String> ours = new ArrayList<>();
        for (PcapRecord r : PcapReader.read(f)) {
            String line = all.line(r.timestampNanos(), r.data(), 0, r.data().length);
            if (filter.test(r.data(), 0, r.data().length)) {
                ours.add(line.substring(0, 15)); // the timestamps name the frames
            }
        }
        List<String> real = Tshark.tcpdump(f, "-nn", expr).stream().map(l -> l.substring(0, 15)).toList();
        assertEquals(real, ours, expr);
    }
}
