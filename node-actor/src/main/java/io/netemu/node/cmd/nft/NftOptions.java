package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * nft's command-line options (main.c: getopt_long stopping at the first command word, then
 * nft_options_check refusing options after it). {@link #result} is set when the options alone
 * decide the outcome (help, version, errors).
 */
final class NftOptions {
    private static final Map<String, Character> LONG = Map.ofEntries(
            Map.entry("help", 'h'), Map.entry("version", 'v'), Map.entry("check", 'c'), Map.entry("file", 'f'),
            Map.entry("interactive", 'i'), Map.entry("json", 'j'), Map.entry("numeric", 'n'),
            Map.entry("stateless", 's'), Map.entry("terse", 't'), Map.entry("handle", 'a'), Map.entry("echo", 'e'),
            Map.entry("service", 'S'), Map.entry("reversedns", 'N'), Map.entry("guid", 'u'),
            Map.entry("numeric-priority", 'y'), Map.entry("numeric-protocol", 'p'), Map.entry("numeric-time", 'T'),
            Map.entry("includepath", 'I'), Map.entry("define", 'D'), Map.entry("debug", 'd'), Map.entry("optimize", 'o'));
    private static final String WITH_ARG = "fIDd";
    private static final String KNOWN = "hvVcfijnstaeSNuypTIDdo";

    boolean handles;
    boolean check;
    boolean stateless;
    boolean terse;
    int numeric;
    boolean numericPrio;
    boolean numericProto;
    String file;
    List<String> words = new ArrayList<>();
    CommandResult result;

    NftPrinter.Opts printOpts() {
        return new NftPrinter.Opts(handles, stateless, terse, numeric > 0, numericPrio, numericProto || numeric > 0);
    }

    static NftOptions parse(List<String> argv) {
        NftOptions o = new NftOptions();
        int i = 1;
        while (i < argv.size()) {
            String a = argv.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            i++;
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String val = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    val = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                Character c = LONG.get(name);
                if (c == null) {
                    return o.fail("nft: unrecognized option '" + a + "'\n");
                }
                if (WITH_ARG.indexOf(c) >= 0 && val == null) {
                    if (i >= argv.size()) {
                        return o.fail("nft: option '--" + name + "' requires an argument\n");
                    }
                    val = argv.get(i++);
                }
                if (o.option(c, val)) {
                    return o;
                }
                continue;
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                if (KNOWN.indexOf(c) < 0) {
                    return o.fail("nft: invalid option -- '" + c + "'\n");
                }
                String val = null;
                if (WITH_ARG.indexOf(c) >= 0) {
                    if (k + 1 < a.length()) {
                        val = a.substring(k + 1);
                    } else if (i < argv.size()) {
                        val = argv.get(i++);
                    } else {
                        return o.fail("nft: option requires an argument -- '" + c + "'\n");
                    }
                    k = a.length();
                }
                if (o.option(c, val)) {
                    return o;
                }
            }
        }
        o.words = new ArrayList<>(argv.subList(i, argv.size()));
        if (o.file == null && o.words.isEmpty()) {
            return o.fail("nft: no command specified\n");
        }
        o.checkTrailingOptions(argv);
        return o;
    }

    private NftOptions fail(String msg) {
        result = new CommandResult(1, "", msg);
        return this;
    }

    /** Applies one option; true when it ends the run (help, version, unsupported). */
    private boolean option(char c, String val) {
        switch (c) {
            case 'h' -> result = CommandResult.ok(NftUsage.TEXT);
            case 'v' -> result = CommandResult.ok(NftCommand.VERSION);
            case 'V' -> result = CommandResult.ok(NftCommand.VERSION
                    + "  cli:\t\teditline\n  json:\t\tyes\n  minigmp:\tno\n  libxtables:\tyes\n");
            case 'c' -> check = true;
            case 'f' -> file = val;
            case 'a' -> handles = true;
            case 's' -> stateless = true;
            case 't' -> terse = true;
            case 'n' -> numeric++;
            case 'y' -> numericPrio = true;
            case 'p' -> numericProto = true;
            case 'i', 'j', 'D', 'I', 'o' -> result = new CommandResult(1, "",
                    "nft: option -" + c + " is not supported by netemu\n");
            default -> { }
        }
        return result != null;
    }

    /** nft_options_check: an option word after the first command word (outside braces) is an error. */
    private void checkTrailingOptions(List<String> argv) {
        boolean skip = false;
        boolean nonoption = false;
        int pos = 0;
        for (int k = 1; k < argv.size(); k++) {
            pos += argv.get(k - 1).length() + 1;
            String a = argv.get(k);
            if (a.startsWith("{")) {
                skip = true;
            } else if (skip) {
                continue;
            } else if (a.startsWith("-")) {
                if (nonoption) {
                    StringBuilder err = new StringBuilder("Error: syntax error, options must be specified before commands\n");
                    for (String w : argv) {
                        err.append(w).append(' ');
                    }
                    String out = "\n   ^" + " ".repeat(Math.max(pos - 2 - 2, 0)) + "~~\n";
                    result = new CommandResult(1, out, err.toString());
                    return;
                }
            } else if (!a.isEmpty()) {
                nonoption = true;
            }
        }
    }
}
