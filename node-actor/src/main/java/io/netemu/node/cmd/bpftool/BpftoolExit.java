package io.netemu.node.cmd.bpftool;

/**
 * bpftool stops: p_err's message ("Error: ..." on stderr, or {"error": ...} on stdout under
 * -j) and the exit status main() returns: 255 for -1, 256 - errno for -errno. A null message
 * exits silently, as bpftool 7.1 does when a name matches nothing.
 */
final class BpftoolExit extends RuntimeException {
    final int status;
    /** Lines printed before the error (libbpf's), on stderr. */
    final String before;
    /** Lines printed after it (bpftool's strict-mode warning after a failed load). */
    final String after;

    BpftoolExit(int status, String message, String before) {
        this(status, message, before, "");
    }

    BpftoolExit(int status, String message, String before, String after) {
        super(message, null, false, false);
        this.status = status;
        this.before = before;
        this.after = after;
    }

    static BpftoolExit fail(String message) { return new BpftoolExit(255, message, ""); }

    static BpftoolExit errno(int errno, String message) { return new BpftoolExit((256 - errno) & 0xff, message, ""); }

    static BpftoolExit silent() { return new BpftoolExit(255, null, ""); }
}
