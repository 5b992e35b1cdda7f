package io.netemu.packet.wire;

/** A header failed to parse; cheap to throw (no stack trace), since a bad frame is ordinary input. */
public final class WireException extends Exception {
    private static final long serialVersionUID = 1L;

    private final WireError error;

    public WireException(WireError error, String message) {
        super(error + ": " + message, null, false, false);
        this.error = error;
    }

    public WireError error() {
        return error;
    }
}
