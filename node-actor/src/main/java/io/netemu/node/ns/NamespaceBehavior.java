package io.netemu.node.ns;

import io.netemu.device.DeviceCounters;
import io.netemu.device.DeviceEvent;
import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.device.xdp.XdpFibs;
import io.netemu.node.bpf.BpfKernel;
import io.netemu.node.bpf.NsXdp;
import io.netemu.node.bpf.TracePipe;
import io.netemu.stack.dev.NicConfig;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.time.NetClock;
import io.netemu.device.time.NetTime;
import io.netemu.device.time.NetTimers;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ping.PingProcess;
import io.netemu.node.shell.Shell;
import io.netemu.packet.SkBuff;
import io.netemu.stack.DevEffect;
import io.netemu.stack.NetNs;
import io.netemu.stack.NetStack;
import io.netemu.stack.StackEnv;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.DevStats;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.icmp.IcmpEcho;
import io.netemu.stack.ip.IpOutput;
import io.netemu.stack.ip.Pmtudisc;
import io.netemu.stack.sock.SocketEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/** The state of one {@link NamespaceActor}: a thin adapter between messages and {@link NetStack}/{@link NetNs}. */
final class NamespaceBehavior extends AbstractBehavior<NsInbound> implements StackEnv {

    private final NetTimers timers;
    private final NetClock clock;
    private final long seed;
    private final NetNs ns;
    private final NetStack stack;
    private final NsDevices devices;
    private final NsSockets socks;
    private final Map<Integer, ActorRef<PingProcess.Command>> sockets = new HashMap<>(2);
    private final LinkedHashMap<Integer, List<SkBuff>> txBatches = new LinkedHashMap<>(4);
    /** Waiting {@link NamespaceActor.Exec}s and {@link NamespaceActor.ExecArgv}s, in arrival order. */
    private final ArrayDeque<NamespaceActor.Command> execQueue = new ArrayDeque<>(2);
    /** Running processes (ping) by the reply address of the Exec that started them. */
    private final Map<ActorRef<CommandResult>, ActorRef<?>> processes = new HashMap<>(2);
    private final Shell shell;
    /** The lab's BPF tables: XDP attachments here hold references to its programs. */
    private final BpfKernel bpf;
    /** The snapshot bpf_fib_lookup reads in this namespace's devices, kept current while XDP is attached. */
    private final XdpFibPublish xdpFib;
    private int awaitingCounters = -1;
    private long armedTick = Long.MAX_VALUE;
    private NetTimers.Timer tick;
    private int devWeight;
    /** net.core.netdev_budget and netdev_budget_usecs as the device actors last heard them. */
    private int budget;
    private int budgetUsecs;
    private int nextIdent;
    private final ActorRef<NetnsDirectory.Command> directory;
    /** The command whose namespace ops are being carried out; commands after it wait. */
    private NetnsOpRun running;
    private long nextRun;
    /** {@code ip netns del} in progress: veths still to vanish, and whom to tell when they have. */
    private int destroyPending = -1;
    private ActorRef<NamespaceActor.Ack> destroyReply;

    NamespaceBehavior(ActorContext<NsInbound> ctx, String name, long seed, ActorRef<NetnsDirectory.Command> directory,
                      boolean loUp) {
        super(ctx);
        this.directory = directory;
        NetTime time = NetTime.get(ctx.getSystem());
        this.timers = time.timers();
        this.clock = time.clock();
        this.seed = seed;
        this.ns = new NetNs(name, loUp);
        this.devices = new NsDevices(ctx, ns);
        this.stack = new NetStack(ns, this, seed);
        this.socks = new NsSockets(ctx, stack, seed);
        this.bpf = BpfKernel.get(ctx.getSystem());
        this.shell = new Shell(ns, this::now, java.nio.file.Path.of(ctx.getSystem().settings().config().getString("netemu.lab.dir")),
                bpf);
        this.devWeight = ns.sysctl().getInt("net.core.dev_weight");
        this.budget = ns.sysctl().getInt("net.core.netdev_budget");
        this.budgetUsecs = ns.sysctl().getInt("net.core.netdev_budget_usecs");
        this.nextIdent = (int) (seed & 0x7fff) | 1;
        this.xdpFib = new XdpFibPublish(XdpFibs.get(ctx.getSystem()).slot(ctx.getSelf()));
    }

    @Override
    public Receive<NsInbound> createReceive() {
        return newReceiveBuilder().onAnyMessage(this::onMessage).build();
    }

