package io.netemu.node.cmd.ip;

/** {@code ip route} stops here, as iproute2's {@code exit()} or {@code return -N} does: status and what went to stderr. */
final class IpRouteExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;

    IpRouteExit(int status, String stderr) {
        super(stderr, null, false, false);
        this.status = status;
    }

    /** exit(-1): usage, invarg, duparg, incomplete command. */
    static IpRouteExit usage(String stderr) { return new IpRouteExit(255, stderr); }

    /** return -1 (exit 1): "Cannot find device", bad prefixes (exit(1) in get_prefix). */
    static IpRouteExit fail(String stderr) { return new IpRouteExit(1, stderr); }

    /** return -2 (exit 2): the kernel refused. */
    static IpRouteExit kernel(String stderr) { return new IpRouteExit(2, stderr); }

    /** invarg(msg, arg): {@code Error: argument "ARG" is wrong: MSG}. */
    static IpRouteExit invarg(String msg, String arg) {
        return usage("Error: argument \"" + arg + "\" is wrong: " + msg + "\n");
    }

    /** Something iproute2 accepts that netemu does not model. */
    static IpRouteExit unsupported(String what) {
        return kernel("Error: netemu: ip route " + what + " is not supported.\n");
    }

    String stderr() { return getMessage(); }
}
