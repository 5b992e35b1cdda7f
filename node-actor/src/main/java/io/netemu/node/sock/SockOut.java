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
 */
final class SockOut implements TcpOutput {
    record Ev(TcpConnection conn, TcpEvent event) {}

    private List<NamespaceActor.SockWire> wires = new ArrayList<>(8);
    final ArrayDeque<Ev> events = new ArrayDeque<>(4);

    @Override
    public void emit(TcpConnection conn, TcpSegment segment) {
        wires.add(wire(conn.localAddr(), conn.remoteAddr(), segment));
    }

    @Override
    public void emitReply(int localAddr, int remoteAddr, TcpSegment segment) {
        wires.add(wire(localAddr, remoteAddr, segment));
    }

    @Override
    public void event(TcpConnection conn, TcpEvent event) {
        events.add(new Ev(conn, event));
    }

    void flush(ActorRef<NsInbound> ns) {
        if (!wires.isEmpty()) {
            ns.tell(new NamespaceActor.SockXmit(wires));
            wires = new ArrayList<>(8);
        }
    }

    private static NamespaceActor.SockWire wire(int src, int dst, TcpSegment seg) {
        byte[] buf = new byte[TcpRcv.HEADROOM + seg.bufferLen()];
        seg.emit(buf, TcpRcv.HEADROOM, src, dst);
        return new NamespaceActor.SockWire(src, dst, buf);
    }
}