    private Behavior<NsInbound> onMessage(NsInbound msg) {
        xdpFib.onMessage(msg);
        switch (msg) {
            case DeviceEvent.RxBatch m -> stack.receiveBatch(m.ifindex(), m.frames());
            case DeviceEvent.CarrierChanged m -> ns.carrierChanged(m.ifindex(), m.carrier());
            case DeviceEvent.Counters m -> onCounters(m.ifindex(), m.counters());
            case NamespaceActor.Tick t -> { armedTick = Long.MAX_VALUE; tick = null; stack.tick(); }
            case NamespaceActor.PingSend m -> onPingSend(m);
            case NamespaceActor.PingOpen m -> onPingOpen(m);
            case NamespaceActor.PingClose m -> sockets.remove(m.ident());
            case NamespaceActor.Exec m -> { execQueue.add(m); startNextExec(); }
            case NamespaceActor.KillExec m -> onKill(m.replyTo());
            case NamespaceActor.ProcessEnded m -> forget(processes.remove(m.replyTo()));
            case NamespaceActor.SetSysctl m -> answer(m.replyTo(), shell.run(List.of("sysctl", "-q", "-w", m.key() + "=" + m.value())));
            case NamespaceActor.AddVeth m -> onAddVeth(m);
            case NamespaceActor.ConnectPeer m -> LabCables.connectPeer(this, m);
            case NamespaceActor.SetCable m -> LabCables.setCable(this, m);
            case NamespaceActor.ExecArgv m -> { execQueue.add(m); startNextExec(); }
            case NamespaceActor.AdoptDevice m -> devices.adopt(m);
            case NamespaceActor.DeviceGone m -> devices.gone(m);
            case NamespaceActor.NetnsGone m -> ns.netnsIds().forget(m.name());
            case NamespaceActor.Destroy m -> {
                NsXdp.releaseAll(ns, bpf.sys());
                destroyReply = m.replyTo();
                destroyPending = devices.destroyAll();
            }
            case NamespaceActor.DirAnswer m -> { if (current(m.run())) running.onDirectory(m.reply()); }
            case NamespaceActor.ExecAnswer m -> { if (current(m.run())) running.onExec(m.result()); }
            case NamespaceActor.AdoptAnswer m -> { if (current(m.run())) running.onAdopted(m.adopted()); }
            case DeviceEvent.PeerMoved m -> devices.peerMoved(m);
            case DeviceEvent.Vanished m -> devices.vanished(m);
            case DeviceEvent.VethGone m -> onVethGone(m);
            case DeviceEvent.XdpRedirect m -> XdpRedirects.fromDevice(this, m);
            case NamespaceActor.XdpXmitTo m -> XdpRedirects.xmitHere(this, m.ifindex(), m.frames(), m.from());
            case DeviceEvent.XdpRedirectFailed m -> XdpRedirects.failed(this, m);
            case DeviceEvent.XdpTrace m -> TracePipe.get(getContext().getSystem()).append(clock.nanos(), m.lines());
            case NamespaceActor.Command c when socks.handle(c) -> { }
            default -> getContext().getLog().warn("namespace {}: unexpected {}", ns.name(), msg);
        }
        applyEffects();
        socks.flush();
        flushTx();
        if (destroyPending == 0) {
            XdpFibs.get(getContext().getSystem()).remove(getContext().getSelf());
            destroyReply.tell(new NamespaceActor.Ack(null));
            return Behaviors.stopped();
        }
        return this;
    }

    // ---- StackEnv -------------------------------------------------------------------------

    @Override
    public long now() { return clock.nanos(); }

    @Override
    public void xmit(int ifindex, SkBuff frame) {
        txBatches.computeIfAbsent(ifindex, k -> new ArrayList<>(8)).add(frame);
    }

    @Override
    public void toSocket(int ident, SocketEvent event) {
        ActorRef<PingProcess.Command> s = sockets.get(ident);
        if (s != null) {
            s.tell(new PingProcess.Event(event));
        }
    }

    @Override
    public void toSock(int sockId, io.netemu.stack.sock.SockInput input) {
        socks.toSock(sockId, input);
    }

    @Override
    public void wakeAt(long deadline) {
        if (deadline < armedTick) {
            if (tick != null) {
                tick.cancel();
            }
            armedTick = deadline;
            tick = timers.schedule(getContext().getSelf(), NamespaceActor.Tick.INSTANCE, deadline - now());
        }
    }

