package io.netemu.node.cmd;

/** What a finished command leaves: its exit status and what it wrote. */
public record CommandResult(int exit, String stdout, String stderr) {
    public static CommandResult ok(String stdout) { return new CommandResult(0, stdout, ""); }
    public static CommandResult fail(int exit, String stderr) {
        return new CommandResult(exit, "", stderr.endsWith("\n") || stderr.isEmpty() ? stderr : stderr + "\n");
    }
}
