package io.netemu.device.xdp;

import io.netemu.device.time.NetClock;
import io.netemu.ebpf.xdp.XdpEnv;
import io.netemu.ebpf.xdp.XdpHook;
import io.netemu.packet.SkBuff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The XDP program of one device and what it decided: run at NAPI poll on each frame a queue
 * hands up (veth_xdp_rcv), before the frame becomes the stack's. Plain state of the device
 * actor. The program sees the raw frame; whatever it leaves between data and data_end is what
 * goes on (PASS), back out to the peer (TX) or out of another device (REDIRECT).
 *
 * <p>The per-queue counters are veth's rq stats, as Linux 6.18 keeps them (checked on veth pairs
 * there): they belong to the device, not to the program, so they outlive a detach and go on
 * from where they were when a program is attached again; and only native (DRV) XDP moves them —
 * generic XDP runs in netif_receive_skb, outside veth's NAPI, so with {@code xdpgeneric} the
 * program decides (frames dropped, sent back, redirected) while {@code ethtool -S} stays put.
 */
public final class XdpStage {
    // enum xdp_action, as XdpHook.runFrame returns it
    private static final int DROP = 1, PASS = 2, TX = 3, REDIRECT = 4;

    /** Where a redirected batch goes: an ifindex in a namespace (null: the device's own). */
    public record Target(int ifindex, String netns) {}

    /** What one poll's batch became besides the frames that go up. */
    public static final class Verdicts {
        public final List<SkBuff> tx = new ArrayList<>();
        public final Map<Target, List<SkBuff>> redirect = new LinkedHashMap<>();
        public final List<String> trace = new ArrayList<>();

        public boolean isEmpty() { return tx.isEmpty() && redirect.isEmpty() && trace.isEmpty(); }
    }

    private XdpHook hook;
    private XdpMode mode;
    private final Env env;
    private long[][] counters; // per queue: packets, bytes, redirect, drops, tx, txErrors, failed redirects (xmit: the device's)

    /** A device's XDP state with no program yet: counters at zero; {@code fib}: its namespace's snapshot for bpf_fib_lookup. */
    public XdpStage(NetClock clock, long seed, int queues, Supplier<XdpFib> fib) {
        this.env = new Env(clock, seed, fib);
        this.counters = new long[queues][7];
    }

    public XdpStage(NetClock clock, long seed, int queues) {
        this(clock, seed, queues, () -> null);
    }

    public XdpStage(XdpHook hook, XdpMode mode, NetClock clock, long seed, int queues) {
        this(clock, seed, queues);
        attach(hook, mode);
    }

    /** ip link set ... xdp obj / xdp off ({@code hook} null): the counters stay as they are. */
    public void attach(XdpHook hook, XdpMode mode) {
        this.hook = hook;
        this.mode = hook == null ? null : mode;
    }

    /** Whether a program is attached (else {@link #run} must not be called). */
    public boolean attached() { return hook != null; }

    public int progId() { return hook == null ? 0 : hook.progId(); }

    /** The attachment's mode, or null with no program. */
    public XdpMode mode() { return mode; }

    /** Whether this attachment counts in veth's rq stats: native XDP only. */
    public boolean counts() { return mode == XdpMode.DRV; }

    /** ethtool -L: counters of queues that stay are kept. */
    public void resize(int queues) {
        counters = Arrays.copyOf(counters, queues);
        for (int i = 0; i < queues; i++) {
            if (counters[i] == null) {
                counters[i] = new long[7];
            }
        }
    }

    /** Runs the program on each frame; returns those it passed, in order, and fills {@code out}. */
    public List<SkBuff> run(List<SkBuff> batch, int ifindex, int queue, Verdicts out) {
        return run(batch, ifindex, queue, out, false);
    }

