package io.netemu.node.cmd.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.dmesg.Dmesg;
import io.netemu.node.shell.ShellWords;
import io.netemu.stack.NetNs;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transcripts recorded from the real iptables 1.8.9 (nf_tables) of Debian 12 on Linux 6.18, one
 * fresh network namespace per transcript ({@code resources/iptables-golden/*.txt}): each
 * {@code ### command} is followed by its stdout lines (each ending in {@code |}), its stderr lines
 * ({@code ERR: }) and {@code rc=N}. The same commands run here, in order, on one namespace, must
 * give the same transcript, iptables-save's date aside. Restore inputs are files next to them.
 */
class IptablesGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"basics", "matches-targets", "tables-chains", "errors", "save-restore", "tcpmss",
        "wait-options"})
    void sameTranscriptAsRealIptables(String name) throws Exception {
        Path dir = dir();
        List<String> golden = Files.readAllLines(dir.resolve(name + ".txt"));
        NetNs ns = new NetNs("golden");
        List<String> ours = new ArrayList<>();
        for (String line : golden) {
            if (line.startsWith("### ")) {
                String command = line.substring(4);
                ours.add(line);
                transcript(run(ShellWords.split(command), ns, dir), ours);
            }
        }
        assertEquals(String.join("\n", undated(golden)), String.join("\n", undated(ours)));
    }

    static CommandResult run(List<String> argv, NetNs ns, Path dir) {
        List<String> args = new ArrayList<>();
        for (String a : argv) {
            args.add(a.matches("r\\d+\\.txt|nonexist\\.txt") ? dir.resolve(a).toString() : a);
        }
        return switch (args.get(0)) {
            case "iptables-save" -> new IptablesSave(() -> 0L).run(args, ns);
            case "iptables-restore" -> new IptablesRestore(() -> 0L).run(args, ns);
            case "dmesg" -> new Dmesg().run(args, ns);
            default -> new IptablesCommand(() -> 0L).run(args, ns);
        };
    }

    /** The transcript lines of one command, as the recorder wrote them. */
    static void transcript(CommandResult r, List<String> out) {
        String o = r.stdout().endsWith("\n") ? r.stdout().substring(0, r.stdout().length() - 1) : r.stdout();
        for (String l : o.split("\n", -1)) {
            out.add(l + "|");
        }
        if (!r.stderr().isEmpty()) {
            String e = r.stderr().endsWith("\n") ? r.stderr().substring(0, r.stderr().length() - 1) : r.stderr();
            for (String l : e.split("\n", -1)) {
                out.add("ERR: " + l);
            }
        }
        out.add("rc=" + r.exit());
    }

    static List<String> undated(List<String> lines) {
        return lines.stream()
                .map(l -> l.replaceAll("on [A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}", "on DATE"))
                .map(l -> l.replaceAll("Can't open /\\S*/nonexist\\.txt", "Can't open nonexist.txt"))
                .toList();
    }

    static Path dir() throws URISyntaxException, IOException {
        return Path.of(IptablesGoldenTest.class.getResource("/iptables-golden/basics.txt").toURI()).getParent();
    }
}
