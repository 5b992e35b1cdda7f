package io.netemu.device.capture;

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
 * One pcap file fed by taps (a lab's {@code capture:} entry): every frame its taps send, whole,
 * with the time of day it crossed the device, as {@code tcpdump -w} would write it. It outlives
 * the devices it listens to (a node's crash and restart tap the new device into the same file)
 * and is closed once, at the end of the run, answering how many frames it holds.
 */
public final class CaptureFile extends AbstractBehavior<CaptureInbox> {
    /** tcpdump's default snapshot length: frames are never cut. */
    public static final int SNAPLEN = 262_144;

    /** Flush and close; the reply says how many frames the file holds, or why it could not be written. */
    public record Close(ActorRef<Closed> replyTo) implements CaptureInbox {}

    public record Closed(String label, String file, long frames, String error) {}

    private final String label;
    private final Path file;
    private final WallClock wall;
    private PcapWriter out;
    private String error;
    private long frames;

    private CaptureFile(ActorContext<CaptureInbox> ctx, String label, Path file) {
        super(ctx);
        this.label = label;
        this.file = file;
        this.wall = WallClock.get(ctx.getSystem());
        try {
            out = PcapWriter.open(file, SNAPLEN, false);
        } catch (IOException e) {
            error = file + ": " + e.getMessage();
        }
    }

    /** {@code label} names the capture in replies (e.g. {@code r1:eth0}). */
    public static Behavior<CaptureInbox> create(String label, Path file) {
        return Behaviors.setup(ctx -> new CaptureFile(ctx, label, file));
    }

    @Override
    public Receive<CaptureInbox> createReceive() {
        return newReceiveBuilder()
                .onMessage(Captured.class, this::onCaptured)
                .onMessage(Close.class, this::onClose)
                .onSignal(PostStop.class, s -> { closeQuietly(); return this; })
                .build();
    }

    private Behavior<CaptureInbox> onCaptured(Captured c) {
        if (out == null) {
            return this;
        }
        long ts = wall.epochNanos(c.nanos());
        try {
            for (SkBuff skb : c.frames()) {
                out.write(ts, skb.array(), skb.dataOffset(), skb.len());
                frames++;
            }
        } catch (IOException e) {
            error = file + ": " + e.getMessage();
            closeQuietly();
        }
        return this;
    }

    private Behavior<CaptureInbox> onClose(Close m) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                error = file + ": " + e.getMessage();
            }
            out = null;
        }
        m.replyTo().tell(new Closed(label, file.toString(), frames, error));
        return Behaviors.stopped();
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the error already recorded is the one to report
            }
            out = null;
        }
    }
}
