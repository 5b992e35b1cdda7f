package io.netemu.node.cmd.sysctl;

import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import io.netemu.stack.sys.Sysctls;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code sysctl} (procps-ng 4.0.2, src/sysctl.c) over the namespace's {@code net.*} sysctls:
 * {@code sysctl KEY}, {@code -n}, {@code -N}, {@code -b}, {@code -w KEY=VALUE} (or just
 * {@code KEY=VALUE}), {@code -q}, {@code -e}, {@code -a}, {@code -r PATTERN}, {@code --dry-run}.
 * Keys take dots or slashes; a directory lists its keys. Messages and exit statuses are
 * procps-ng's, quirks included: each unreadable key adds 1 to the exit status, an invalid
 * option prints the usage on stdout and exits 0.
 */
public final class Sysctl implements Command {
    static final String PROC = "/proc/sys/";
    private static final String VERSION = "sysctl from procps-ng 4.0.2\n";
    private static final String TRY_HELP = "Try `sysctl --help' for more information.\n";

    /** One run's state: options, output, exit status. */
    private static final class Run {
        final NetNs ns;
        final SysctlTree tree;
        final StringBuilder out = new StringBuilder();
        final StringBuilder err = new StringBuilder();
        SysctlOptions o;

        Run(NetNs ns) {
            this.ns = ns;
            this.tree = new SysctlTree(ns.sysctl().all());
        }
    }

    @Override
    public CommandResult run(List<String> argv, NetNs ns) {
        Run r = new Run(ns);
        if (argv.size() < 2) {
            return new CommandResult(1, "", SysctlOptions.USAGE);
        }
        SysctlOptions o = SysctlOptions.parse(argv, r.err);
        r.o = o;
        if (o.exit != null) {
            return new CommandResult(o.exit, o.usageOnStdout ? SysctlOptions.USAGE : o.stdout, r.err.toString());
        }
        if (o.version) {
            return CommandResult.ok(VERSION);
        }
        int rc;
        if (o.displayAll) {
            rc = displayAll(r, r.tree.lookup(""), "");
        } else if (o.system) {
            rc = 0; // no /etc/sysctl.d or /etc/sysctl.conf in a namespace: nothing to apply
        } else if (o.load) {
            rc = 0;
            List<String> files = new ArrayList<>();
            if (o.loadFile != null) {
                files.add(o.loadFile);
            } else if (o.operands.isEmpty()) {
                files.add("/etc/sysctl.conf");
            }
            files.addAll(o.operands);
            for (String f : files) {
                r.err.append("sysctl: cannot open \"").append(f).append("\": No such file or directory\n");
                rc = 1;
            }
        } else if (o.operands.isEmpty()) {
            return new CommandResult(1, "", "sysctl: no variables specified\n" + TRY_HELP);
        } else if (o.nameOnly && o.quiet) {
            return new CommandResult(1, "", "sysctl: options -N and -q cannot coexist\n" + TRY_HELP);
        } else {
            rc = 0;
            for (String arg : o.operands) {
                if (o.write || arg.indexOf('=') >= 0) {
                    rc |= write(r, arg);
                } else {
                    rc += read(r, arg);
                }
            }
        }
        return new CommandResult(rc & 0xff, r.out.toString(), r.err.toString());
    }

    /** ReadSetting. */
    private static int read(Run r, String name) {
        if (name.isEmpty()) {
            r.err.append("sysctl: \"\" is an unknown key\n");
            return -1;
        }
        String path = slashdot(name, '.', '/', r.err);
        String outname = slashdot(name, '/', '.', r.err);
        SysctlTree.Node n = r.tree.lookup(path);
        if (n == null) {
            if (!r.o.ignoreErrors) {
                r.err.append("sysctl: cannot stat ").append(PROC).append(path).append(": No such file or directory\n");
                return 1;
            }
            return 0;
        }
        if (n.isDir()) {
            return displayAll(r, n, path + "/");
        }
        if (r.o.pattern != null && !matches(r.o.pattern, outname)) {
            return 0;
        }
        if (r.o.nameOnly) {
            r.out.append(outname).append('\n');
            return 0;
        }
        String value = r.ns.sysctl().get(n.key).orElse("");
        if (r.o.printName) {
            r.out.append(outname).append(" = ").append(value).append('\n');
        } else {
            r.out.append(value).append(r.o.printNewline ? "\n" : "");
        }
        return 0;
    }

