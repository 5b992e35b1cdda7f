package io.netemu.node.bpf;

import io.netemu.device.xdp.XdpMode;
import io.netemu.ebpf.sys.BpfError;
import io.netemu.ebpf.sys.BpfSys;
import io.netemu.ebpf.sys.KernelProg;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The XDP programs attached to a namespace's devices (dev->xdp_state) and the rules of
 * dev_xdp_attach (net/core/dev.c): one program per mode, native and generic never together, no
 * replacing without the caller saying so. An attachment holds a reference to its program. The
 * device actors hear of changes as {@link Effect}s, which the namespace actor sends on, as it
 * sends the other device-side halves of configuration.
 */
public final class NsXdp {
    /** Tell device {@code ifindex} to run program {@code progId} (0: none) in {@code mode}. */
    public record Effect(int ifindex, int progId, XdpMode mode) {}

    private final Map<Integer, XdpAttach> attached = new TreeMap<>();
    private final List<Effect> effects = new ArrayList<>(1);

    public static NsXdp of(NetNs ns) { return ns.attachment(NsXdp.class, NsXdp::new); }

    /** The program attached to device {@code ifindex}, or null. */
    public static XdpAttach attached(NetNs ns, int ifindex) {
        NsXdp x = ns.attachmentIfPresent(NsXdp.class);
        return x == null ? null : x.attached.get(ifindex);
    }

    /** Whether some device here has a program attached (cheap: no copy). */
    public static boolean any(NetNs ns) {
        NsXdp x = ns.attachmentIfPresent(NsXdp.class);
        return x != null && !x.attached.isEmpty();
    }

    /** Every attachment, by ifindex. */
    public static List<XdpAttach> all(NetNs ns) {
        NsXdp x = ns.attachmentIfPresent(NsXdp.class);
        return x == null ? List.of() : List.copyOf(x.attached.values());
    }

    /**
     * The mode a request without a mode flag gets (dev_xdp_mode): native where the driver has
     * ndo_bpf (veth), generic elsewhere.
     */
    public static XdpMode defaultMode(NetDev d) {
        return d.kind() == DevKind.VETH ? XdpMode.DRV : XdpMode.GENERIC;
    }

    /**
     * dev_xdp_attach with a program. {@code mode} null: the device's default. {@code noexist}:
     * XDP_FLAGS_UPDATE_IF_NOEXIST (ip without -force, bpftool without overwrite). The caller
     * keeps its own reference to {@code prog}; the attachment takes another.
     */
    public void attach(BpfSys sys, NetDev d, KernelProg prog, XdpMode mode, boolean noexist) throws XdpAttachError {
        XdpMode m = mode == null ? defaultMode(d) : mode;
        if (m == XdpMode.DRV && d.kind() != DevKind.VETH) {
            throw new XdpAttachError(BpfError.EOPNOTSUPP, "Underlying driver does not support XDP in native mode");
        }
        XdpAttach cur = attached.get(d.ifindex());
        if (noexist && cur != null && cur.mode() == m) {
            throw new XdpAttachError(BpfError.EBUSY, "XDP program already attached");
        }
        if (cur != null && cur.mode() != m) {
            throw new XdpAttachError(BpfError.EEXIST, "Native and generic XDP can't be active at the same time");
        }
        if (!sys.hold(prog.id())) {
            throw new XdpAttachError(BpfError.ENOENT, null);
        }
        attached.put(d.ifindex(), new XdpAttach(d.ifindex(), m, prog));
        effects.add(new Effect(d.ifindex(), prog.id(), m));
        if (cur != null) {
            sys.release(cur.prog().id());
        }
    }

    /**
     * dev_xdp_attach without a program: the program of the request's mode goes; a program in
     * the other mode stays (so {@code xdp off} leaves an {@code xdpgeneric} program attached, as
     * on Linux). Nothing attached in that mode is no error.
     */
    public void detach(BpfSys sys, NetDev d, XdpMode mode) {
        XdpMode m = mode == null ? defaultMode(d) : mode;
        XdpAttach cur = attached.get(d.ifindex());
        if (cur == null || cur.mode() != m) {
            return;
        }
        attached.remove(d.ifindex());
        effects.add(new Effect(d.ifindex(), 0, m));
        sys.release(cur.prog().id());
    }

    /**
     * Devices that are no longer listed here (deleted, moved away) lose their attachment's
     * reference: dev_xdp_uninstall at unregister. Cheap when nothing is attached.
     */
    public static void prune(NetNs ns, BpfSys sys) {
        NsXdp x = ns.attachmentIfPresent(NsXdp.class);
        if (x == null || x.attached.isEmpty()) {
            return;
        }
        x.attached.values().removeIf(a -> {
            if (ns.devs().get(a.ifindex()) != null) {
                return false;
            }
            sys.release(a.prog().id());
            return true;
        });
    }

    /** Every attachment goes (the namespace is destroyed). */
    public static void releaseAll(NetNs ns, BpfSys sys) {
        NsXdp x = ns.attachmentIfPresent(NsXdp.class);
        if (x != null) {
            x.attached.values().forEach(a -> sys.release(a.prog().id()));
            x.attached.clear();
        }
    }

    /** The device-side changes since the last call. */
    public static List<Effect> drainEffects(NetNs ns) {
        NsXdp x = ns.attachmentIfPresent(NsXdp.class);
        if (x == null || x.effects.isEmpty()) {
            return List.of();
        }
        List<Effect> out = List.copyOf(x.effects);
        x.effects.clear();
        return out;
    }
}
