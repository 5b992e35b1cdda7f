package io.netemu.ebpf.verifier;

/**
 * A rejected program. The log ends with the reason on its own line, so a caller can show that
 * line alone the way {@code ip link set dev X xdp obj} prints the verifier's last words.
 */
public final class VerifierException extends Exception {
    private final String log;

    public VerifierException(String log) {
        super(lastLine(log));
        this.log = log;
    }

    /** The whole log: the instructions of the failing path, then the reason. */
    public String log() { return log; }

    /** The reason alone. */
    public String reason() { return getMessage(); }

    private static String lastLine(String log) {
        String t = log.stripTrailing();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }
}
