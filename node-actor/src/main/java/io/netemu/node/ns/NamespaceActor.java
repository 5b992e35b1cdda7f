package io.netemu.node.ns;

import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ping.PingProcess;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A network namespace as an actor: its softirq and process context in one (DESIGN principle 4).
 * It owns its device actors, runs the stack on their NAPI batches and runs commands. The
 * protocol is here; the behaviour is {@link NamespaceBehavior}.
 */
public final class NamespaceActor {
    private NamespaceActor() {}

    /** Messages of the namespace's own protocol (device events arrive as {@link io.netemu.device.DeviceEvent}). */
    public sealed interface Command extends NsInbound {}

    /** Creates a veth end here, up, and replies with its device actor (the lab then joins the ends). */
    public record AddVeth(String ifname, long mac, int mtu, NetemConfig netem, long seed, ActorRef<VethAdded> replyTo)
            implements Command {}

    /** The reply to {@link AddVeth}. {@code error} is null on success. */
    public record VethAdded(String ifname, int ifindex, ActorRef<NetDevice.Command> device, String error) {}

    /** Joins a veth end to its peer (another namespace's device actor). */
    public record ConnectPeer(String ifname, ActorRef<NetDevice.Command> peer, int peerIfindex, String peerNetns,
                              ActorRef<Ack> replyTo) implements Command {}

    /** Cuts or restores the cable at one end (both ends get one from the lab). */
    public record SetCable(String ifname, boolean up, ActorRef<Ack> replyTo) implements Command {}

    /** An acknowledgement carrying an error message, or null. */
    public record Ack(String error) {}

    /** Writes a sysctl (the lab's {@code sysctl:} section); replies with the result a {@code sysctl -w} would give. */
    public record SetSysctl(String key, String value, ActorRef<CommandResult> replyTo) implements Command {}

    /** Runs one command line, as a shell in this namespace would; the reply comes when it ends. */
    public record Exec(String line, ActorRef<CommandResult> replyTo) implements Command {}

    /**
     * Kills the process an {@link Exec} started (its timeout passed), as the shell's SIGKILL
     * would; the caller answers the step itself (exit 124). Queued, not yet started: removed.
     */
    public record KillExec(ActorRef<CommandResult> replyTo) implements Command {}

    /** A process (ping...) ended or was killed: forget it. */
    record ProcessEnded(ActorRef<CommandResult> replyTo) implements Command {}

    /** A ping process opens its socket: gets an echo id and the source address towards {@code dst}, or an errno. */
    public record PingOpen(int dst, String iface, ActorRef<PingProcess.Command> socket) implements Command {}

    /** A ping process sends echo request {@code seq}. */
    public record PingSend(int ident, int seq, int dst, int dataLen, int ttl, int tos, String pmtudisc, int oif)
            implements Command {}

    /** A ping process ends: its echo id is free again. */
    public record PingClose(int ident) implements Command {}

    /** Stack timers are due. */
    enum Tick implements Command { INSTANCE }

    /** Runs one command given as words (from {@code ip netns exec} in another namespace); replies when it ends. */
    public record ExecArgv(List<String> argv, ActorRef<CommandResult> replyTo) implements Command {}

    /** {@code ip netns del}: destroy every device (veths take their peers along), acknowledge, stop. */
    public record Destroy(ActorRef<Ack> replyTo) implements Command {}

    /**
     * A device moves in ({@code ip link set DEV netns NS}, or a veth end created for this
     * namespace): list it as {@code spec} says and, for a device with an actor, take it over.
     */
    public record AdoptDevice(DeviceSpec spec, ActorRef<NetDevice.Command> device, ActorRef<Adopted> replyTo)
            implements Command {}

    /**
     * What a device carries across namespaces. {@code name} null: the kernel's pick
     * ({@code veth%d}); {@code ifindex}: kept if free here; {@code up}: bring it up on arrival;
     * the flags the user set (promisc, allmulticast) travel with it, as dev->gflags does.
     */
    public record DeviceSpec(String name, String kind, long mac, int mtu, int txqlen, String alias, int ifindex,
                             int peerIfindex, String peerNetns, boolean up, boolean promisc, boolean allmulti,
                             io.netemu.stack.dev.NicConfig nic) {}

    /** The reply to {@link AdoptDevice}: the device's name and ifindex here, or the kernel's refusal. */
    public record Adopted(String name, int ifindex, String netns, String error) {}

    /** Namespace {@code name} is gone (deleted, crashed): the id this namespace gave it is free again. */
    public record NetnsGone(String name) implements Command {}

    /** A device this namespace lists stopped (the namespace that created it crashed): it vanishes here too. */
    record DeviceGone(int ifindex, ActorRef<NetDevice.Command> device) implements Command {}

