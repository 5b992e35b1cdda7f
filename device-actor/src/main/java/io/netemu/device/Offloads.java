package io.netemu.device;

import io.netemu.packet.SkBuff;
import io.netemu.packet.offload.TcpGro;
import io.netemu.packet.offload.TcpGso;
import java.util.List;

/**
 * A veth end's segmentation offloads on its data path. Transmit: a GSO super-segment goes to the
 * peer whole while the device has TSO ({@code tx-tcp-segmentation}, on by default as on Linux's
 * veth, whose peer takes GSO skbs: is_skb_forwardable lets them pass the MTU check) and is cut into
 * real frames (validate_xmit_skb's skb_gso_segment) otherwise, and also where something must see
 * real frames: a qdisc (netem's loss and corruption and tbf's bucket then act per frame, as the
 * engine's per-segment frames did; Linux's netem would drop a whole GSO skb) and an XDP program
 * at the peer (veth turns GSO off towards a peer with XDP). Receive: with GRO ({@code rx-gro}, off
 * by default on veth) each NAPI poll's TCP segments are merged per flow (napi_gro_receive).
 */
final class Offloads {
    static final int ETH_HLEN = 14;

    private boolean tso = true;
    private boolean gro;

    void tso(boolean on) { tso = on; }
    void gro(boolean on) { gro = on; }

    /** dev_queue_xmit's frames, segmented where they cannot travel whole. */
    List<SkBuff> xmit(List<SkBuff> frames, boolean qdisc, boolean peerXdp) {
        return tso && !qdisc && !peerXdp ? frames : TcpGso.segmentAll(frames, ETH_HLEN);
    }

    /** A poll's frames after XDP, before the taps and the stack: merged when GRO is on. */
    List<SkBuff> receive(List<SkBuff> batch) {
        return gro ? TcpGro.receive(batch) : batch;
    }
}
