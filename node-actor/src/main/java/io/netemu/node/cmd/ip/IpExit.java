package io.netemu.node.cmd.ip;

/**
 * The command stops here, as iproute2's {@code exit()} and early {@code return -N} do:
 * {@code status} is the process exit status, {@code stderr} what was printed before it.
 * Thrown by parsers and formatters, caught once by {@link IpCommand}.
 */
final class IpExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    IpExit(int status, String stderr) {
        super(stderr, null, false, false);
        this.status = status;
    }

    int status() { return status; }

    /** The text for stderr, ending in a newline unless empty. */
    String stderr() {
        String m = getMessage();
        return m.isEmpty() || m.endsWith("\n") ? m : m + "\n";
    }

    /** exit(-1): usage errors, invarg, duparg. */
    static IpExit usage(String msg) { return new IpExit(255, msg); }

    /** return -1 from do_ipaddr/do_iplink (exit status 1): "Cannot find device". */
    static IpExit fail(String msg) { return new IpExit(1, msg); }

    /** return -2: the kernel refused (RTNETLINK answers / extack "Error: ..."). */
    static IpExit kernel(String msg) { return new IpExit(2, msg); }

    /** Something iproute2 does that netemu does not (yet): exit 2, said plainly. */
    static IpExit unsupported(String what) {
        return new IpExit(2, "Error: netemu: " + what + " is not supported yet.");
    }
}
