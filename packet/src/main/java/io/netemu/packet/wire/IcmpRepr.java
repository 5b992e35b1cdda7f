package io.netemu.packet.wire;

/** A parsed ICMP header (RFC 792, RFC 1191 §4); the data after it (echo payload, quoted datagram) stays in the buffer. */
public sealed interface IcmpRepr {
    /** The ICMP type. */
    int type();

    /** The ICMP code. */
    int code();

    /** Type 8 (RFC 792 "Echo or Echo Reply Message"). */
    record EchoRequest(int ident, int seq) implements IcmpRepr {
        public int type() { return IcmpType.ECHO; }
        public int code() { return 0; }
    }

    /** Type 0. */
    record EchoReply(int ident, int seq) implements IcmpRepr {
        public int type() { return IcmpType.ECHO_REPLY; }
        public int code() { return 0; }
    }

    /** Type 3; {@code nextHopMtu} is meaningful for {@link IcmpType.DestUnreach#FRAG_NEEDED} only and 0 otherwise. */
    record DstUnreachable(int code, int nextHopMtu) implements IcmpRepr {
        public int type() { return IcmpType.DEST_UNREACH; }
    }

    /** Type 11. */
    record TimeExceeded(int code) implements IcmpRepr {
        public int type() { return IcmpType.TIME_EXCEEDED; }
    }

    /** Any other type; its rest-of-header word is not kept (emitted as zero). */
    record Other(int type, int code) implements IcmpRepr {}

    /** Checks the length and verifies the checksum over the whole message. */
    static IcmpRepr parse(IcmpPacket p) throws WireException {
        return parse(p, true);
    }

    /** Checks the length and, when asked, the checksum; any type and code is accepted. */
    static IcmpRepr parse(IcmpPacket p, boolean verifyChecksum) throws WireException {
        p.checkLen();
        if (verifyChecksum && !p.verifyChecksum()) {
            throw new WireException(WireError.CHECKSUM,
                    String.format("ICMP checksum 0x%04x does not verify", p.checksum()));
        }
        return switch (p.type()) {
            case IcmpType.ECHO -> new EchoRequest(p.echoIdent(), p.echoSeq());
            case IcmpType.ECHO_REPLY -> new EchoReply(p.echoIdent(), p.echoSeq());
            case IcmpType.DEST_UNREACH -> new DstUnreachable(p.code(),
                    p.code() == IcmpType.DestUnreach.FRAG_NEEDED ? p.nextHopMtu() : 0);
            case IcmpType.TIME_EXCEEDED -> new TimeExceeded(p.code());
            default -> new Other(p.type(), p.code());
        };
    }

    /** Writes the 8-byte header with a zero checksum; write the data after it, then {@link IcmpPacket#fillChecksum()}. */
    default void emitHeader(IcmpPacket p) {
        p.setType(type());
        p.setCode(code());
        p.setChecksum(0);
        p.setRest(0);
        switch (this) {
            case EchoRequest e -> { p.setEchoIdent(e.ident()); p.setEchoSeq(e.seq()); }
            case EchoReply e -> { p.setEchoIdent(e.ident()); p.setEchoSeq(e.seq()); }
            case DstUnreachable d -> p.setNextHopMtu(d.nextHopMtu());
            case TimeExceeded t -> { }
            case Other o -> { }
        }
    }

    /** The header length, always 8. */
    default int headerLen() {
        return IcmpPacket.HEADER_LEN;
    }
}
