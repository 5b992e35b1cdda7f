package io.netemu.stack.frag;

/** What identifies the fragments of one datagram (ip4_frag_match: saddr, daddr, id, protocol). */
record FragKey(int src, int dst, int ident, int protocol) {}
