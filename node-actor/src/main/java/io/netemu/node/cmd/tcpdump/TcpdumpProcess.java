package io.netemu.node.cmd.tcpdump;

import io.netemu.device.NetDevice;
import io.netemu.device.capture.Captured;
import io.netemu.device.capture.WallClock;
import io.netemu.node.cmd.CommandResult;
import io.netemu.packet.SkBuff;
import io.netemu.packet.pcap.PcapWriter;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * {@code tcpdump} as a process of its namespace: a packet socket on one device (a tap on its
 * actor), the filter run on each frame, and each match printed as tcpdump's line or written to
 * a pcap file. It ends after {@code -c} packets with tcpdump's summary on stderr, or when its
 * step's timeout kills it (its socket closes with it).
 */
public final class TcpdumpProcess extends AbstractBehavior<Captured> {
    private final TcpdumpOptions opt;
    private final ActorRef<NetDevice.Command> device;
    private final ActorRef<CommandResult> replyTo;
    private final WallClock wall;
    private final TcpdumpPrinter printer;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private PcapWriter writer;
    private long captured;
    private long matched;

    private TcpdumpProcess(ActorContext<Captured> ctx, TcpdumpOptions opt, String ifname, ActorRef<NetDevice.Command> device,
                           PcapWriter writer, ActorRef<CommandResult> replyTo) {
        super(ctx);
        this.opt = opt;
        this.device = device;
        this.replyTo = replyTo;
        this.writer = writer;
        this.wall = WallClock.get(ctx.getSystem());
        this.printer = new TcpdumpPrinter(opt.ether(), opt.verbose(), opt.quiet());
        String listening = "listening on " + ifname + ", link-type EN10MB (Ethernet), snapshot length " + opt.snaplen() + " bytes\n";
        err.append(writer == null && opt.verbose() == 0
                ? "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n" + listening
                : "tcpdump: " + listening);
        device.tell(new NetDevice.AddTap(ctx.getSelf()));
    }

    /**
     * Starts tcpdump on {@code device} ({@code ifname} in the namespace); {@code cwd} is where a
     * relative {@code -w} file goes. A file that cannot be opened ends it at once, as tcpdump does.
     */
    public static Behavior<Captured> create(TcpdumpOptions opt, String ifname, ActorRef<NetDevice.Command> device,
                                            Path cwd, ActorRef<CommandResult> replyTo) {
        PcapWriter w = null;
        if (opt.writeFile() != null) {
            Path file = cwd.resolve(opt.writeFile());
            try {
                w = PcapWriter.open(file, opt.snaplen(), false);
            } catch (IOException e) {
                replyTo.tell(CommandResult.fail(1, "tcpdump: " + opt.writeFile() + ": " + reason(e)));
                return Behaviors.stopped();
            }
        }
        PcapWriter writer = w;
        return Behaviors.setup(ctx -> new TcpdumpProcess(ctx, opt, ifname, device, writer, replyTo));
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "No such file or directory"
                : e instanceof java.nio.file.AccessDeniedException ? "Permission denied" : String.valueOf(e.getMessage());
    }

    @Override
    public Receive<Captured> createReceive() {
        return newReceiveBuilder()
                .onMessage(Captured.class, this::onCaptured)
                .onSignal(PostStop.class, s -> { close(); return this; })
                .build();
    }

    private Behavior<Captured> onCaptured(Captured c) {
        if (!opt.directions().contains(c.dir())) {
            return this;
        }
        long ts = wall.epochNanos(c.nanos());
        for (SkBuff skb : c.frames()) {
            if (!opt.filter().test(skb.array(), skb.dataOffset(), skb.len())) {
                continue;
            }
            matched++;
            captured++;
            if (writer != null) {
                try {
                    writer.write(ts, skb.array(), skb.dataOffset(), skb.len());
                } catch (IOException e) {
                    err.append("tcpdump: ").append(opt.writeFile()).append(": ").append(e.getMessage()).append('\n');
                    return finish(1);
                }
            } else {
                int caplen = Math.min(skb.len(), opt.snaplen());
                out.append(printer.line(ts, skb.array(), skb.dataOffset(), caplen)).append('\n');
            }
            if (opt.count() > 0 && captured >= opt.count()) {
                return finish(0);
            }
        }
        return this;
    }

    /** tcpdump's summary (pcap_stats: nothing is dropped, the taps never overflow), then exit. */
    private Behavior<Captured> finish(int exit) {
        close();
        err.append(captured).append(captured == 1 ? " packet captured\n" : " packets captured\n")
                .append(matched).append(matched == 1 ? " packet received by filter\n" : " packets received by filter\n")
                .append("0 packets dropped by kernel\n");
        replyTo.tell(new CommandResult(exit, out.toString(), err.toString()));
        return Behaviors.stopped();
    }

    private void close() {
        device.tell(new NetDevice.RemoveTap(getContext().getSelf()));
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // tcpdump ends either way; what was flushed is in the file
            }
            writer = null;
        }
    }
}
