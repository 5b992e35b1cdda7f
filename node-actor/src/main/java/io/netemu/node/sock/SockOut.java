package io.netemu.node.sock;

import io.netemu.device.NsInbound;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.stack.sock.TcpRcv;
import io.netemu.stack.tcp.TcpConnection;
import io.netemu.stack.tcp.TcpEvent;
import io.netemu.stack.tcp.TcpOutput;
import io.netemu.stack.tcp.TcpSegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A socket actor's {@link TcpOutput}: segments are written to bytes here (checksum included, in the
 * socket's thread) and go to the namespace as one {@link NamespaceActor.SockXmit} per message handled;
 * events are queued and handled after the engine call returns, so the engine is never re-entered.
 * The engine's TSO super-segments ({@link #emitGso}) go as one wire each; consecutive full segments it
 * emits one by one (retransmissions) are put together by {@link TsoBatch}.
 */
final class SockOut implements TcpOutput {
    record Ev(TcpConnection conn, TcpEvent event) {}

    private List<NamespaceActor.SockWire> wires = new ArrayList<>(8);
    private final TsoBatch tso = new TsoBatch();
    final ArrayDeque<Ev> events = new ArrayDeque<>(4);

    @Override
    public void emit(TcpConnection conn, TcpSegment segment) {
        tso.add(conn.localAddr(), conn.remoteAddr(), segment, wires);
    }

    /** The engine's own TSO skb: one wire, written once (the run being built before it closes first). */
    @Override
    public void emitGso(TcpConnection conn, TcpSegment segment, int gsoSize) {
        tso.close(wires);
        int segs = (segment.dataLen() + gsoSize - 1) / gsoSize;
        wires.add(TsoBatch.wire(conn.localAddr(), conn.remoteAddr(), segment, gsoSize, segs));
    }

    @Override
    public void emitReply(int localAddr, int remoteAddr, TcpSegment segment) {
        tso.close(wires);
        wires.add(TsoBatch.wire(localAddr, remoteAddr, segment, 0, 0));
    }

    @Override
    public void event(TcpConnection conn, TcpEvent event) {
        events.add(new Ev(conn, event));
    }

    void flush(ActorRef<NsInbound> ns) {
        tso.close(wires);
        if (!wires.isEmpty()) {
            ns.tell(new NamespaceActor.SockXmit(wires));
            wires = new ArrayList<>(8);
        }
    }
}
