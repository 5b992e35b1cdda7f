package io.netemu.stack.ip;

import io.netemu.packet.wire.IpProtocol;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.stack.route.MultipathHash;

/** The multipath hash of a received packet's flow (fib_multipath_hash) under net.ipv4.fib_multipath_hash_policy. */
public final class FlowHash {
    private FlowHash() {}

    public static int of(int policy, Ipv4Packet ip) {
        int sport = 0;
        int dport = 0;
        int proto = ip.protocol();
        if (policy == 1 && !ip.isFragment() && (proto == IpProtocol.TCP.value() || proto == IpProtocol.UDP.value())
                && ip.payloadLen() >= 4) {
            byte[] b = ip.buffer();
            int off = ip.payloadOffset();
            sport = ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
            dport = ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
        }
        return MultipathHash.of(policy, ip.src(), ip.dst(), proto, sport, dport);
    }
}
