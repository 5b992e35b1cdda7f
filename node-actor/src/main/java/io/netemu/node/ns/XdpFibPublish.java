package io.netemu.node.ns;

import io.netemu.device.DeviceEvent;
import io.netemu.device.xdp.XdpFibs;
import io.netemu.node.bpf.FibSnapshot;
import io.netemu.node.bpf.NsXdp;
import io.netemu.stack.NetNs;
import java.util.Map;

/**
 * Keeps the namespace's published {@link FibSnapshot} current for its devices' XDP programs
 * (bpf_fib_lookup): only while a program is attached here, so a namespace without XDP pays one
 * check per message. A whole new snapshot after anything a command can change (routes,
 * addresses, devices, sysctls: any message but the data path's); after data-path messages only
 * the neighbours are compared, and a new snapshot sharing the FIB copy goes out if they changed
 * (an ARP reply, an entry expiring).
 */
final class XdpFibPublish {
    private final XdpFibs.Slot slot;
    private FibSnapshot published;
    private boolean dirty = true;

    XdpFibPublish(XdpFibs.Slot slot) {
        this.slot = slot;
    }

    /** Called for each message before it is handled: which may change more than neighbours. */
    void onMessage(Object msg) {
        if (!(msg instanceof DeviceEvent.RxBatch || msg instanceof NamespaceActor.Tick
                || msg instanceof NamespaceActor.PingSend || msg instanceof DeviceEvent.XdpRedirect
                || msg instanceof NamespaceActor.XdpXmitTo || msg instanceof DeviceEvent.XdpTrace
                || msg instanceof DeviceEvent.XdpRedirectFailed)) {
            dirty = true;
        }
    }

    /** A command ran (also from a message that usually only carries counters). */
    void commandRan() { dirty = true; }

    /** After the message's changes are in: publish what changed, or withdraw when no program is left. */
    void publish(NetNs ns) {
        if (!NsXdp.any(ns)) {
            if (published != null) {
                published = null;
                slot.publish(null);
            }
            dirty = true;
            return;
        }
        if (dirty || published == null) {
            published = FibSnapshot.of(ns);
        } else {
            Map<Long, Long> n = FibSnapshot.neighbours(ns);
            if (n.equals(published.neighbours())) {
                return;
            }
            published = published.withNeighbours(n);
        }
        dirty = false;
        slot.publish(published);
    }
}
