package io.netemu.node.cmd.sysctl;

import java.util.ArrayList;
import java.util.List;

/**
 * sysctl's command line as GNU getopt_long reads it with {@code "bneNwfp::qoxaAXr:Vdh"}:
 * options may follow operands, short ones combine ({@code -nq}), long ones may be abbreviated
 * ({@code --val}) and take {@code =ARG}; {@code --} ends the options.
 */
final class SysctlOptions {
    static final String USAGE =
            "\n"
            + "Usage:\n"
            + " sysctl [options] [variable[=value] ...]\n"
            + "\n"
            + "Options:\n"
            + "  -a, --all            display all variables\n"
            + "  -A                   alias of -a\n"
            + "  -X                   alias of -a\n"
            + "      --deprecated     include deprecated parameters to listing\n"
            + "      --dry-run        Print the key and values but do not write\n"
            + "  -b, --binary         print value without new line\n"
            + "  -e, --ignore         ignore unknown variables errors\n"
            + "  -N, --names          print variable names without values\n"
            + "  -n, --values         print only values of the given variable(s)\n"
            + "  -p, --load[=<file>]  read values from file\n"
            + "  -f                   alias of -p\n"
            + "      --system         read values from all system directories\n"
            + "  -r, --pattern <expression>\n"
            + "                       select setting that match expression\n"
            + "  -q, --quiet          do not echo variable set\n"
            + "  -w, --write          enable writing a value to variable\n"
            + "  -o                   does nothing\n"
            + "  -x                   does nothing\n"
            + "  -d                   alias of -h\n"
            + "\n"
            + " -h, --help     display this help and exit\n"
            + " -V, --version  output version information and exit\n"
            + "\n"
            + "For more details see sysctl(8).\n";

    private static final List<String> LONG = List.of("all", "deprecated", "dry-run", "binary", "ignore", "names",
            "values", "load", "quiet", "write", "system", "pattern", "help", "version");

    boolean printName = true;
    boolean printNewline = true;
    boolean ignoreErrors;
    boolean nameOnly;
    boolean write;
    boolean load;
    String loadFile;
    boolean quiet;
    boolean displayAll;
    boolean dryRun;
    boolean system;
    boolean version;
    String pattern;
    final List<String> operands = new ArrayList<>();
    /** Set when the options alone end the run (usage, errors). */
    Integer exit;
    boolean usageOnStdout;
    String stdout = "";

    static SysctlOptions parse(List<String> argv, StringBuilder err) {
        SysctlOptions o = new SysctlOptions();
        for (int i = 1; i < argv.size() && o.exit == null && !o.version && !o.system; i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                o.operands.addAll(argv.subList(i + 1, argv.size()));
                break;
            }
            if (a.startsWith("--")) {
                i = o.longOpt(argv, i, err);
            } else if (a.startsWith("-") && a.length() > 1) {
                i = o.shortOpts(argv, i, err);
            } else {
                o.operands.add(a);
            }
        }
        return o;
    }

    private int shortOpts(List<String> argv, int i, StringBuilder err) {
        String a = argv.get(i);
        for (int k = 1; k < a.length() && exit == null; k++) {
            char c = a.charAt(k);
            if (c == 'p' || c == 'f') {
                load = true;
                if (c == 'p' && k + 1 < a.length()) {
                    loadFile = a.substring(k + 1);
                }
                return i;
            }
            if (c == 'r') {
                if (k + 1 < a.length()) {
                    pattern = a.substring(k + 1);
                } else if (i + 1 < argv.size()) {
                    pattern = argv.get(++i);
                } else {
                    err.append("sysctl: option requires an argument -- 'r'\n");
                    usage(0);
                }
                return i;
            }
            if ("bneNwqoxaAXVdh".indexOf(c) < 0) {
                err.append("sysctl: invalid option -- '").append(c).append("'\n");
                usage(0);
                return i;
            }
            flag(c);
        }
        return i;
    }

    private int longOpt(List<String> argv, int i, StringBuilder err) {
        String a = argv.get(i).substring(2);
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        String arg = eq < 0 ? null : a.substring(eq + 1);
        List<String> hits = LONG.stream().filter(l -> l.startsWith(name)).toList();
        String opt = LONG.contains(name) ? name : hits.size() == 1 ? hits.get(0) : null;
        if (opt == null) {
            if (hits.isEmpty()) {
                err.append("sysctl: unrecognized option '--").append(name).append("'\n");
            } else {
                err.append("sysctl: option '--").append(name).append("' is ambiguous; possibilities:");
                hits.forEach(h -> err.append(" '--").append(h).append('\''));
                err.append('\n');
            }
            usage(0);
            return i;
        }
        if (arg != null && !opt.equals("load") && !opt.equals("pattern")) {
            err.append("sysctl: option '--").append(opt).append("' doesn't allow an argument\n");
            usage(0);
            return i;
        }
        switch (opt) {
            case "deprecated" -> { }
            case "dry-run" -> dryRun = true;
            case "system" -> {
                ignoreErrors = true;
                system = true;
            }
            case "load" -> {
                load = true;
                loadFile = arg;
            }
            case "pattern" -> {
                if (arg == null && i + 1 >= argv.size()) {
                    err.append("sysctl: option '--pattern' requires an argument\n");
                    usage(0);
                    return i;
                }
                pattern = arg != null ? arg : argv.get(++i);
            }
            default -> flag(switch (opt) {
                case "all" -> 'a';
                case "binary" -> 'b';
                case "ignore" -> 'e';
                case "names" -> 'N';
                case "values" -> 'n';
                case "quiet" -> 'q';
                case "write" -> 'w';
                case "help" -> 'h';
                default -> 'V';
            });
        }
        return i;
    }

    private void flag(char c) {
        switch (c) {
            case 'b' -> {
                printNewline = false;
                printName = false;
            }
            case 'n' -> printName = false;
            case 'e' -> ignoreErrors = true;
            case 'N' -> nameOnly = true;
            case 'w' -> write = true;
            case 'q' -> quiet = true;
            case 'a', 'A', 'X' -> displayAll = true;
            case 'V' -> version = true;
            case 'd', 'h' -> usage(0);
            default -> { } // -o, -x: do nothing
        }
    }

    /** Usage(stdout) exits 0 (also after an invalid option, as procps-ng does). */
    private void usage(int status) {
        exit = status;
        usageOnStdout = true;
    }
}
