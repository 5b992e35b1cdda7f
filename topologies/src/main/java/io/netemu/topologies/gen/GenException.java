package io.netemu.topologies.gen;

/** A generator argument out of range, or a fabric too large for the address plan; the message says which and why. */
public final class GenException extends IllegalArgumentException {
    public GenException(String message) {
        super(message);
    }
}
