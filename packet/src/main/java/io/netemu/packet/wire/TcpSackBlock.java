package io.netemu.packet.wire;

/** One SACK block (RFC 2018 §3): the left edge and the sequence number just past the right edge, as on the wire. */
public record TcpSackBlock(int start, int end) {}
