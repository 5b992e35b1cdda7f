package io.netemu.node.bpf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The lab's /sys/kernel/debug/tracing/trace_pipe: one per kernel (actor system), shared by every
 * namespace, as on Linux. Programs' bpf_trace_printk lines land here; reading takes them out
 * ({@code bpftool prog tracelog}, {@code cat .../trace_pipe}). Bounded as the kernel's ring
 * buffer is: when full, the oldest lines are overwritten, and the loss is counted.
 */
public final class TracePipe implements Extension {
    private static final int CAPACITY = 16_384;
    private static final ExtensionId<TracePipe> ID = new ExtensionId<>() {
        @Override
        public TracePipe createExtension(ActorSystem<?> system) {
            return new TracePipe();
        }
    };

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger overwritten = new AtomicInteger();

    public static TracePipe get(ActorSystem<?> system) { return system.registerExtension(ID); }

    /**
     * Appends {@code messages} as the trace_pipe shows them: task, CPU, flags, seconds since
     * boot, the event, the text.
     */
    public void append(long nanos, List<String> messages) {
        String stamp = String.format("%5d.%06d", nanos / 1_000_000_000L, (nanos / 1000) % 1_000_000);
        for (String m : messages) {
            String event = m.startsWith("xdp_exception:") ? "" : "bpf_trace_printk: ";
            lines.add("          <idle>-0       [000] d.s1. " + stamp + ": " + event + m);
            if (size.incrementAndGet() > CAPACITY && lines.poll() != null) {
                size.decrementAndGet();
                overwritten.incrementAndGet();
            }
        }
    }

    /** Everything waiting, taken out (a read of trace_pipe consumes). */
    public List<String> drain() {
        List<String> out = new ArrayList<>();
        for (String l; (l = lines.poll()) != null; ) {
            size.decrementAndGet();
            out.add(l);
        }
        return out;
    }

    /** Lines lost to the ring being full. */
    public int overwritten() { return overwritten.get(); }
}
