package io.netemu.cli;

import io.netemu.ebpf.conformance.ConformanceRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code netemu bpf}: the eBPF machine on its own, without a lab. */
@Command(name = "bpf", mixinStandardHelpOptions = true,
        description = "The eBPF virtual machine on its own: run a conformance suite (conformance DIR).",
        subcommands = {BpfCommand.Conformance.class})
public final class BpfCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: conformance");
    }

    /**
     * {@code netemu bpf conformance DIR}: every {@code *.data} file of DIR (the bpf_conformance
     * format) through the interpreter; one line per failing file, then "N passed, M failed".
     * Exit 0 only when every file passed (1 when some failed, 2 when DIR has none).
     */
    @Command(name = "conformance", mixinStandardHelpOptions = true,
            description = "Run an eBPF conformance suite (*.data files): one line per failing file, then 'N passed, M failed'.")
    static final class Conformance implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "folder of .data files")
        Path dir;

        @Override
        public Integer call() {
            return ConformanceRunner.run(dir, System.out);
        }
    }
}
