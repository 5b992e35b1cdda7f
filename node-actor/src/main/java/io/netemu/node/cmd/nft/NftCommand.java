package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.nft.NftRuleset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code nft} (nftables 1.0.6, src/main.c and libnftables.c): options, then commands from the
 * command line (the words joined with spaces, as main.c does) or from {@code -f FILE}, parsed,
 * evaluated and committed as one transaction on the namespace's ruleset. Errors print as nft
 * prints them, under the offending input, exit status 1.
 *
 * <p>Not supported (each answers with an error naming the word): JSON (-j), interactive mode
 * (-i), -D and -I, include globs and search paths (names resolve against the working directory),
 * named maps and data maps, named objects (counters, quotas, limits), flowtables,
 * concatenations, set timeouts and dynamic updates, ct keys other than state and status,
 * header fields beyond addresses, protocol, ttl, length, id, ports, tcp flags and icmp type,
 * code, id and sequence. IPv6 and ICMPv6 matches load and list but never match (IPv4 only).
 */
public final class NftCommand implements Command {
    static final String VERSION = "nftables v1.0.6 (Lester Gooch #5)\n";

    /** Where {@code nft -f} and {@code include} resolve relative paths: the lab's folder (Commands.Env.cwd). */
    private final Path cwd;

    public NftCommand() {
        this(Path.of("").toAbsolutePath());
    }

    public NftCommand(Path cwd) {
        this.cwd = cwd;
    }

    @Override
    public CommandResult run(List<String> argv, NetNs ns) {
        NftOptions o = NftOptions.parse(argv);
        if (o.result != null) {
            return o.result;
        }
        NftSource src;
        if (o.file != null) {
            Path p = cwd.resolve(o.file);
            String text;
            try {
                if (Files.isDirectory(p)) {
                    return new CommandResult(2, "", "input in flex scanner failed\n");
                }
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                StringBuilder err = new StringBuilder();
                new NftError("Could not open file \"" + o.file + "\": No such file or directory",
                        new NftLoc(NftSource.INTERNAL, 0, 0, 0, 0)).print(err);
                return new CommandResult(1, "", err.toString());
            }
            src = new NftSource(NftSource.Kind.FILE, o.file, text);
        } else {
            src = new NftSource(NftSource.Kind.CLI, null, String.join(" ", o.words) + "\n");
        }
        return execute(src, o, ns);
    }

    private CommandResult execute(NftSource src, NftOptions o, NetNs ns) {
        NftParser parser = new NftParser(NftLexer.lex(src), ns, cwd);
        List<NftAst.Cmd> cmds = parser.parse();
        StringBuilder err = new StringBuilder();
        if (!parser.errors.isEmpty()) {
            for (NftError e : parser.errors) {
                e.print(err);
            }
            return new CommandResult(1, "", err.toString());
        }
        NftRuleset rs = NftRuleset.of(ns);
        NftPrinter printer = new NftPrinter(rs, ns, o.printOpts());
        NftExec exec = new NftExec(rs, ns, printer);
        List<NftError> errors = exec.run(cmds, o.check);
        for (NftError e : errors) {
            e.print(err);
        }
        return new CommandResult(errors.isEmpty() ? 0 : 1, exec.out.toString(), err.toString());
    }
}
