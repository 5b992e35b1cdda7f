package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtOpt;
import io.netemu.stack.netfilter.iptables.XtPkt;
import io.netemu.stack.netfilter.iptables.XtTarget;
import java.util.List;

/** The MARK target, revision 2 (xt_mark.c mark_tg, libxt_MARK.c): {@code mark = (mark & ~mask) ^ value}; goes on. */
public record MarkTarget(int mark, int mask) implements XtTarget {
    @Override
    public String name() { return "MARK"; }

    @Override
    public int target(XtPkt p) {
        p.nf.mark = (p.nf.mark & ~mask) ^ mark;
        return CONTINUE;
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        if (mark == mask) {
            sb.append(" MARK or 0x").append(Integer.toHexString(mark));
        } else if (mark == 0) {
            sb.append(" MARK and 0x").append(Integer.toHexString(~mask));
        } else if (mask == 0xFFFFFFFF) {
            sb.append(" MARK set 0x").append(Integer.toHexString(mark));
        } else {
            sb.append(" MARK xset 0x").append(Integer.toHexString(mark)).append("/0x").append(Integer.toHexString(mask));
        }
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(" -j MARK --set-xmark 0x").append(Integer.toHexString(mark)).append("/0x")
                .append(Integer.toHexString(mask));
    }

    /** libxt_MARK.c: --set-xmark V[/M], --set-mark V[/M], --and-mark, --or-mark, --xor-mark (exactly one). */
    public static final class Parser implements XtExtParser<XtTarget> {
        private MarkTarget t;

        @Override
        public List<XtOpt> options() {
            return List.of(new XtOpt("set-xmark", 1), new XtOpt("set-mark", 1), new XtOpt("and-mark", 1),
                    new XtOpt("or-mark", 1), new XtOpt("xor-mark", 1));
        }

        @Override
        public void parse(String option, boolean invert, List<String> args, RuleSoFar rule) {
            if (t != null) {
                throw new XtError("MARK: Only one of --set-xmark, --set-mark, --and-mark, --or-mark, --xor-mark allowed\n");
            }
            String a = args.get(0);
            switch (option) {
                case "set-xmark" -> {
                    int[] vm = MarkMatch.parseMarkMask("MARK", option, a);
                    t = new MarkTarget(vm[0], vm[1]);
                }
                case "set-mark" -> {
                    int[] vm = MarkMatch.parseMarkMask("MARK", option, a);
                    t = new MarkTarget(vm[0], vm[0] | vm[1]);
                }
                default -> {
                    int v = (int) MarkMatch.parseMarkMask("MARK", option, a)[0];
                    if (a.indexOf('/') >= 0) {
                        throw new XtError("MARK: bad integer value for option \"--" + option + "\", or out of range.\n");
                    }
                    t = switch (option) {
                        case "and-mark" -> new MarkTarget(0, ~v);
                        case "or-mark" -> new MarkTarget(v, v);
                        default -> new MarkTarget(v, 0);
                    };
                }
            }
        }

        @Override
        public XtTarget build(RuleSoFar rule) {
            if (t == null) {
                throw new XtError("MARK target: Parameter --set/and/or/xor-mark is required\n");
            }
            return t;
        }
    }
}