    /** One Xmit per device per message handled: the batch the device's qdisc and peer see. */
    private void flushTx() {
        if (txBatches.isEmpty()) {
            return;
        }
        for (Map.Entry<Integer, List<SkBuff>> e : txBatches.entrySet()) {
            ActorRef<NetDevice.Command> dev = devices.get(e.getKey());
            if (dev != null) {
                dev.tell(new NetDevice.Xmit(e.getValue()));
            }
        }
        txBatches.clear();
    }

    // ---- devices -------------------------------------------------------------------------

    private void onAddVeth(NamespaceActor.AddVeth m) {
        if (ns.devs().byName(m.ifname()) != null) {
            m.replyTo().tell(new NamespaceActor.VethAdded(m.ifname(), 0, null, "RTNETLINK answers: File exists"));
            return;
        }
        NetDev d = ns.addDevice(m.ifname(), DevKind.VETH, m.mac(), m.mtu());
        ActorRef<NetDevice.Command> ref = spawnDevice(d.ifindex(), d.name(), d.mtu(), m.netem(), m.seed());
        devices.host(d.ifindex(), ref);
        NetDev br = ns.devs().byName("br0");
        if (br != null && br.kind() == DevKind.BRIDGE && bridgeNode) {
            ns.linkSetMaster(d, br);
        }
        ns.linkSetUp(d, true);
        if (!m.netem().isNone()) {
            ns.attachQdisc(d, m.netem()); // the device actor was born with it
        }
        m.replyTo().tell(new NamespaceActor.VethAdded(m.ifname(), d.ifindex(), ref, null));
    }

    private boolean bridgeNode;

    /** A device actor, child of this namespace, with the namespace's NAPI weight and budgets. */
    ActorRef<NetDevice.Command> spawnDevice(int ifindex, String name, int mtu, NetemConfig netem, long devSeed) {
        return devices.spawn(new NetDevice.Config(ifindex, name, mtu, NicConfig.DEFAULT_RING, devWeight, netem, devSeed),
                budget, budgetUsecs);
    }

    NsDevices devices() { return devices; }

    NetNs ns() { return ns; }

    ActorRef<NetnsDirectory.Command> directory() { return directory; }

    ActorContext<NsInbound> context() { return getContext(); }

    long seed() { return seed; }

    private void onVethGone(DeviceEvent.VethGone m) {
        if (m.token() < 0) {
            if (destroyPending > 0) {
                destroyPending--;
            }
        } else if (running != null) {
            running.onVethGone(m.token());
        }
    }

    /** A {@code kind: bridge} node: br0, up, and every interface it gets becomes a port. */
    void makeBridgeNode(long mac) {
        bridgeNode = true;
        NetDev br = ns.addDevice("br0", DevKind.BRIDGE, mac, 1500);
        ns.linkSetUp(br, true);
    }

    /** Device-side halves of configuration changes: admin state, MTU, NAPI weight. */
    private void applyEffects() {
        xdpFib.publish(ns); // before SetXdp goes out: a program just attached finds its FIB
        for (DevEffect e : ns.drainEffects()) {
            ActorRef<NetDevice.Command> ref = devices.get(e.ifindex());
            if (ref == null) {
                continue;
            }
            switch (e) {
                case DevEffect.AdminUp a -> ref.tell(new NetDevice.SetAdminUp(a.up()));
                case DevEffect.Mtu mt -> ref.tell(new NetDevice.SetMtu(mt.mtu()));
                case DevEffect.Nic n -> {
                    ref.tell(new NetDevice.SetQueues(n.nic().channels(), n.nic().rxRing(), n.nic().rxUsecs(),
                            n.nic().rxFrames()));
                    ref.tell(new NetDevice.SetGro(n.nic().features().get("rx-gro", false)));
                    // veth's default: TSO on (ethtool -k on Linux 6.18)
                    ref.tell(new NetDevice.SetTso(n.nic().features().get("tx-tcp-segmentation", true)));
                }
                case DevEffect.Qdisc q -> ref.tell(new NetDevice.SetQdisc(q.root()));
            }
        }
        XdpEffects.apply(ns, devices, bpf);
        int w = ns.sysctl().getInt("net.core.dev_weight");
        if (w != devWeight && w > 0) {
            devWeight = w;
            devices.all().forEach(r -> r.tell(new NetDevice.SetWeight(w)));
        }
        int b = ns.sysctl().getInt("net.core.netdev_budget");
        int u = ns.sysctl().getInt("net.core.netdev_budget_usecs");
        if (b != budget || u != budgetUsecs) {
            budget = b;
            budgetUsecs = u;
            devices.all().forEach(r -> r.tell(new NetDevice.SetBudget(b, u)));
        }
    }

