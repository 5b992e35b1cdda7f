package io.netemu.cluster.member;

/**
 * Why a member could not start or join, in one line for the user, with the exit status the
 * {@code netemu member} command returns: 2 for a usage error (a malformed option), 1 for a
 * failure (port in use, no seed answering, no cluster within the bound).
 */
public final class MemberException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final int USAGE = 2;
    public static final int FAILURE = 1;

    private final int exitStatus;

    public MemberException(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    static MemberException usage(String message) {
        return new MemberException(message, USAGE);
    }

    static MemberException failure(String message) {
        return new MemberException(message, FAILURE);
    }

    public int exitStatus() {
        return exitStatus;
    }
}
