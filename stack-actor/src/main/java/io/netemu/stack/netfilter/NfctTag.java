package io.netemu.stack.netfilter;

import io.netemu.stack.netfilter.conntrack.Conn;

/** What {@code skb->_nfct} holds here: the connection and the packet's state in it (ctinfo), carried between hooks. */
public record NfctTag(Conn ct, NfPacket.CtState state) {
}
