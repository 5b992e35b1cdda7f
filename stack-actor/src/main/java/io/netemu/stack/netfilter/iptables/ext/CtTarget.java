package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtCheck;
import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtNat;
import io.netemu.stack.netfilter.iptables.XtOpt;
import io.netemu.stack.netfilter.iptables.XtPkt;
import io.netemu.stack.netfilter.iptables.XtTarget;
import java.util.List;

/**
 * {@code -j NOTRACK} and {@code -j CT [--notrack]} in the raw table (xt_CT.c notrack_tg / xt_ct_target,
 * libxt_CT.c): the packet skips connection tracking. Both list as CT; iptables -S writes back the
 * spelling given. A CT without --notrack (zone, helper, timeout options are not emulated) does nothing.
 */
public record CtTarget(boolean notrackAlias, boolean notrack) implements XtTarget {
    @Override
    public String name() { return "CT"; }

    @Override
    public int target(XtPkt p) {
        if (notrack) {
            XtNat.untrack(p.nf);
        }
        return CONTINUE;
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        if (notrackAlias) {
            sb.append(" NOTRACK");
        } else if (notrack) {
            sb.append(" CT notrack");
        }
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(notrackAlias ? " -j NOTRACK" : notrack ? " -j CT --notrack" : " -j CT");
    }

    @Override
    public void check(XtCheck c) throws XtCheck.Refused {
        c.requireTable("target", notrackAlias ? "NOTRACK" : "CT", "raw");
        c.needConntrack();
    }

    /** libxt_CT.c: --notrack (the other CT options are not emulated). */
    public static final class Parser implements XtExtParser<XtTarget> {
        private final boolean alias;
        private boolean notrack;

        public Parser(boolean alias) {
            this.alias = alias;
        }

        @Override
        public List<XtOpt> options() { return alias ? List.of() : List.of(new XtOpt("notrack", 0)); }

        @Override
        public void parse(String option, boolean invert, List<String> args, RuleSoFar rule) {
            if (invert) {
                throw new XtError("CT: option \"--notrack\" cannot be inverted.\n");
            }
            notrack = true;
        }

        @Override
        public XtTarget build(RuleSoFar rule) { return new CtTarget(alias, alias || notrack); }
    }
}
