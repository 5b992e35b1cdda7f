package io.netemu.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code netemu bench}: the performance benchmarks whose numbers docs/PERFORMANCE.md records. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: packet-hops per second through a router chain (hops), boot time and heap per namespace (boot), namespaces made by commands per second (netns), frames/s and latency over a link between two cluster members (members).",
        subcommands = {HopsBench.class, BootBench.class, NetnsBench.class, MembersBench.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required: hops, boot, netns or members");
    }
}
