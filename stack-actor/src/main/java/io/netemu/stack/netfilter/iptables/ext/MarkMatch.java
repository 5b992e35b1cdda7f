package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtOpt;
import io.netemu.stack.netfilter.iptables.XtParse;
import io.netemu.stack.netfilter.iptables.XtPkt;
import java.util.List;

/** The mark match (xt_mark.c mark_mt, libxt_mark.c): {@code (skb->mark & mask) == mark}, invertible. */
public record MarkMatch(int mark, int mask, boolean invert) implements XtMatch {
    @Override
    public String name() { return "mark"; }

    @Override
    public boolean match(XtPkt p) {
        return ((p.nf.mark & mask) == mark) ^ invert;
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        sb.append(" mark match").append(invert ? " !" : "");
        markMask(sb, mark, mask);
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(invert ? " !" : "").append(" --mark");
        markMask(sb, mark, mask);
    }

    /** print_mark: " 0xVALUE" and "/0xMASK" unless the mask is all ones. */
    static void markMask(StringBuilder sb, int mark, int mask) {
        sb.append(" 0x").append(Integer.toHexString(mark));
        if (mask != 0xFFFFFFFF) {
            sb.append("/0x").append(Integer.toHexString(mask));
        }
    }

    /** XTTYPE_MARKMASK32: VALUE[/MASK], each 0..0xffffffff in C's notations; {value, mask}. */
    static int[] parseMarkMask(String ext, String opt, String arg) {
        int slash = arg.indexOf('/');
        long v = XtParse.strtoui(slash < 0 ? arg : arg.substring(0, slash), 0, 0xFFFFFFFFL);
        long m = slash < 0 ? 0xFFFFFFFFL : XtParse.strtoui(arg.substring(slash + 1), 0, 0xFFFFFFFFL);
        if (v < 0 || m < 0) {
            throw new XtError(ext + ": bad integer value for option \"--" + opt + "\", or out of range.\n");
        }
        return new int[] {(int) v, (int) m};
    }

    /** libxt_mark.c: --mark VALUE[/MASK]. */
    public static final class Parser implements XtExtParser<XtMatch> {
        private MarkMatch m;

        @Override
        public List<XtOpt> options() { return List.of(new XtOpt("mark", 1)); }

        @Override
        public void parse(String option, boolean invert, List<String> args, RuleSoFar rule) {
            if (m != null) {
                throw new XtError("mark: option \"--mark\" can only be used once.\n");
            }
            int[] vm = parseMarkMask("mark", "mark", args.get(0));
            m = new MarkMatch(vm[0], vm[1], invert);
        }

        @Override
        public XtMatch build(RuleSoFar rule) {
            if (m == null) {
                throw new XtError("mark: option \"--mark\" must be specified\n");
            }
            return m;
        }
    }
}
