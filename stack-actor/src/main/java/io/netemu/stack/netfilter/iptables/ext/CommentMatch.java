package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtOpt;
import io.netemu.stack.netfilter.iptables.XtPkt;
import java.util.List;

/** The comment match (xt_comment.c, libxt_comment.c): always matches; -L shows the text between C comment marks. */
public record CommentMatch(String comment) implements XtMatch {
    @Override
    public String name() { return "comment"; }

    @Override
    public boolean match(XtPkt p) { return true; }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        sb.append(" /* ").append(comment).append(" */");
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(" --comment");
        saveString(sb, comment);
    }

    /** xtables_save_string: bare when only [_-0-9a-zA-Z], else double-quoted with {@code " \ '} escaped. */
    public static void saveString(StringBuilder sb, String v) {
        sb.append(' ');
        if (!v.isEmpty() && v.chars().allMatch(c -> c == '_' || c == '-' || (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\' || c == '\'') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /** libxt_comment.c: --comment TEXT, at most 255 characters. */
    public static final class Parser implements XtExtParser<XtMatch> {
        private String comment;

        @Override
        public List<XtOpt> options() { return List.of(new XtOpt("comment", 1)); }

        @Override
        public void parse(String option, boolean invert, List<String> args, RuleSoFar rule) {
            if (comment != null) {
                throw new XtError("comment: option \"--comment\" can only be used once.\n");
            }
            if (invert) {
                throw new XtError("comment: option \"--comment\" cannot be inverted.\n");
            }
            String c = args.get(0);
            if (c.length() > 255) {
                throw new XtError("Argument exceeds the maximum length of 255 characters\n");
            }
            comment = c;
        }

        @Override
        public XtMatch build(RuleSoFar rule) {
            if (comment == null) {
                throw new XtError("comment: option \"--comment\" must be specified\n");
            }
            return new CommentMatch(comment);
        }
    }
}
