package io.netemu.packet.wire;

/** Why a header was rejected; each value is a counted drop reason upstream (smoltcp's {@code wire::Error}). */
public enum WireError {
    /** The buffer is shorter than a length the header needs or claims. */
    TRUNCATED,
    /** A checksum did not verify (RFC 1071). */
    CHECKSUM,
    /** A field holds a value the RFC forbids (bad version, header length below minimum, ...). */
    MALFORMED,
    /** Well formed, but of a kind this codec does not handle (e.g. ARP for a non-Ethernet/IPv4 pair). */
    UNRECOGNIZED
}
