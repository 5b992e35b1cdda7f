package io.netemu.stack.netfilter.iptables;

/**
 * A jump ({@code -j CHAIN}) or goto ({@code -g CHAIN}) to a user-defined chain. It holds the
 * chain itself, so {@code iptables -E} renames every reference at once and two rules are the
 * same only when they reach the same chain.
 */
public record XtJump(XtChain chain, boolean isGoto) implements XtTarget {
    @Override
    public String name() { return chain.name(); }

    @Override
    public int target(XtPkt p) { throw new IllegalStateException("jumps are taken by IptDoTable"); }

    @Override
    public void print(StringBuilder sb, boolean numeric) {}

    @Override
    public void save(StringBuilder sb) { sb.append(isGoto ? " -g " : " -j ").append(chain.name()); }
}