    // ---- commands ------------------------------------------------------------------------

    /** Commands see fresh counters: ask every device, run the command when all have answered. */
    private void startNextExec() {
        if (awaitingCounters >= 0 || running != null || execQueue.isEmpty()) {
            return;
        }
        if (!CounterReads.needed(execQueue.peek())) {
            runNextExec(false);
            return;
        }
        awaitingCounters = devices.size();
        if (awaitingCounters == 0) {
            runNextExec(true);
            return;
        }
        ActorRef<NsInbound> self = getContext().getSelf();
        devices.all().forEach(r -> r.tell(new NetDevice.GetCounters(self)));
    }

    private void onCounters(int ifindex, DeviceCounters c) {
        CounterReads.store(ns, ifindex, c);
        if (awaitingCounters > 0 && --awaitingCounters == 0) {
            runNextExec(true);
        }
    }

    /** Runs the next queued command; {@code fresh}: the devices' counters were just read, the soft devices' are added. */
    private void runNextExec(boolean fresh) {
        awaitingCounters = -1;
        NamespaceActor.Command next = execQueue.poll();
        for (NetDev d : fresh ? ns.devs().all() : List.<NetDev>of()) {
            DevStats s = stack.softStats().stats(d.ifindex());
            if (s != null) {
                ns.setStats(d.ifindex(), s);
            }
        }
        if (next instanceof NamespaceActor.ExecArgv e) {
            execute(e.argv(), e.replyTo());
        } else if (next instanceof NamespaceActor.Exec e) {
            try {
                execute(Shell.words(e.line()), e.replyTo());
            } catch (IllegalArgumentException ex) {
                e.replyTo().tell(CommandResult.fail(2, "sh: 1: Syntax error: " + ex.getMessage()));
            }
        }
        startNextExec();
    }

    /**
     * A command's answer, sent only once what it changed has gone to the device actors: a
     * command returns after its change is in place, as on Linux, where {@code ip link set ...
     * xdp} returns with the program attached. Answering first would let whoever waits for the
     * answer (the next step of a script) send a frame that reaches the device before the
     * change does.
     */
    private void answer(ActorRef<CommandResult> replyTo, CommandResult result) {
        applyEffects();
        replyTo.tell(result);
    }

    /** Runs one command: a process (ping) of its own, or at once, then its namespace ops if it has any. */
    private void execute(List<String> argv, ActorRef<CommandResult> replyTo) {
        Shell.Outcome o = runOrSpawn(argv, replyTo);
        if (o == null) {
            return;
        }
        if (o.ops().isEmpty()) {
            answer(replyTo, o.result());
        } else {
            running = new NetnsOpRun(this, nextRun++, replyTo, o.result(), o.ops());
            running.next();
        }
    }

    /** A command that ends at once gives its outcome; a process (ping) is started, replies itself, and gives null. */
    Shell.Outcome runOrSpawn(List<String> argv, ActorRef<CommandResult> replyTo) {
        if (!argv.isEmpty() && argv.get(0).equals("ping")) {
            ActorRef<?> p = getContext().spawnAnonymous(PingProcess.create(argv, getContext().getSelf(), replyTo));
            processes.put(replyTo, p);
            getContext().watchWith(p, new NamespaceActor.ProcessEnded(replyTo));
            return null;
        }
        if (!argv.isEmpty() && (argv.get(0).equals("nc") || argv.get(0).equals("netcat") || argv.get(0).equals("ss")
                || argv.get(0).equals("nstat"))) {
            ActorRef<?> p = getContext().spawnAnonymous(argv.get(0).startsWith("n") && !argv.get(0).equals("nstat")
                    ? io.netemu.node.cmd.nc.NcProcess.create(argv, getContext().getSelf(), replyTo)
                    : io.netemu.node.cmd.ss.SsProcess.create(argv, getContext().getSelf(), replyTo));
            processes.put(replyTo, p);
            getContext().watchWith(p, new NamespaceActor.ProcessEnded(replyTo));
            return null;
        }
        if (!argv.isEmpty() && argv.get(0).equals("iperf3")) {
            ActorRef<?> p = getContext().spawnAnonymous(io.netemu.node.cmd.iperf3.Iperf3.create(argv, getContext().getSelf(), replyTo));
            processes.put(replyTo, p);
            getContext().watchWith(p, new NamespaceActor.ProcessEnded(replyTo));
            return null;
        }
        if (!argv.isEmpty() && argv.get(0).equals("tcpdump")) {
            return startTcpdump(argv, replyTo);
        }
        Shell.Outcome o = shell.execute(argv);
        stack.settle();
        xdpFib.commandRan();
        return o;
    }

