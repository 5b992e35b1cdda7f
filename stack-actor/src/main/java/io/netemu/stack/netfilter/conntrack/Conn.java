package io.netemu.stack.netfilter.conntrack;

/** STUB — one tracked connection (struct nf_conn); to be written by the conntrack engineer. */
public final class Conn {
}
