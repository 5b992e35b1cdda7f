package io.netemu.node.ns;

import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ping.PingProcess;
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

    /** The peer of a veth end vanished (its namespace crashed): the end loses carrier, keeping its configuration. */
    public record PeerLost(String ifname) implements Command {}

    /** A ping process opens its socket: gets an echo id and the source address towards {@code dst}, or an errno. */
    public record PingOpen(int dst, String iface, ActorRef<PingProcess.Command> socket) implements Command {}

    /** A ping process sends echo request {@code seq}. */
    public record PingSend(int ident, int seq, int dst, int dataLen, int ttl, int tos, String pmtudisc, int oif)
            implements Command {}

    /** A ping process ends: its echo id is free again. */
    public record PingClose(int ident) implements Command {}

    /** Stack timers are due. */
    enum Tick implements Command { INSTANCE }

    /** A namespace; {@code bridgeMac >= 0} makes it a {@code kind: bridge} node with br0 of that MAC. */
    public static Behavior<NsInbound> create(String name, long seed, long bridgeMac) {
        return Behaviors.setup(ctx -> {
            NamespaceBehavior b = new NamespaceBehavior(ctx, name, seed);
            if (bridgeMac >= 0) {
                b.makeBridgeNode(bridgeMac);
            }
            return b;
        });
    }
}
