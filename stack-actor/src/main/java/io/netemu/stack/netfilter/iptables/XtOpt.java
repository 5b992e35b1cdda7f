package io.netemu.stack.netfilter.iptables;

/** A long option an extension adds to the command line (struct option): its name and how many arguments it takes (0, 1, or 2 for --tcp-flags). */
public record XtOpt(String name, int args) {
}