    /**
     * As {@link #run(List, int, int, Verdicts)}; {@code xdpFrames}: the batch came through the
     * peer's ndo_xdp_xmit, frames veth counts whole (xdp_get_frame_len), not from after the
     * Ethernet header as the skbs of veth_xmit.
     */
    public List<SkBuff> run(List<SkBuff> batch, int ifindex, int queue, Verdicts out, boolean xdpFrames) {
        // generic XDP: the verdicts are carried out, counted nowhere in veth (a scratch row)
        long[] c = counts() ? counters[queue] : new long[7];
        env.trace = out.trace;
        List<SkBuff> pass = new ArrayList<>(batch.size());
        for (SkBuff skb : batch) {
            c[0]++;
            // veth counts skb->len after eth_type_trans pulled the Ethernet header (real: 84 per 98-byte ping)
            c[1] += xdpFrames ? skb.len() : Math.max(0, skb.len() - 14);
            int action = hook.runFrame(skb.array(), skb.dataOffset(), skb.len(), ifindex, queue, env);
            switch (action) {
                case PASS -> pass.add(copy(hook, skb));
                case TX -> {
                    c[4]++;
                    out.tx.add(copy(hook, skb));
                }
                case REDIRECT -> {
                    c[2]++;
                    out.redirect.computeIfAbsent(new Target(hook.redirectIfindex(), hook.redirectNetns()),
                            t -> new ArrayList<>()).add(copy(hook, skb));
                }
                case DROP -> c[3]++;
                default -> { // ABORTED
                    c[3]++;
                    String why = hook.trace();
                    out.trace.add("xdp_exception: prog_id=" + hook.progId() + " action=XDP_ABORTED ifindex=" + ifindex
                            + (why == null ? "" : " " + why));
                }
            }
        }
        return pass;
    }

    /**
     * ndo_xdp_xmit frames veth's NAPI took without a native program to run (GRO on, or a generic
     * program that runs later): veth_xdp_rcv counts every frame it polls, whole.
     */
    public void received(int queue, List<SkBuff> frames) {
        long[] c = counters[Math.min(queue, counters.length - 1)];
        for (SkBuff skb : frames) {
            c[0]++;
            c[1] += skb.len();
        }
    }

    /**
     * A redirect of {@code n} frames from {@code queue} failed (xdp_do_redirect's error): not
     * xdp_redirect after all but rq rx_drops, under native XDP only. True when counted.
     */
    public boolean redirectFailed(int queue, int n) {
        if (!counts() || queue >= counters.length) {
            return false;
        }
        counters[queue][2] -= n;
        counters[queue][6] += n;
        return true;
    }

    /** XDP_TX frames the peer could not take (no peer, no carrier). */
    public void txErrors(int queue, int n) {
        if (counts()) {
            counters[queue][5] += n;
        }
    }

    public XdpCounters counters(int queue) {
        if (queue >= counters.length) {
            return XdpCounters.ZERO;
        }
        long[] c = counters[queue];
        return new XdpCounters(c[0], c[1], c[2], c[3], c[4], c[5], 0, 0);
    }

    /** The frame the program left, in a buffer of its own (the runner reuses its packet area). */
    private static SkBuff copy(XdpHook hook, SkBuff original) {
        int from = hook.frameOffset();
        byte[] bytes = Arrays.copyOfRange(hook.frameArray(), from, from + hook.frameLength());
        return SkBuff.wrap(bytes).withMeta(original.meta());
    }

    /** Helpers' view of the device: its clock, a generator seeded from the device's seed, the trace buffer, its namespace's FIB. */
    private static final class Env implements XdpEnv {
        private static final int BPF_FIB_LKUP_RET_NOT_FWDED = 4;
        private final NetClock clock;
        private final SplittableRandom random;
        private final Supplier<XdpFib> fib;
        List<String> trace;

        Env(NetClock clock, long seed, Supplier<XdpFib> fib) {
            this.clock = clock;
            this.random = new SplittableRandom(seed ^ 0x5844505f52414e44L);
            this.fib = fib;
        }

        @Override
        public long ktimeNs() { return clock.nanos(); }

        @Override
        public int prandomU32() { return random.nextInt(); }

        @Override
        public void trace(String line) { trace.add(line); }

        /** The namespace's last published snapshot; none yet (the namespace has not caught up with the attach): "not forwarded". */
        @Override
        public int fibLookup(byte[] params, int offset, int flags) {
            XdpFib f = fib.get();
            return f == null ? BPF_FIB_LKUP_RET_NOT_FWDED : f.lookup(params, offset, flags);
        }
    }
}
