package io.netemu.stack.netfilter.iptables;

import java.util.List;
import java.util.Objects;

/**
 * One rule (struct ipt_entry): the IP part, the matches in order (all must match), the target
 * (null: none, the rule only counts) and its packet and byte counters. Two rules are
 * {@link #sameAs the same} when everything but the counters is, as {@code iptables -D} and
 * {@code -C} compare them.
 */
public final class XtRule {
    public final IptIp ip;
    public final List<XtMatch> matches;
    public final XtTarget target;
    private final XtMatch[] matchArray;
    private long pcnt;
    private long bcnt;

    public XtRule(IptIp ip, List<XtMatch> matches, XtTarget target) {
        this.ip = ip;
        this.matches = List.copyOf(matches);
        this.matchArray = this.matches.toArray(new XtMatch[0]);
        this.target = target;
    }

    public long packets() { return pcnt; }

    public long bytes() { return bcnt; }

    public void setCounters(long packets, long bytes) {
        this.pcnt = packets;
        this.bcnt = bytes;
    }

    void count(int len) {
        pcnt++;
        bcnt += len;
    }

    /** All matches match (the ip part is checked first by the caller). */
    boolean matches(XtPkt p) {
        for (XtMatch m : matchArray) {
            if (!m.match(p)) {
                return false;
            }
        }
        return true;
    }

    public boolean sameAs(XtRule o) {
        return ip.equals(o.ip) && matches.equals(o.matches) && Objects.equals(target, o.target);
    }

    /** The user chain this rule jumps or goes to, or null. */
    public XtChain jumpsTo() {
        return target instanceof XtJump j ? j.chain() : null;
    }
}