    /** DisplayAll: every file under a directory, depth first in name order. */
    private static int displayAll(Run r, SysctlTree.Node dir, String path) {
        int rc = 0;
        for (String file : SysctlTree.walk(dir, path)) {
            rc |= read(r, file);
        }
        return rc;
    }

    /** parse_setting_line + WriteSetting. */
    private static int write(Run r, String arg) {
        String key = arg.stripLeading();
        if (key.length() < 2 || key.startsWith("#") || key.startsWith(";")
                || r.o.pattern != null && !matches(r.o.pattern, key)) {
            return 1;
        }
        int eq = key.indexOf('=');
        if (eq < 0) {
            if (!key.startsWith("-")) {
                r.err.append("sysctl: command line(0): invalid syntax, continuing...\n");
            }
            return 1;
        }
        String value = key.substring(eq + 1).strip();
        key = key.substring(0, eq).stripTrailing();
        if (key.startsWith("-")) {
            key = key.substring(1);
        }
        String path = slashdot(key, '.', '/', r.err);
        SysctlTree.Node n = r.tree.lookup(path);
        if (n == null) {
            if (r.o.ignoreErrors) {
                return 0;
            }
            r.err.append("sysctl: cannot stat ").append(PROC).append(path).append(": No such file or directory\n");
            return 1;
        }
        String dotted = slashdot(path, '/', '.', new StringBuilder());
        if (n.isDir()) {
            r.err.append("sysctl: setting key \"").append(dotted).append("\": Invalid argument\n");
            return 0;
        }
        if (!r.o.dryRun) {
            Sysctls s = r.ns.sysctl();
            try {
                String stored = SysctlValues.write(n.key, s.get(n.key).orElse(""), value);
                s.set(n.key, stored);
            } catch (SysctlValues.Refused e) {
                r.err.append("sysctl: setting key \"").append(dotted).append("\": ").append(e.getMessage())
                        .append('\n');
                return 1;
            } catch (IllegalArgumentException e) {
                r.err.append("sysctl: setting key \"").append(dotted).append("\": Invalid argument\n");
                return 1;
            }
        }
        if (!r.o.quiet || r.o.dryRun) {
            if (r.o.printName && !r.o.nameOnly) {
                r.out.append(dotted).append(" = ").append(value).append('\n');
            } else {
                r.out.append(value).append(r.o.printNewline ? "\n" : "");
            }
        }
        return 0;
    }

    /**
     * procps-ng's slashdot: when the first separator is {@code old}, swap every '.' and '/';
     * warns (once) about a separator followed by another.
     */
    static String slashdot(String s, char old, char nw, StringBuilder err) {
        int first = firstSep(s, 0);
        if (first < 0 || s.charAt(first) == nw) {
            return s;
        }
        char[] c = s.toCharArray();
        boolean warned = false;
        for (int p = first; p >= 0; p = firstSep(s, p + 1)) {
            if (!warned && p + 1 < s.length() && (s.charAt(p + 1) == '/' || s.charAt(p + 1) == '.')) {
                err.append("sysctl: separators should not be repeated: ").append(s.substring(p)).append('\n');
                warned = true;
            }
            c[p] = s.charAt(p) == old ? nw : old;
        }
        return new String(c);
    }

    private static int firstSep(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '/' || s.charAt(i) == '.') {
                return i;
            }
        }
        return -1;
    }

    /** pattern_match: an extended regular expression searched in the name; a bad one matches nothing. */
    private static boolean matches(String pattern, String name) {
        try {
            return Pattern.compile(pattern).matcher(name).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
