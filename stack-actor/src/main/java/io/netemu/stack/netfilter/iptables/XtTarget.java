package io.netemu.stack.netfilter.iptables;

/**
 * A rule's target (struct xt_target in the kernel, struct xtables_target's print and save in
 * libxtables). Standard verdicts and jumps ({@link XtVerdict}, {@link XtJump}) are interpreted by
 * {@link IptDoTable} itself; every other target returns one of the verdict codes below.
 */
public interface XtTarget {
    /** XT_CONTINUE: go on with the next rule (LOG, MARK, NOTRACK). */
    int CONTINUE = -1;
    /** XT_RETURN: back to the calling chain, or the policy in a built-in chain. */
    int RETURN = -2;
    int DROP = 0;
    int ACCEPT = 1;
    /** The target consumed the packet. */
    int STOLEN = 2;

    /** What {@code iptables -L} prints in the target column. */
    String name();

    /** Runs the target on a matching packet; returns a verdict code. */
    int target(XtPkt p);

    /** The target's options as {@code iptables -L} prints them, each part led by a space. */
    void print(StringBuilder sb, boolean numeric);

    /** {@code -j NAME} and the options as {@code iptables -S} writes them, led by a space. */
    void save(StringBuilder sb);

    /** xt_check_target and the target's checkentry: refuses a rule the kernel would refuse. */
    default void check(XtCheck c) throws XtCheck.Refused {}
}
