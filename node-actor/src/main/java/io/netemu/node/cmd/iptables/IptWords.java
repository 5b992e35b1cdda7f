package io.netemu.node.cmd.iptables;

import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtNames;
import io.netemu.stack.netfilter.iptables.XtParse;
import io.netemu.stack.netfilter.iptables.ext.Extensions;

/**
 * The word checks do_parse makes (xshared.c parse_chain, xt_parse_target, parse_rulenumber,
 * cmd2char/opt2char; libxtables xtables_parse_protocol), and the two ways the parse ends early:
 * a stray word ({@code Bad argument}) and -h / -V.
 */
final class IptWords {
    private IptWords() {}

    /** Thrown for a stray word: iptables prints {@code Bad argument `WORD'} without its version prefix. */
    static final class BadArgument extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadArgument(String word) {
            super(word, null, false, false);
        }
    }

    /** -h or -V: iptables prints the help or its version and exits 0 at once. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean help;

        Stop(boolean help) {
            super(null, null, false, false);
            this.help = help;
        }
    }

    static char cmdChar(int command) {
        int i = 0;
        for (int o = command; o > 1; o >>= 1) {
            i++;
        }
        return IptCmd.CMD_CHARS.charAt(i);
    }

    static char optChar(int option) {
        int i = 0;
        for (int o = option; o > 1; o >>= 1) {
            i++;
        }
        return IptCmd.OPT_CHARS.charAt(i);
    }

    static int rulenum(String s) {
        long v = XtParse.strtoui(s, 1, Integer.MAX_VALUE);
        if (v < 0) {
            throw new XtError("Invalid rule number `" + s + "'");
        }
        return (int) v;
    }

    /** xtables_parse_protocol: a number 0..255, "all", or a name from /etc/protocols. */
    static int parseProtocol(String s) {
        long n = XtParse.strtoui(s, 0, 255);
        if (n >= 0) {
            return (int) n;
        }
        if (s.equals("all")) {
            return 0;
        }
        int p = XtNames.protocolNumber(s);
        if (p >= 0 && p <= 255) {
            return p;
        }
        int chain = switch (s) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "udplite" -> 136;
            case "icmp" -> 1;
            case "icmpv6" -> 58;
            case "esp" -> 50;
            case "ah" -> 51;
            case "sctp" -> 132;
            case "mh" -> 135;
            default -> -1;
        };
        if (chain < 0) {
            throw new XtError("unknown protocol \"" + s + "\" specified");
        }
        return chain;
    }

    /** parse_chain for -N. */
    static void chainName(String name) {
        if (name.length() >= 29) {
            throw new XtError("chain name `" + name + "' too long (must be under 29 chars)");
        }
        if (name.startsWith("-") || name.startsWith("!")) {
            throw new XtError("chain name not allowed to start with `" + name.charAt(0) + "'");
        }
        if (Extensions.realTarget(name)) {
            throw new XtError("chain name may not clash with target name");
        }
        for (char ch : name.toCharArray()) {
            if (Character.isWhitespace(ch)) {
                throw new XtError("Invalid chain name `" + name + "'");
            }
        }
    }

    static String targetName(String t) {
        if (t.isEmpty()) {
            throw new XtError("Invalid target name (too short)");
        }
        if (t.length() >= 29) {
            throw new XtError("Invalid target name `" + t + "' (28 chars max)");
        }
        for (char ch : t.toCharArray()) {
            if (Character.isWhitespace(ch)) {
                throw new XtError("Invalid target name `" + t + "'");
            }
        }
        return t;
    }

    static long scanU64(String s, String err) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new XtError(err);
        }
        try {
            return Long.parseUnsignedLong(s.substring(0, i));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
