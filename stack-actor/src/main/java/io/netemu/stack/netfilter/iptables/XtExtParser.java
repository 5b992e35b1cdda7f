package io.netemu.stack.netfilter.iptables;

import java.util.List;

/**
 * The command-line half of an extension (struct xtables_match / xtables_target: x6_options,
 * x6_parse, x6_fcheck). A fresh parser per rule; {@link #build} returns what the rule carries.
 *
 * @param <T> {@link XtMatch} or {@link XtTarget}
 */
public interface XtExtParser<T> {
    /** The options the extension adds once loaded. */
    List<XtOpt> options();

    /**
     * One of its options, with its arguments; {@code invert} when a {@code !} preceded it.
     * {@code rule} is what the command line gave so far (the protocol matters to some).
     *
     * @throws XtError as iptables rejects the option
     */
    void parse(String option, boolean invert, List<String> args, RuleSoFar rule);

    /** x6_fcheck: the options are complete; the extension as the rule will carry it. */
    T build(RuleSoFar rule);

    /** The rule's protocol as far as parsed ({@code -p}), for extensions that need one. */
    record RuleSoFar(int proto, boolean protoInverted) {}
}
