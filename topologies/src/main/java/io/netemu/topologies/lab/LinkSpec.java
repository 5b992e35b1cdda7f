package io.netemu.topologies.lab;

import java.util.Objects;

/** A veth pair between two endpoints, with its MTU and impairments; {@code line} is where it was written. */
public record LinkSpec(Endpoint a, Endpoint b, Impairments impairments, int mtu, int line) {

    public static final int DEFAULT_MTU = 1500;
    /** IPv4's minimum (RFC 791: every host must accept 68-byte datagrams), as the kernel's ETH_MIN_MTU. */
    public static final int MIN_MTU = 68;
    public static final int MAX_MTU = 65535;

    public LinkSpec {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(impairments, "impairments");
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("mtu must be " + MIN_MTU + ".." + MAX_MTU + ", not " + mtu);
        }
    }

    public boolean has(Endpoint e) {
        return a.equals(e) || b.equals(e);
    }

    /** The other end of the cable from {@code e}, which must be one of its ends. */
    public Endpoint peer(Endpoint e) {
        if (a.equals(e)) {
            return b;
        }
        if (b.equals(e)) {
            return a;
        }
        throw new IllegalArgumentException(e + " is not an end of " + this);
    }

    @Override
    public String toString() {
        return a + " <-> " + b;
    }
}
