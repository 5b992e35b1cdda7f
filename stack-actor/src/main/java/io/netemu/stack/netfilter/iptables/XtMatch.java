package io.netemu.stack.netfilter.iptables;

/**
 * A match extension in a rule (struct xt_match in the kernel, struct xtables_match's print and
 * save in libxtables): whether a packet matches, and how {@code iptables -L} and
 * {@code iptables -S} write it. Implementations hold their options only, so rules compare by
 * value ({@code iptables -D} with a rule specification); mutable state (limit's bucket) stays out
 * of equality.
 */
public interface XtMatch {
    /** The extension's name, as {@code -m NAME} writes it. */
    String name();

    /** xt_match.match: true when the packet matches; may set {@link XtPkt#hotdrop}. */
    boolean match(XtPkt p);

    /** The match as {@code iptables -L} prints it after the addresses, each part led by a space. */
    void print(StringBuilder sb, boolean numeric);

    /** The match's options as {@code iptables -S} writes them after {@code -m NAME}, each led by a space. */
    void save(StringBuilder sb);

    /** xt_check_match and the extension's checkentry: refuses a rule the kernel would refuse. */
    default void check(XtCheck c) throws XtCheck.Refused {}
}
