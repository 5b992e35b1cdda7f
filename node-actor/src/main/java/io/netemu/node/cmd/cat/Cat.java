package io.netemu.node.cmd.cat;

import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cat} (GNU coreutils 9.1) over the one file a namespace has, {@code /proc/net/softnet_stat}
 * ({@code /proc/self/net/...} too; the directories above it say "Is a directory"); any other path
 * is "No such file or directory" (status 1, the other files still printed). A lab command has no
 * stdin, so {@code cat} and {@code cat -} read an empty one, as {@code cat </dev/null} does.
 * Options: -A -b -e -E -n -s -t -T -u -v and their long names (unique prefixes as getopt_long),
 * over the concatenated input as cat keeps its line state across files.
 */
public final class Cat implements Command {
    private static final String TRY = "Try 'cat --help' for more information.\n";
    private static final List<String> DIRS = List.of("/", "/proc", "/proc/net", "/proc/self", "/proc/self/net");
    private static final List<String> LONG = List.of("number-nonblank", "number", "squeeze-blank", "show-nonprinting",
            "show-ends", "show-tabs", "show-all", "help", "version");

    private boolean numberAll;
    private boolean numberNonblank;
    private boolean ends;
    private boolean tabs;
    private boolean squeeze;

    @Override
    public CommandResult run(List<String> argv, NetNs ns) {
        List<String> files = new ArrayList<>();
        boolean options = true;
        for (String a : argv.subList(1, argv.size())) {
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.startsWith("--")) {
                String opt;
                try {
                    opt = longOption(a);
                } catch (IllegalArgumentException e) {
                    return new CommandResult(1, "", "cat: " + e.getMessage() + "\n" + TRY);
                }
                if (opt.equals("help")) {
                    return CommandResult.ok(CatText.HELP);
                }
                if (opt.equals("version")) {
                    return CommandResult.ok(CatText.VERSION);
                }
            } else if (options && a.startsWith("-") && a.length() > 1) {
                for (char c : a.substring(1).toCharArray()) {
                    if (!shortOption(c)) {
                        return new CommandResult(1, "", "cat: invalid option -- '" + c + "'\n" + TRY);
                    }
                }
            } else {
                files.add(a);
            }
        }
        if (files.isEmpty()) {
            files.add("-");
        }
        StringBuilder in = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String f : files) {
            if (f.equals("-")) {
                continue; // no stdin: nothing to read
            }
            String p = normalize(f);
            if (p == null) {
                err.append("cat: ").append(quote(f)).append(": No such file or directory\n");
            } else if (p.equals(SoftnetStat.PATH) || p.equals("/proc/self/net/softnet_stat")) {
                if (f.endsWith("/")) {
                    err.append("cat: ").append(quote(f)).append(": Not a directory\n");
                } else {
                    in.append(SoftnetStat.render(ns));
                }
            } else if (DIRS.contains(p)) {
                err.append("cat: ").append(quote(f)).append(": Is a directory\n");
            } else {
                err.append("cat: ").append(quote(f)).append(": No such file or directory\n");
            }
        }
        return new CommandResult(err.isEmpty() ? 0 : 1, format(in.toString()), err.toString());
    }

    /** getopt_long: the option a word names (exact or a unique prefix), applied; IllegalArgumentException with getopt's complaint. */
    private String longOption(String a) {
        String name = a.substring(2);
        int eq = name.indexOf('=');
        String typed = eq < 0 ? name : name.substring(0, eq);
        List<String> m = LONG.stream().filter(l -> l.startsWith(typed)).toList();
        String opt = m.contains(typed) ? typed : m.size() == 1 ? m.get(0) : null;
        if (opt == null && m.size() > 1) {
            StringBuilder s = new StringBuilder("option '" + a + "' is ambiguous; possibilities:");
            m.forEach(l -> s.append(" '--").append(l).append('\''));
            throw new IllegalArgumentException(s.toString());
        }
        if (opt == null) {
            throw new IllegalArgumentException("unrecognized option '" + a + "'");
        }
        if (eq >= 0) {
            throw new IllegalArgumentException("option '--" + opt + "' doesn't allow an argument");
        }
        switch (opt) {
            case "number-nonblank" -> numberNonblank = true;
            case "number" -> numberAll = true;
            case "squeeze-blank" -> squeeze = true;
            case "show-ends" -> ends = true;
            case "show-tabs" -> tabs = true;
            case "show-all" -> { ends = true; tabs = true; }
            default -> { } // show-nonprinting: the one file is printable ASCII; help, version: the caller's
        }
        return opt;
    }

    private boolean shortOption(char c) {
        switch (c) {
            case 'A' -> { ends = true; tabs = true; }
            case 'b' -> numberNonblank = true;
            case 'e', 'E' -> ends = true;
            case 'n' -> numberAll = true;
            case 's' -> squeeze = true;
            case 't', 'T' -> tabs = true;
            case 'u', 'v' -> { } // -u is ignored; -v changes nothing in printable ASCII
            default -> { return false; }
        }
        return true;
    }

    /** cat's line transforms, with its state (line number, last line blank) running over all the input. */
    private String format(String s) {
        if (!numberAll && !numberNonblank && !ends && !tabs && !squeeze) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int n = 0;
        boolean lastBlank = false;
        int pos = 0;
        while (pos < s.length()) {
            int nl = s.indexOf('\n', pos);
            String line = nl < 0 ? s.substring(pos) : s.substring(pos, nl);
            pos = nl < 0 ? s.length() : nl + 1;
            boolean blank = line.isEmpty();
            if (squeeze && blank && lastBlank) {
                continue;
            }
            lastBlank = blank;
            if (numberNonblank ? !blank : numberAll) {
                out.append(String.format("%6d\t", ++n));
            }
            out.append(tabs ? line.replace("\t", "^I") : line);
            if (nl >= 0) {
                out.append(ends ? "$\n" : "\n");
            }
        }
        return out.toString();
    }

    /** The path with "//", "." and ".." resolved lexically; null for a relative path (no working directory here). */
    private static String normalize(String f) {
        if (!f.startsWith("/")) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String p : f.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** coreutils' quotef (shell-escape style): plain when safe, else in single quotes, or double when it holds one. */
    static String quote(String f) {
        if (!f.isEmpty() && f.chars().allMatch(c -> Character.isLetterOrDigit(c) || "%+,-./:@_".indexOf(c) >= 0)) {
            return f;
        }
        if (f.contains("'") && f.chars().noneMatch(c -> "\"$`\\".indexOf(c) >= 0)) {
            return "\"" + f + "\"";
        }
        return "'" + f.replace("'", "'\\''") + "'";
    }
}
