package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtOpt;
import io.netemu.stack.netfilter.iptables.XtPkt;
import io.netemu.stack.netfilter.iptables.XtTarget;
import java.util.List;

/**
 * The LOG target (xt_LOG.c, the line from nf_log_syslog.c via {@link NfLogLine}, libxt_LOG.c):
 * writes the packet to the namespace's kernel log and goes on with the next rule.
 *
 * @param flags XT_LOG_* bits: 1 TCPSEQ, 2 TCPOPT, 4 IPOPT, 8 UID, 0x20 MACDECODE
 */
public record LogTarget(int level, int flags, String prefix) implements XtTarget {
    public static final int TCPSEQ = 0x01;
    public static final int TCPOPT = 0x02;
    public static final int IPOPT = 0x04;
    public static final int UID = 0x08;
    public static final int MACDECODE = 0x20;
    /** libxt_LOG.c's names for printing, by level. */
    private static final String[] LEVELS = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"};

    @Override
    public String name() { return "LOG"; }

    @Override
    public int target(XtPkt p) {
        p.nf.ops.klog(NfLogLine.format(p, prefix, flags));
        return CONTINUE;
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        sb.append(" LOG");
        if (numeric) {
            sb.append(" flags ").append(flags).append(" level ").append(level);
        } else {
            sb.append(" level ").append(LEVELS[level]);
            String[] words = {"tcp-sequence", "tcp-options", "ip-options", "uid"};
            for (int i = 0; i < words.length; i++) {
                if ((flags & (1 << i)) != 0) {
                    sb.append(' ').append(words[i]);
                }
            }
            if ((flags & MACDECODE) != 0) {
                sb.append(" macdecode");
            }
        }
        if (!prefix.isEmpty()) {
            sb.append(" prefix \"").append(prefix).append('"');
        }
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(" -j LOG");
        if (!prefix.isEmpty()) {
            sb.append(" --log-prefix");
            CommentMatch.saveString(sb, prefix);
        }
        if (level != 4) {
            sb.append(" --log-level ").append(level);
        }
        String[] opts = {"--log-tcp-sequence", "--log-tcp-options", "--log-ip-options", "--log-uid"};
        for (int i = 0; i < opts.length; i++) {
            if ((flags & (1 << i)) != 0) {
                sb.append(' ').append(opts[i]);
            }
        }
        if ((flags & MACDECODE) != 0) {
            sb.append(" --log-macdecode");
        }
    }

    /** libxt_LOG.c: --log-level (a syslog name or 0..7), --log-prefix (29 characters kept), the flag options. */
    public static final class Parser implements XtExtParser<XtTarget> {
        private static final String[] NAMES = {"alert", "crit", "debug", "emerg", "error", "info", "notice", "panic",
            "warning"};
        private static final int[] VALUES = {1, 2, 7, 0, 3, 6, 5, 0, 4};
        private int level = 4;
        private int flags;
        private String prefix = "";

        @Override
        public List<XtOpt> options() {
            return List.of(new XtOpt("log-level", 1), new XtOpt("log-prefix", 1), new XtOpt("log-tcp-sequence", 0),
                    new XtOpt("log-tcp-options", 0), new XtOpt("log-ip-options", 0), new XtOpt("log-uid", 0),
                    new XtOpt("log-macdecode", 0));
        }

        @Override
        public void parse(String option, boolean invert, List<String> args, RuleSoFar rule) {
            switch (option) {
                case "log-level" -> level = level(args.get(0));
                case "log-prefix" -> {
                    String p = args.get(0);
                    if (p.isEmpty()) {
                        throw new XtError("Argument must have a minimum length of 1 characters\n");
                    }
                    if (p.indexOf('\n') >= 0) {
                        throw new XtError("Newlines not allowed in --log-prefix");
                    }
                    prefix = p.length() > 29 ? p.substring(0, 29) : p;
                }
                case "log-tcp-sequence" -> flags |= TCPSEQ;
                case "log-tcp-options" -> flags |= TCPOPT;
                case "log-ip-options" -> flags |= IPOPT;
                case "log-uid" -> flags |= UID;
                default -> flags |= MACDECODE;
            }
        }

        private static int level(String a) {
            for (int i = 0; i < NAMES.length; i++) {
                if (NAMES[i].equals(a)) {
                    return VALUES[i];
                }
            }
            if (a.length() == 1 && a.charAt(0) >= '0' && a.charAt(0) <= '7') {
                return a.charAt(0) - '0';
            }
            throw new XtError("log level \"" + a + "\" unknown\n");
        }

        @Override
        public XtTarget build(RuleSoFar rule) { return new LogTarget(level, flags, prefix); }
    }
}
