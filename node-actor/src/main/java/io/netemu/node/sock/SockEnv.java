package io.netemu.node.sock;

import io.netemu.device.NsInbound;
import io.netemu.stack.tcp.TcpConfig;
import io.netemu.stack.tcp.TcpIsn;
import io.netemu.stack.tcp.TcpMib;
import io.netemu.stack.udp.UdpMib;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a socket actor shares with its namespace, given at spawn (never sent): the namespace's actor,
 * the TCP settings of the moment the socket was made, the namespace's counters and ISN generator
 * (both safe for concurrent use) and the socket id counter (accepted connections take ids too).
 */
public record SockEnv(ActorRef<NsInbound> ns, TcpConfig tcp, TcpMib tcpMib, UdpMib udpMib, TcpIsn isn,
                      AtomicInteger ids, int somaxconn) {
    public SockEnv withTcp(TcpConfig c) {
        return new SockEnv(ns, c, tcpMib, udpMib, isn, ids, somaxconn);
    }
}
