package io.netemu.node.cmd.bpftool;

import io.netemu.node.bpf.BpfKernel;
import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bpftool} v7.1 (libbpf 1.1) over the lab's BPF tables: {@code prog}, {@code map} and
 * {@code net}, plain, {@code -j} and {@code -p}. Errors are p_err's: "Error: ..." on stderr, or
 * {"error": ...} on stdout under -j; the exit status is 255 for bpftool's -1 and 256 - errno
 * where it returns -errno. Program and map ids are the lab's (one kernel per lab), pins live in
 * the lab's /sys/fs/bpf, which every namespace sees; {@code net} works on this namespace's devices.
 */
public final class Bpftool implements Command {
    static final String USAGE = """
            Usage: bpftool [OPTIONS] OBJECT { COMMAND | help }
                   bpftool batch file FILE
                   bpftool version

                   OBJECT := { prog | map | link | cgroup | perf | net | feature | btf | gen | struct_ops | iter }
                   OPTIONS := { {-j|--json} [{-p|--pretty}] | {-d|--debug} | {-l|--legacy} |
                                {-V|--version} }
            """;

    private final BpfKernel bpf;
    private final Path cwd;

    public Bpftool(BpfKernel bpf, Path cwd) {
        this.bpf = bpf;
        this.cwd = cwd;
    }

    /** What one run sees: the tables, this namespace, the options, where output goes. */
    record Ctx(BpfKernel bpf, NetNs ns, Path cwd, boolean json, boolean pretty, StringBuilder out, StringBuilder err) {
        BpfJson jw() { return new BpfJson(out, pretty); }
    }

    @Override
    public CommandResult run(List<String> argv, NetNs ns) {
        boolean json = false;
        boolean pretty = false;
        int i = 1;
        for (; i < argv.size() && argv.get(i).startsWith("-"); i++) {
            switch (argv.get(i)) {
                case "-j", "--json" -> json = true;
                case "-p", "--pretty" -> { json = true; pretty = true; }
                case "-d", "--debug", "-l", "--legacy", "-f", "--bpffs", "-n", "--nomount" -> { }
                case "-V", "--version" -> { return CommandResult.ok(version()); }
                case "-h", "--help" -> { return new CommandResult(0, USAGE, ""); }
                default -> {
                    return new CommandResult(255, "", "bpftool: unrecognized option '" + argv.get(i) + "'\n" + USAGE);
                }
            }
        }
        List<String> args = argv.subList(i, argv.size());
        Ctx c = new Ctx(bpf, ns, cwd, json, pretty, new StringBuilder(), new StringBuilder());
        try {
            if (args.isEmpty()) {
                return new CommandResult(255, "", USAGE);
            }
            String obj = args.get(0);
            List<String> rest = args.subList(1, args.size());
            if (is(obj, "prog")) {
                BpftoolProg.run(c, rest);
            } else if (is(obj, "map")) {
                BpftoolMap.run(c, rest);
            } else if (is(obj, "net")) {
                BpftoolNet.run(c, rest);
            } else if (is(obj, "version")) {
                c.out().append(version());
            } else if (is(obj, "help")) {
                return new CommandResult(0, USAGE, "");
            } else {
                return new CommandResult(255, "", USAGE);
            }
            return new CommandResult(0, c.out().toString(), c.err().toString());
        } catch (BpftoolExit e) {
            c.err().append(e.before);
            if (e.getMessage() != null) {
                if (json) {
                    BpfJson w = new BpfJson(c.out(), pretty);
                    w.startObject().name("error").string(e.getMessage()).endObject();
                    w.finish();
                } else {
                    c.err().append("Error: ").append(e.getMessage()).append('\n');
                }
            }
            c.err().append(e.after);
            return new CommandResult(e.status, c.out().toString(), c.err().toString());
        }
    }

    private static String version() {
        return "bpftool v7.1.0\nusing libbpf v1.1\nfeatures: libbpf_strict\n";
    }

    /** is_prefix: the word abbreviates the keyword. */
    static boolean is(String word, String keyword) {
        return !word.isEmpty() && keyword.startsWith(word);
    }

    /** bpftool's strtoul for ids: decimal, 0x hex or 0 octal; the whole word. */
    static Long number(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            if (s.length() > 1 && s.startsWith("0")) {
                return Long.parseUnsignedLong(s.substring(1), 8);
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
