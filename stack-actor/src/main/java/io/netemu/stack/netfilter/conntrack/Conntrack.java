package io.netemu.stack.netfilter.conntrack;

/** STUB — the connection tracker of one namespace; to be written by the conntrack engineer. */
public final class Conntrack {
}
