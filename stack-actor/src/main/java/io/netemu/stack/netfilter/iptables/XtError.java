package io.netemu.stack.netfilter.iptables;

/**
 * xtables_error(PARAMETER_PROBLEM, ...): a rule specification iptables refuses before asking the
 * kernel. The message is iptables' own, trailing newline included where it has one (the command
 * prints it after {@code iptables v1.8.9 (nf_tables): } and before the help hint).
 */
public final class XtError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public XtError(String message) {
        super(message, null, false, false);
    }
}
