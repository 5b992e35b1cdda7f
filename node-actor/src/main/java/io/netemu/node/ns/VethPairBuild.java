package io.netemu.node.ns;

import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.node.cmd.NetnsOp;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * veth_newlink for {@code ip link add ... type veth peer ...}: the peer is registered first,
 * then the device (so a pair made in one namespace has the peer at the lower ifindex). Both
 * device actors are children of the namespace the command ran in; an end meant for another
 * namespace is adopted there. Each end learns where the other ended up; a refusal (a name the
 * target has) undoes the pair.
 */
final class VethPairBuild {
    private static final int PEER = 0;
    private static final int DEV = 1;

    private final NamespaceBehavior owner;
    private final NetnsOpRun run;
    private final NetNs ns;
    private final NetnsOp.VethEnd[] spec = new NetnsOp.VethEnd[2];
    private final ActorRef<NsInbound>[] where;
    @SuppressWarnings("unchecked")
    private final ActorRef<NetDevice.Command>[] refs = new ActorRef[2];
    private final String[] names = new String[2];
    private final int[] ifindex = new int[2];
    private final String[] netns = new String[2];
    private int adopting = -1;

    @SuppressWarnings("unchecked")
    VethPairBuild(NamespaceBehavior owner, NetnsOpRun run, NetnsOp.VethAdd v, ActorRef<NsInbound> devNs,
                  ActorRef<NsInbound> peerNs) {
        this.owner = owner;
        this.run = run;
        this.ns = owner.ns();
        spec[PEER] = v.peer();
        spec[DEV] = v.dev();
        where = new ActorRef[] {peerNs, devNs};
    }

    private boolean local(int end) {
        return where[end].equals(owner.context().getSelf());
    }

    void start() {
        for (int end : new int[] {PEER, DEV}) {
            if (local(end)) {
                String name = spec[end].name() != null ? spec[end].name() : owner.devices().freeName(DevKind.VETH.name());
                if (ns.devs().byName(name) != null) {
                    undo();
                    run.vethDone("RTNETLINK answers: File exists");
                    return;
                }
                NetDev d = ns.addDevice(name, DevKind.VETH, mac(end, name), mtu(end));
                d.setTxqueuelen(spec[end].txqlen() != null ? spec[end].txqlen() : 1000);
                if (spec[end].alias() != null && !spec[end].alias().isEmpty()) {
                    d.setAlias(spec[end].alias());
                }
                names[end] = name;
                ifindex[end] = d.ifindex();
                netns[end] = ns.name();
            }
        }
        for (int end : new int[] {PEER, DEV}) {
            String name = names[end] != null ? names[end] : spec[end].name() != null ? spec[end].name() : "veth";
            refs[end] = owner.spawnDevice(ifindex[end], name, mtu(end), NetemConfig.NONE,
                    owner.seed() ^ ((long) name.hashCode() << 17) ^ end);
        }
        refs[PEER].tell(new NetDevice.SetPeer(refs[DEV]));
        refs[DEV].tell(new NetDevice.SetPeer(refs[PEER]));
        for (int end : new int[] {PEER, DEV}) {
            if (local(end)) {
                owner.devices().host(ifindex[end], refs[end]);
            }
        }
        adoptNext();
    }

    /** The remote ends, peer first, one at a time. */
    private void adoptNext() {
        for (int end = adopting + 1; end <= DEV; end++) {
            if (!local(end)) {
                adopting = end;
                int other = 1 - end;
                NetnsOp.VethEnd s = spec[end];
                String name = s.name();
                NamespaceActor.DeviceSpec ds = new NamespaceActor.DeviceSpec(name, DevKind.VETH.name(),
                        mac(end, name == null ? "veth" : name), mtu(end), s.txqlen() != null ? s.txqlen() : 1000,
                        s.alias() == null || s.alias().isEmpty() ? null : s.alias(), 0, ifindex[other], netns[other], s.up(),
                        false, false, io.netemu.stack.dev.NicConfig.DEFAULT);
                ActorRef<NetDevice.Command> device = refs[end];
                owner.context().ask(NamespaceActor.Adopted.class, where[end], java.time.Duration.ofSeconds(60),
                        r -> new NamespaceActor.AdoptDevice(ds, device, r),
                        (a, ex) -> new NamespaceActor.AdoptAnswer(run.id(), a != null ? a
                                : new NamespaceActor.Adopted(name, 0, null, "netemu: the namespace did not answer: " + ex)));
                return;
            }
        }
        finish();
    }

    void onAdopted(NamespaceActor.Adopted a) {
        if (a.error() != null) {
            undo();
            run.vethDone(a.error());
            return;
        }
        names[adopting] = a.name();
        ifindex[adopting] = a.ifindex();
        netns[adopting] = a.netns();
        adoptNext();
    }

    /** Each end learns its peer's place: local ends directly, remote ones through their device actor. */
    private void finish() {
        for (int end : new int[] {PEER, DEV}) {
            int other = 1 - end;
            if (local(end)) {
                ns.devs().get(ifindex[end]).setPeer(ifindex[other], netns[other]);
                owner.devices().allocNetnsId(netns[other]);
                if (spec[end].up()) {
                    ns.linkSetUp(ns.devs().get(ifindex[end]), true);
                }
            } else {
                refs[end].tell(new NetDevice.PeerMoved(ifindex[other], netns[other]));
            }
        }
        run.vethDone(null);
    }

    /** A refused pair leaves nothing behind: local ends unlisted, both actors stopped (an adopted end vanishes with its actor). */
    private void undo() {
        for (int end : new int[] {PEER, DEV}) {
            if (local(end) && names[end] != null) {
                NetDev d = ns.devs().byName(names[end]);
                if (d != null) {
                    owner.devices().unlist(d);
                }
            }
            if (refs[end] != null) {
                owner.context().stop(refs[end]);
            }
        }
    }

    /** The kernel's random MAC, made repeatable: derived from the namespace's seed and the end's name. */
    private long mac(int end, String name) {
        if (spec[end].mac() != null) {
            return spec[end].mac();
        }
        long h = owner.seed() * 0x9E3779B97F4A7C15L + end;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * 0x100000001B3L;
        }
        h ^= h >>> 29;
        return (h & 0xFEFFFFFFFFFFL & ~(1L << 40)) | (1L << 41);
    }

    private int mtu(int end) {
        return spec[end].mtu() != null ? spec[end].mtu() : 1500;
    }
}
