package io.netemu.node.cmd;

/**
 * The command stops here, as iproute2's {@code exit()} and early {@code return -N} do:
 * {@code status} is the process exit status, {@code stderr} what was printed before it. Thrown
 * by parsers and printers however deep they are, caught once at the top of each command
 * ({@code ip} and its objects, {@code bridge}), which turns it into the {@link CommandResult}.
 * No stack trace is taken: it is an answer, not a fault.
 */
public final class CommandExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public CommandExit(int status, String stderr) {
        super(stderr, null, false, false);
        this.status = status;
    }

    public int status() { return status; }

    /** The text for stderr, ending in a newline unless empty (callers may leave iproute2's "\n" out). */
    public String stderr() {
        String m = getMessage();
        return m.isEmpty() || m.endsWith("\n") ? m : m + "\n";
    }

    /** What the command leaves: this status and text, after what it had printed to stdout. */
    public CommandResult result(String stdout) {
        return new CommandResult(status, stdout, stderr());
    }

    /** exit(-1): usage errors, invarg, duparg, an incomplete command line (exit status 255). */
    public static CommandExit usage(String msg) { return new CommandExit(255, msg); }

    /** return -1 from an ip object (exit status 1): "Cannot find device", a malformed address. */
    public static CommandExit fail(String msg) { return new CommandExit(1, msg); }

    /** return -2 (exit status 2): the kernel refused (RTNETLINK answers, extack "Error: ..."). */
    public static CommandExit kernel(String msg) { return new CommandExit(2, msg); }
}
