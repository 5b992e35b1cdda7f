package io.netemu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code netemu} command. */
@Command(name = "netemu", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Emulates Linux networks with actors: run labs described in YAML.",
        subcommands = {RunCommand.class, MemberCommand.class, ConsoleCommand.class, ValidateCommand.class, GenCommand.class, BpfCommand.class, io.netemu.cli.bench.BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: run, validate or help");
    }

    public static void main(String[] args) {
        int status = new CommandLine(new Main())
                .setExecutionExceptionHandler((ex, cl, parsed) -> {
                    cl.getErr().println("netemu: " + ex.getMessage());
                    return 2;
                })
                .execute(args);
        System.exit(status);
    }
}