    /**
     * tcpdump: its options and filter are checked here, its interface found (the first one up
     * but loopback when -i is absent, as pcap_lookupdev picks), then its process taps the device.
     */
    private Shell.Outcome startTcpdump(List<String> argv, ActorRef<CommandResult> replyTo) {
        io.netemu.node.cmd.tcpdump.TcpdumpOptions opt;
        try {
            opt = io.netemu.node.cmd.tcpdump.TcpdumpOptions.parse(argv);
        } catch (io.netemu.node.cmd.tcpdump.TcpdumpOptions.UsageException e) {
            return new Shell.Outcome(CommandResult.fail(1, e.getMessage()), List.of());
        }
        NetDev d = opt.iface() != null ? ns.devs().byName(opt.iface())
                : ns.devs().all().stream().filter(x -> x.kind() != DevKind.LOOPBACK && x.adminUp()
                        && devices.get(x.ifindex()) != null).findFirst().orElse(null);
        ActorRef<NetDevice.Command> dev = d == null ? null : devices.get(d.ifindex());
        if (dev == null) {
            String msg = opt.iface() == null ? "tcpdump: no suitable device found"
                    : d == null ? "tcpdump: " + opt.iface() + ": No such device exists\n(SIOCGIFHWADDR: No such device)"
                    : "tcpdump: " + opt.iface() + ": packet capture on this device is not supported";
            return new Shell.Outcome(CommandResult.fail(1, msg), List.of());
        }
        java.nio.file.Path cwd = java.nio.file.Path.of(getContext().getSystem().settings().config().getString("netemu.lab.dir"));
        ActorRef<?> p = getContext().spawnAnonymous(
                io.netemu.node.cmd.tcpdump.TcpdumpProcess.create(opt, d.name(), dev, cwd, replyTo));
        processes.put(replyTo, p);
        getContext().watchWith(p, new NamespaceActor.ProcessEnded(replyTo));
        return null;
    }

    private boolean current(long run) {
        return running != null && running.id() == run;
    }

    /** The running command's ops are done (or failed): answer it, and let the next command run. */
    void opsDone(NetnsOpRun run, CommandResult result) {
        if (running == run) {
            running = null;
            answer(run.replyTo(), result);
            flushTx();
            startNextExec();
        }
    }

    private void onKill(ActorRef<CommandResult> replyTo) {
        execQueue.removeIf(e -> e instanceof NamespaceActor.Exec x ? x.replyTo().equals(replyTo)
                : ((NamespaceActor.ExecArgv) e).replyTo().equals(replyTo));
        if (running != null && running.replyTo().equals(replyTo)) {
            running.kill();
            running = null;
            startNextExec();
        }
        ActorRef<?> p = processes.remove(replyTo);
        if (p != null) {
            getContext().stop(p);
            forget(p);
        }
    }

    /** A process is gone: its sockets are closed. */
    private void forget(ActorRef<?> process) {
        if (process != null) {
            sockets.values().removeIf(s -> s.equals(process));
        }
    }


    // ---- ping sockets --------------------------------------------------------------------

    private void onPingOpen(NamespaceActor.PingOpen m) {
        int oif = 0;
        if (m.iface() != null) {
            NetDev d = ns.devs().byName(m.iface());
            if (d == null) {
                m.socket().tell(new PingProcess.Opened(0, 0, 19, 0, 0));
                return;
            }
            oif = d.ifindex();
        }
        IpOutput.Route r = stack.ipOutput().route(m.dst(), oif);
        int ident = 0;
        if (r.errno() == 0) {
            do {
                nextIdent = (nextIdent + 1) & 0xffff;
            } while (nextIdent == 0 || sockets.containsKey(nextIdent));
            ident = nextIdent;
            sockets.put(ident, m.socket());
        }
        m.socket().tell(new PingProcess.Opened(ident, r.src(), r.errno(), r.mtu(), oif));
    }

    private void onPingSend(NamespaceActor.PingSend m) {
        int err = IcmpEcho.send(stack, m.ident(), m.seq(), 0, m.dst(), m.dataLen(), m.ttl(), m.tos(),
                Pmtudisc.of(m.pmtudisc()), m.oif());
        if (err != 0) {
            IpOutput.Route r = stack.ipOutput().route(m.dst(), m.oif());
            toSocket(m.ident(), new SocketEvent.LocalError(m.seq(), err, r.mtu()));
        }
    }
}
