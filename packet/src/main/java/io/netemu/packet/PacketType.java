package io.netemu.packet;

/** {@code skb->pkt_type}: to whom a received frame was addressed (PACKET_HOST and friends). */
public enum PacketType {
    HOST, BROADCAST, MULTICAST, OTHERHOST, OUTGOING, LOOPBACK
}
