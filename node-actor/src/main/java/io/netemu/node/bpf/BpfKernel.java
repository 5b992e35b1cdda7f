package io.netemu.node.bpf;

import io.netemu.device.time.NetTime;
import io.netemu.device.xdp.XdpPrograms;
import io.netemu.ebpf.sys.BpfSys;
import io.netemu.ebpf.sys.KernelProg;
import io.netemu.ebpf.xdp.XdpHook;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The lab's BPF subsystem: one {@link BpfSys} per actor system (one kernel per lab), shared by
 * every namespace, as program and map ids and /sys/fs/bpf are on Linux. Each program it loads
 * is offered to the device actors through {@link XdpPrograms}, by id: a device that attaches
 * it gets a runner of its own ({@link XdpRunners}), and the id goes when the program is freed.
 */
public final class BpfKernel implements Extension {
    private static final ExtensionId<BpfKernel> ID = new ExtensionId<>() {
        @Override
        public BpfKernel createExtension(ActorSystem<?> system) {
            return new BpfKernel(system);
        }
    };

    private final BpfSys sys;
    /** Takes what the lab's trace pipe holds (bpftool prog tracelog). */
    private final java.util.function.Supplier<java.util.List<String>> trace;

    private BpfKernel(ActorSystem<?> system) {
        TracePipe pipe = TracePipe.get(system);
        this.trace = pipe::drain;
        var clock = NetTime.get(system).clock();
        XdpPrograms programs = XdpPrograms.get(system);
        long bootWall = System.currentTimeMillis() - clock.nanos() / 1_000_000;
        BpfSys[] self = new BpfSys[1];
        this.sys = new BpfSys(clock::nanos, bootWall, new BpfSys.Listener() {
            @Override
            public void progLoaded(KernelProg p) {
                programs.register(p.id(), id -> XdpRunners.runner(self[0], id));
            }

            @Override
            public void progFreed(KernelProg p) {
                programs.unregister(p.id());
            }
        });
        self[0] = sys;
    }

    private BpfKernel(BpfSys sys) {
        this.sys = sys;
        this.trace = java.util.List::of;
    }

    public static BpfKernel get(ActorSystem<?> system) { return system.registerExtension(ID); }

    /** A kernel of its own, for commands run without a lab (unit tests, one-off shells). */
    public static BpfKernel standalone() { return new BpfKernel(BpfSys.standalone()); }

    public BpfSys sys() { return sys; }

    /** The trace pipe's lines, taken out (a read of trace_pipe consumes them). */
    public java.util.List<String> drainTrace() { return trace.get(); }

    /** A runner for program {@code id}, or null when it is gone: what a device's attachment runs. */
    public XdpHook runner(int id) { return XdpRunners.runner(sys, id); }
}