    /** Continuations of a command's {@link io.netemu.node.cmd.NetnsOp}s: what the awaited actor answered. */
    record DirAnswer(long run, NetnsDirectory.Reply reply) implements Command {}

    record ExecAnswer(long run, CommandResult result) implements Command {}

    record AdoptAnswer(long run, Adopted adopted) implements Command {}

    /**
     * Frames another namespace's XDP program redirected to device {@code ifindex} here (a
     * devmap entry written in this namespace named it); {@code from} hears of a failure.
     */
    public record XdpXmitTo(int ifindex, List<io.netemu.packet.SkBuff> frames, io.netemu.device.xdp.XdpSource from)
            implements Command {}

    // ---- the socket layer (io.netemu.node.sock) --------------------------------------------

    /** socket(2): spawns a socket actor ({@link io.netemu.node.sock.Sock#TCP} or UDP); the owner gets {@code Sock.Opened}. */
    public record SockOpen(int proto, ActorRef<io.netemu.node.sock.Sock.Reply> owner) implements Command {}

    /** A socket binds {@code addr}:{@code port} (0: any, ephemeral); the answer is {@code SockMsg.Bound}. */
    public record SockBind(int sock, int addr, int port, boolean reuse, ActorRef<io.netemu.node.sock.SockMsg> replyTo)
            implements Command {}

    /** A socket connects: the namespace routes, picks the local end, registers the 4-tuple; answers {@code SockMsg.Routed}. */
    public record SockConnect(int sock, int addr, int port, ActorRef<io.netemu.node.sock.SockMsg> replyTo)
            implements Command {}

    /** A TCP socket listens (autobinding when unbound); answers {@code SockMsg.Listening}. */
    public record SockListen(int sock, ActorRef<io.netemu.node.sock.SockMsg> replyTo) implements Command {}

    /** A listener handed an accepted connection to a socket of its own: the 4-tuple now leads to {@code socket}. */
    public record SockAdopt(int sock, int localAddr, int localPort, int remoteAddr, int remotePort,
                            ActorRef<io.netemu.node.sock.SockMsg> socket) implements Command {}

    /** Segments a socket's connection emitted, for ip_queue_xmit, in order. */
    public record SockXmit(List<SockWire> segments) implements Command {}

    /**
     * One segment's bytes (header and payload, checksummed) after {@code TcpRcv.HEADROOM} spare bytes;
     * {@code gsoSize} &gt; 0: a TSO super-segment of {@code gsoSegs} real segments of that payload size.
     */
    public record SockWire(int src, int dst, byte[] buf, int gsoSize, int gsoSegs) {
        public SockWire(int src, int dst, byte[] buf) {
            this(src, dst, buf, 0, 0);
        }
    }

    /** A UDP socket sends one datagram ({@code src} 0: the route's source); answers {@code SockMsg.XmitDone}. */
    public record UdpXmit(int sock, int src, int sport, int dst, int dport, byte[] data,
                          ActorRef<io.netemu.node.sock.SockMsg> replyTo) implements Command {}

    /** The application closed the socket; its connection may linger (SO_REUSEADDR may bind over it). */
    public record SockClosing(int sock) implements Command {}

    /** The socket leaves the tables (a closed listener whose actor lives on for its accepted children). */
    public record SockRelease(int sock) implements Command {}

    /** A socket actor stopped. */
    record SockGone(int sock) implements Command {}

    /** ss: which sockets are there. */
    public record SockList(ActorRef<SockListing> replyTo) implements Command {}

    /** The answer to {@link SockList}: every socket actor of the namespace, and its counters for nstat. */
    public record SockListing(List<ActorRef<io.netemu.node.sock.SockMsg>> sockets, List<String> counterNames,
                              long[] counterValues) {}

    /** A lab node with no namespace directory (benchmarks, tests of one namespace). */
    public static Behavior<NsInbound> create(String name, long seed, long bridgeMac) {
        return create(name, seed, bridgeMac, null);
    }

    /**
     * A lab node: {@code lo} up; {@code bridgeMac >= 0} makes it a {@code kind: bridge} node with
     * br0 of that MAC; {@code directory} resolves the namespace names its commands use.
     */
    public static Behavior<NsInbound> create(String name, long seed, long bridgeMac,
                                             ActorRef<NetnsDirectory.Command> directory) {
        return Behaviors.setup(ctx -> {
            NamespaceBehavior b = new NamespaceBehavior(ctx, name, seed, directory, true);
            if (bridgeMac >= 0) {
                b.makeBridgeNode(bridgeMac);
            }
            return b;
        });
    }

    /** A namespace as {@code ip netns add} makes it: only {@code lo}, down. */
    public static Behavior<NsInbound> createFresh(String name, long seed, ActorRef<NetnsDirectory.Command> directory) {
        return Behaviors.setup(ctx -> new NamespaceBehavior(ctx, name, seed, directory, false));
    }
}
