package io.netemu.node.cmd.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scripts of nft invocations run against netemu and compared, byte for byte, with what the real
 * nft 1.0.6 printed for the same lines in a fresh namespace with eth0 and eth1 (golden/*.expected,
 * captured by golden/capture.py): stdout, stderr and exit status of every line, in order, so
 * handles, listings, counters and error messages with their caret lines must all agree.
 */
class NftGoldenTest {
    private static final Path DIR = Path.of("src/test/java/io/netemu/node/cmd/nft/golden");

    @TempDir
    Path cwd;

    static Stream<String> scripts() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".nftscript"))
                    .map(n -> n.substring(0, n.length() - ".nftscript".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void netemuPrintsWhatNftPrints(String name) throws IOException {
        NetNs ns = new NetNs("golden");
        ns.addDevice("eth0", DevKind.VETH, 0x020000000001L, 1500);
        ns.addDevice("eth1", DevKind.VETH, 0x020000000002L, 1500);
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(DIR.resolve(name + ".nftscript"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> words = words(line);
            if (words.get(0).equals("WRITE")) {
                Files.writeString(cwd.resolve(words.get(1)), words.get(2).translateEscapes());
                continue;
            }
            CommandResult r = new NftCommand(cwd).run(words, ns);
            out.append("$ ").append(line).append('\n').append(r.stdout()).append("--stderr--\n").append(r.stderr())
                    .append("--rc=").append(r.exit()).append('\n');
        }
        assertEquals(Files.readString(DIR.resolve(name + ".expected"), StandardCharsets.UTF_8), out.toString());
    }

    /** POSIX shell word splitting (quotes and backslashes), as the lab's exec lines are split. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (w != null) {
                    out.add(w.toString());
                    w = null;
                }
                continue;
            }
            if (w == null) {
                w = new StringBuilder();
            }
            if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                w.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                for (i++; line.charAt(i) != '"'; i++) {
                    char d = line.charAt(i);
                    if (d == '\\' && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        d = line.charAt(++i);
                    }
                    w.append(d);
                }
            } else {
                w.append(c);
            }
        }
        if (w != null) {
            out.add(w.toString());
        }
        return out;
    }
}
