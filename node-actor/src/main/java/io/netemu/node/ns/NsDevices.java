package io.netemu.node.ns;

import io.netemu.device.DeviceEvent;
import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The device actors a namespace lists, by ifindex, and how a device comes and goes: spawned
 * here (a child: it lives as long as this namespace, wherever it is listed), adopted from
 * another namespace, unlisted when it moves away or is deleted, forgotten when its actor stops.
 * Part of the namespace actor's state, used in its context only.
 */
final class NsDevices {
    private final ActorContext<NsInbound> ctx;
    private final NetNs ns;
    private final Map<Integer, ActorRef<NetDevice.Command>> byIfindex = new HashMap<>(4);
    private int spawned;

    NsDevices(ActorContext<NsInbound> ctx, NetNs ns) {
        this.ctx = ctx;
        this.ns = ns;
    }

    ActorRef<NetDevice.Command> get(int ifindex) { return byIfindex.get(ifindex); }

    Collection<ActorRef<NetDevice.Command>> all() { return byIfindex.values(); }

    int size() { return byIfindex.size(); }

    /** A new device actor, child of this namespace, with the namespace's NAPI weight and budgets. */
    ActorRef<NetDevice.Command> spawn(NetDevice.Config cfg, int budget, int budgetUsecs) {
        ActorRef<NetDevice.Command> ref = ctx.spawn(NetDevice.create(cfg, ctx.getSelf()),
                "dev-" + URLEncoder.encode(cfg.name(), StandardCharsets.UTF_8) + "-" + (++spawned));
        ref.tell(new NetDevice.SetBudget(budget, budgetUsecs));
        return ref;
    }

    /** This namespace now lists the device: its events come here, and its end (its creator crashed) is noticed. */
    void host(int ifindex, ActorRef<NetDevice.Command> ref) {
        byIfindex.put(ifindex, ref);
        ctx.watchWith(ref, new NamespaceActor.DeviceGone(ifindex, ref));
    }

    /** The device is no longer listed here (moved away, deleted, vanished): addresses, routes and neighbours go. */
    void unlist(NetDev d) {
        ActorRef<NetDevice.Command> ref = byIfindex.remove(d.ifindex());
        if (ref != null) {
            ctx.unwatch(ref);
        }
        NetDev master = d.master() == 0 ? null : ns.devs().get(d.master());
        ns.linkDelete(d); // its AdminUp effect finds no actor here any more: applyEffects skips it
        if (master != null && master.kind() == DevKind.BRIDGE && ns.devs().ports(master.ifindex()).isEmpty()) {
            ns.carrierChanged(master.ifindex(), false); // NETDEV_CHANGE: its routes go linkdown
        }
    }

    /** A device moves in (or a veth end is made for this namespace): list it, take its actor over. */
    void adopt(NamespaceActor.AdoptDevice m) {
        NamespaceActor.DeviceSpec s = m.spec();
        String name = s.name() != null ? s.name() : freeName(s.kind());
        if (ns.devs().byName(name) != null) {
            m.replyTo().tell(new NamespaceActor.Adopted(name, 0, ns.name(), "RTNETLINK answers: File exists"));
            return;
        }
        NetDev d = ns.adoptDevice(name, DevKind.valueOf(s.kind()), s.mac(), s.mtu(), s.ifindex());
        d.setTxqueuelen(s.txqlen());
        d.setAlias(s.alias());
        d.setPromisc(s.promisc());
        d.setAllmulti(s.allmulti());
        d.applyNic(s.nic());
        if (s.peerIfindex() != 0) {
            d.setPeer(s.peerIfindex(), s.peerNetns());
            allocNetnsId(s.peerNetns());
        }
        if (m.device() != null) {
            host(d.ifindex(), m.device());
            m.device().tell(new NetDevice.Rehome(ctx.getSelf(), d.ifindex(), ns.name()));
        }
        if (s.up()) {
            ns.linkSetUp(d, true);
        }
        m.replyTo().tell(new NamespaceActor.Adopted(name, d.ifindex(), ns.name(), null));
    }

    /** The RTM_NEWLINK/DELLINK notification for a device whose peer (or new home) is namespace {@code other} gives it an id here. */
    void allocNetnsId(String other) {
        if (other != null && !other.equals(ns.name())) {
            ns.netnsIds().alloc(other);
        }
    }

    /** dev_alloc_name: the first free "veth%d" (or the kind's own prefix). */
    String freeName(String kind) {
        String prefix = DevKind.valueOf(kind).linkKind();
        for (int i = 0; ; i++) {
            if (ns.devs().byName(prefix + i) == null) {
                return prefix + i;
            }
        }
    }

    /** A listed device's actor stopped (its creator namespace crashed): it vanishes here too. */
    void gone(NamespaceActor.DeviceGone m) {
        NetDev d = ns.devs().get(m.ifindex());
        if (d != null && m.device().equals(byIfindex.get(m.ifindex()))) {
            unlist(d);
        }
    }

    void peerMoved(DeviceEvent.PeerMoved m) {
        NetDev d = ns.devs().get(m.ifindex());
        if (d != null) {
            d.setPeer(m.peerIfindex(), m.peerNetns());
        }
    }

    /** The peer of one of our veths was destroyed: ours goes too (veth_dellink), then the destroyer hears. */
    void vanished(DeviceEvent.Vanished m) {
        NetDev d = ns.devs().get(m.ifindex());
        if (d != null && byIfindex.containsKey(m.ifindex())) {
            unlist(d);
        }
        m.ackTo().tell(new DeviceEvent.VethGone(m.ifindex(), m.token()));
    }

    /** Destroys every veth listed here (each takes its peer along); returns how many acknowledgements to await. */
    int destroyAll() {
        int pending = 0;
        for (NetDev d : java.util.List.copyOf(ns.devs().all())) {
            ActorRef<NetDevice.Command> ref = byIfindex.get(d.ifindex());
            if (ref != null) {
                unlist(d);
                pending++;
                ref.tell(new NetDevice.Destroy(ctx.getSelf(), -1));
            }
        }
        return pending;
    }

}
