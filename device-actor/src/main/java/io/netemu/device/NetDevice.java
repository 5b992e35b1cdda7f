package io.netemu.device;

import io.netemu.device.qdisc.NetemConfig;
import io.netemu.packet.SkBuff;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A veth end as an actor: transmit through the egress qdisc to the peer, receive into a
 * bounded rx ring drained by NAPI polls, carrier from both ends' admin state and the cable.
 * The protocol is here; the behaviour is {@link NetDeviceBehavior}.
 *
 * <pre>
 *  namespace ──Xmit──▶ [qdisc] ──Receive──▶ peer ─▶ [rx ring] ─Schedule─▶ NapiPoller ─Poll─▶ peer ─RxBatch─▶ its namespace
 * </pre>
 */
public final class NetDevice {
    private NetDevice() {}

    public sealed interface Command {}

    /** Frames from the namespace to send (dev_queue_xmit), each a whole Ethernet frame. */
    public record Xmit(List<SkBuff> frames) implements Command {}

    /** Frames from the peer (veth_xmit → netif_rx on this end). */
    public record Receive(List<SkBuff> frames) implements Command {}

    /** NAPI poll of rx queue {@code queue}: move at most {@code budget} frames from its ring to the namespace. */
    public record Poll(int queue, int budget) implements Command {}

    /** Joins this end to its peer (both ends get one). */
    public record SetPeer(ActorRef<Command> peer) implements Command {}

    /** The peer's admin state, which decides this end's carrier (veth_open / veth_close). */
    public record PeerState(boolean up) implements Command {}

    /** The peer vanished (its namespace crashed, its actor stopped): no carrier until a new peer is set. */
    public enum PeerGone implements Command { INSTANCE }

    /** {@code ip link set DEV up|down}. */
    public record SetAdminUp(boolean up) implements Command {}

    /** {@code ip link set DEV mtu N}. */
    public record SetMtu(int mtu) implements Command {}

    /** The cable between the ends: a lab's link step {@code state: down|up}. */
    public record SetCable(boolean up) implements Command {}

    /**
     * The egress qdisc tree as {@code tc qdisc} left it ({@code root} null: back to noqueue).
     * Qdiscs of the same kind at the same place are changed in place and keep their frames.
     */
    public record SetQdisc(io.netemu.device.qdisc.QdiscSpec root) implements Command {}

    /** net.core.dev_weight of the namespace: the NAPI budget per poll. */
    public record SetWeight(int weight) implements Command {}

    /** net.core.netdev_budget and netdev_budget_usecs: what one softirq round of polls may use. */
    public record SetBudget(int budget, int budgetUsecs) implements Command {}

    /**
     * {@code ethtool -L/-G/-C}: {@code channels} rx/tx queue pairs, each rx ring of
     * {@code rxRing} frames, the poll scheduled {@code rxUsecs} µs after the first frame or when
     * {@code rxFrames} wait (0 turns either limit off; rx-usecs 0: at once).
     */
    public record SetQueues(int channels, int rxRing, int rxUsecs, int rxFrames) implements Command {}

    /** Asks for a {@link DeviceEvent.Counters} reply. */
    /** Attach the program with this id (0: detach), as ip link set dev X xdp|xdpgeneric does. */
    public record SetXdp(int progId, io.netemu.device.xdp.XdpMode mode) implements Command {}

    /**
     * Frames another device's XDP program redirected here: out to the peer, past qdisc and stack
     * (ndo_xdp_xmit), or refused when the peer has no NAPI; {@code from} hears of a refusal.
     */
    public record XdpXmit(List<SkBuff> frames, io.netemu.device.xdp.XdpSource from) implements Command {}

    /** ndo_xdp_xmit's frames arriving from the peer, into this end's NAPI (counted as XDP frames, whole). */
    public record XdpReceive(List<SkBuff> frames) implements Command {}

    /** ethtool -K DEV gro on|off: GRO enables veth's NAPI, so the peer may ndo_xdp_xmit to it. */
    public record SetGro(boolean on) implements Command {}

    /** {@code ethtool -K DEV tso on|off}: whether GSO super-segments leave whole (see {@code Offloads}). */
    public record SetTso(boolean on) implements Command {}

    /**
     * The peer runs NAPI (native XDP or GRO) or no longer does: whether ndo_xdp_xmit through this
     * end can deliver; {@code xdp}: because of a native program (see {@code VethNapi#peerXdp}).
     */
    public record PeerNapi(boolean on, boolean xdp) implements Command {}

    /** This device's redirect of {@code frames} frames polled on {@code queue} failed further on: count them as drops. */
    public record XdpRedirectFailed(int queue, int frames) implements Command {}

    public record GetCounters(ActorRef<NsInbound> replyTo) implements Command {}

    /** A packet socket binds here (tcpdump, a lab's capture): {@code sink} sees every frame sent and received. */
    public record AddTap(ActorRef<io.netemu.device.capture.Captured> sink) implements Command {}

    /** The packet socket closed. */
    public record RemoveTap(ActorRef<io.netemu.device.capture.Captured> sink) implements Command {}

    /**
     * The device now belongs to another namespace (dev_change_net_namespace): it is closed there
     * (down, ring flushed, qdisc back to none), keeps its peer, MAC and counters, and tells its peer where it is.
     */
    public record Rehome(ActorRef<NsInbound> upper, int ifindex, String netns) implements Command {}

    /** The peer moved: its new ifindex and namespace, for this end's namespace to show ({@code @ifN link-netns}). */
    public record PeerMoved(int ifindex, String netns) implements Command {}

    /**
     * {@code ip link del} or the namespace's deletion: this end vanishes and takes its peer with
     * it (veth_dellink); {@code ackTo} gets {@link DeviceEvent.VethGone} with {@code token} once both are gone.
     */
    public record Destroy(ActorRef<NsInbound> ackTo, long token) implements Command {}

    /** The peer was destroyed: this end vanishes too, then acknowledges. */
    public record PeerDestroyed(ActorRef<NsInbound> ackTo, long token) implements Command {}

    /** The qdisc's head frame is due. */
    enum QdiscTimer implements Command { INSTANCE }

    /** Rx queue {@code queue}'s coalesced interrupt is due. */
    record IrqTimer(int queue) implements Command {}

    /** What a new device is. {@code seed} feeds its random choices (loss, jitter) so runs repeat. */
    public record Config(int ifindex, String name, int mtu, int ringSize, int weight, NetemConfig netem, long seed) {}



    public static Behavior<Command> create(Config config, ActorRef<NsInbound> upper) {
        return Behaviors.setup(ctx -> new NetDeviceBehavior(ctx, config, upper));
    }
}
