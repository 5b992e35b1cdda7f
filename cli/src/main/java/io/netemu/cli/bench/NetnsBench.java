package io.netemu.cli.bench;

import io.netemu.device.NsInbound;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.ns.NetnsDirectory;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netemu bench netns}: namespaces made at run time through the commands a user types,
 * {@code ip netns add nsI} then {@code ip link add vI type veth peer name eth0 netns nsI}, all
 * run in one lab node (the holder of the vI ends), as {@code scripts/bench-netns-linux.sh} does
 * with {@code ip -batch} on real Linux. Sequential: each command waits for the one before,
 * as a script's lines do; pipelined: all are queued at once, as {@code ip -batch} reads its
 * file (the node still runs them one after another, in order).
 */
@Command(name = "netns", mixinStandardHelpOptions = true,
        description = "Rate of 'ip netns add' plus a veth pair into the new namespace, run as commands in one node.")
public final class NetnsBench implements Callable<Integer> {
    @Option(names = "--count", defaultValue = "10000", description = "namespaces, each with a veth pair (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--mode", defaultValue = "pipelined", description = "sequential or pipelined (default ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--runs", defaultValue = "1", description = "runs, each in a fresh actor system (default ${DEFAULT-VALUE})")
    int runs;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || !(mode.equals("sequential") || mode.equals("pipelined"))) {
            System.err.println("netemu bench netns: --count >= 1, --mode sequential|pipelined");
            return 2;
        }
        out.printf(Locale.ROOT, "bench netns: %d namespaces, each 'ip netns add' + 'ip link add ... type veth peer name eth0 netns', %s%n",
                count, mode);
        for (int run = 1; run <= runs; run++) {
            try (BenchSystem sys = new BenchSystem(List.of())) {
                ActorRef<NetnsDirectory.Command> dir = sys.spawn(NetnsDirectory.create(1), "netns");
                ActorRef<NsInbound> host = sys.spawn(NamespaceActor.create("host", 1, -1, dir), "ns-host");
                dir.tell(new NetnsDirectory.Register("host", host));
                System.gc();
                JvmStats.Snapshot before = JvmStats.Snapshot.now();
                if (mode.equals("sequential")) {
                    for (int i = 0; i < count; i++) {
                        for (String line : lines(i)) {
                            sys.exec(host, "host", line);
                        }
                    }
                } else {
                    List<CompletableFuture<CommandResult>> pending = new ArrayList<>(2 * count);
                    for (int i = 0; i < count; i++) {
                        for (String line : lines(i)) {
                            pending.add(AskPattern.<NsInbound, CommandResult>ask(host, r -> new NamespaceActor.Exec(line, r),
                                    java.time.Duration.ofMinutes(10), sys.system.scheduler()).toCompletableFuture());
                        }
                    }
                    for (int i = 0; i < pending.size(); i++) {
                        CommandResult r = pending.get(i).get(10, TimeUnit.MINUTES);
                        if (r.exit() != 0) {
                            throw new IllegalStateException("command " + i + " failed (exit " + r.exit() + "): " + r.stderr().strip());
                        }
                    }
                }
                JvmStats.Snapshot after = JvmStats.Snapshot.now();
                double s = (after.nanos() - before.nanos()) / 1e9;
                check(sys, host);
                out.printf(Locale.ROOT, "run %d: %d namespaces + veth pairs in %.2f s = %.0f namespaces/s (%.0f commands/s), "
                                + "CPU %.2f s, %d GCs, %.1f KB allocated per namespace%n",
                        run, count, s, count / s, 2 * count / s, (after.cpuNanos() - before.cpuNanos()) / 1e9,
                        after.gcCount() - before.gcCount(), (after.allocatedBytes() - before.allocatedBytes()) / 1024.0 / count);
            }
        }
        return 0;
    }

    private static List<String> lines(int i) {
        return List.of("ip netns add ns" + i, "ip link add v" + i + " type veth peer name eth0 netns ns" + i);
    }

    /** The last namespace exists and holds its end: the run did what it says. */
    private void check(BenchSystem sys, ActorRef<NsInbound> host) {
        int last = count - 1;
        CommandResult r = sys.exec(host, "host", "ip -n ns" + last + " -br link show eth0");
        if (!r.stdout().startsWith("eth0@if")) {
            throw new IllegalStateException("ns" + last + " has no eth0: " + r.stdout() + r.stderr());
        }
    }
}
