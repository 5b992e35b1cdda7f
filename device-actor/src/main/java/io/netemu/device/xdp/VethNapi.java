package io.netemu.device.xdp;

import io.netemu.device.NetDevice;

/**
 * veth's NAPI as ndo_xdp_xmit needs it (drivers/net/veth.c, Linux 6.18): an end runs NAPI when
 * it has a native XDP program or GRO on, and only then may its peer take ndo_xdp_xmit frames
 * (veth_set_xdp_features gives the peer NETDEV_XDP_ACT_NDO_XMIT). Without it xdp_do_redirect
 * into the peer fails with EOPNOTSUPP on the redirecting device, which counts the frames as
 * rx_queue_N_drops and RX dropped and not as xdp_redirect (checked on Linux 6.18 with
 * xdp_router.o: without GRO on the far end pings die there; with GRO they go through).
 * Each end tells the other when its own state changes; plain state of the device actor.
 */
public final class VethNapi {
    private boolean gro;
    private boolean xdp;
    private boolean peerNapi;
    private boolean peerXdp;
    /** What the peer was last told (null: nothing yet). */
    private NetDevice.PeerNapi told;

    /** ethtool -K rx-gro. */
    public void gro(boolean on) { gro = on; }

    /** A native program attached or detached here (generic XDP does not enable veth's NAPI). */
    public void xdp(boolean nativeAttached) { xdp = nativeAttached; }

    /** The peer's news. */
    public void peerNapi(NetDevice.PeerNapi m) {
        peerNapi = m.on();
        peerXdp = m.xdp();
    }

    /** Whether this end may send ndo_xdp_xmit frames to its peer. */
    public boolean peerNapi() { return peerNapi; }

    /**
     * Whether frames this end transmits go through the peer's NAPI as skbs: a native program on
     * the peer turns GSO off here (veth_xdp_set), so every skb qualifies (GRO alone does not:
     * TSO stays on and veth_skb_is_eligible_for_gro refuses). veth_xmit then leaves its own tx
     * counters alone and the peer's rq counts the frame from after the Ethernet header, which
     * is what {@code ip -s link} shows as this end's TX bytes.
     */
    public boolean peerXdp() { return peerXdp; }

    /** The state to tell the peer, when it changed since the peer was last told (or {@code always}); else null. */
    public NetDevice.PeerNapi news(boolean always) {
        NetDevice.PeerNapi now = new NetDevice.PeerNapi(gro || xdp, xdp);
        if (!always && now.equals(told)) {
            return null;
        }
        told = now;
        return now;
    }
}
