package io.netemu.device;

import io.netemu.packet.SkBuff;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** What a device actor tells its namespace: a NAPI batch, a carrier change, its counters. */
public sealed interface DeviceEvent extends NsInbound {
    int ifindex();

    /** One NAPI poll's worth of received frames (at most the poll budget), in arrival order. */
    record RxBatch(int ifindex, List<SkBuff> frames) implements DeviceEvent {}

    /** Carrier came or went (netif_carrier_on/off): the peer went up or down, or the cable was cut. */
    record CarrierChanged(int ifindex, boolean carrier) implements DeviceEvent {}

    /** The peer moved to another namespace: the namespace updates what it shows of the peer. */
    record PeerMoved(int ifindex, int peerIfindex, String peerNetns) implements DeviceEvent {}

    /** The peer was destroyed and this end with it: the namespace forgets the device and acknowledges. */
    record Vanished(int ifindex, ActorRef<NsInbound> ackTo, long token) implements DeviceEvent {}

    /** Both ends of a destroyed veth are gone (the reply to {@link NetDevice.Destroy}). */
    record VethGone(int ifindex, long token) implements DeviceEvent {}

    /** The reply to {@link NetDevice.GetCounters}. */
    /** Frames the device's XDP program redirected to another device (bpf_redirect, bpf_redirect_map). */
    record XdpRedirect(int ifindex, int targetIfindex, String targetNetns, List<SkBuff> frames,
                       io.netemu.device.xdp.XdpSource from) implements DeviceEvent {}

    /**
     * A redirect from device {@code ifindex} (its rx queue {@code queue}) to {@code toIfindex}
     * failed with {@code errno}: no such device (ENODEV), or the target's peer has no NAPI
     * (EOPNOTSUPP). Sent to the source's namespace, which tells the device and the trace pipe.
     */
    record XdpRedirectFailed(int ifindex, int queue, int toIfindex, int frames, int errno) implements DeviceEvent {}

    /** Lines for the trace pipe: bpf_trace_printk output and XDP exceptions. */
    record XdpTrace(int ifindex, List<String> lines) implements DeviceEvent {}

    record Counters(int ifindex, DeviceCounters counters) implements DeviceEvent {}
}
