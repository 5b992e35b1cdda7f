package io.netemu.packet.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * A parsed IPv4 header (RFC 791 §3.1, checks of RFC 1122 §3.2.1 as ip_rcv_core does); options
 * are kept verbatim and not interpreted, and are zero-padded to a multiple of 4 bytes on emit.
 *
 * @param fragOffset the fragment offset in bytes, a multiple of 8
 * @param options the option bytes, possibly empty, at most 40
 */
public record Ipv4Repr(int src, int dst, int protocol, int payloadLen, int ttl, int tos, int ident,
                       boolean dontFrag, boolean moreFrags, int fragOffset, byte[] options) {
    public static final int MIN_HEADER_LEN = Ipv4Packet.MIN_HEADER_LEN;
    private static final byte[] NO_OPTIONS = new byte[0];

    public Ipv4Repr {
        options = options == null || options.length == 0 ? NO_OPTIONS : options.clone();
        if (options.length > Ipv4Packet.MAX_HEADER_LEN - MIN_HEADER_LEN) {
            throw new IllegalArgumentException("IPv4 options longer than 40 bytes: " + options.length);
        }
        if (fragOffset < 0 || fragOffset > 0xfff8 || (fragOffset & 7) != 0) {
            throw new IllegalArgumentException("IPv4 fragment offset not a multiple of 8 in 0..65528: " + fragOffset);
        }
        if (protocol < 0 || protocol > 0xff || ttl < 0 || ttl > 0xff || tos < 0 || tos > 0xff
                || ident < 0 || ident > 0xffff || payloadLen < 0) {
            throw new IllegalArgumentException("IPv4 field out of range: protocol " + protocol + " ttl " + ttl
                    + " tos " + tos + " ident " + ident + " payloadLen " + payloadLen);
        }
    }

    /** A whole, unfragmented datagram without options, DF set as Linux does with PMTU discovery. */
    public static Ipv4Repr of(int src, int dst, int protocol, int payloadLen, int ttl, int ident) {
        return new Ipv4Repr(src, dst, protocol, payloadLen, ttl, 0, ident, true, false, 0, NO_OPTIONS);
    }

    /**
     * Validates version, IHL, lengths and (when asked) the checksum. The payload is
     * {@code totalLen - headerLen}: bytes beyond the total length, such as Ethernet padding, are ignored.
     */
    public static Ipv4Repr parse(Ipv4Packet p, boolean verifyChecksum) throws WireException {
        if (p.len() < MIN_HEADER_LEN) {
            throw Bytes.truncated("IPv4 header", MIN_HEADER_LEN, p.len());
        }
        if (p.version() != 4) {
            throw new WireException(WireError.MALFORMED, "IP version " + p.version() + ", not 4");
        }
        p.checkLen();
        if (verifyChecksum && !p.verifyChecksum()) {
            throw new WireException(WireError.CHECKSUM,
                    String.format("IPv4 header checksum 0x%04x does not verify", p.headerChecksum()));
        }
        byte[] opts = p.optionsLen() == 0 ? NO_OPTIONS
                : Arrays.copyOfRange(p.buffer(), p.optionsOffset(), p.optionsOffset() + p.optionsLen());
        return new Ipv4Repr(p.src(), p.dst(), p.protocol(), p.payloadLen(), p.ttl(), p.tos(), p.ident(),
                p.dontFrag(), p.moreFrags(), p.fragOffset(), opts);
    }

    /** The option bytes (a copy). */
    @Override
    public byte[] options() {
        return options.clone();
    }

    /** 20 plus the options rounded up to 4. */
    public int headerLen() {
        return MIN_HEADER_LEN + ((options.length + 3) & ~3);
    }

    /** Header plus payload: the total length field. */
    public int bufferLen() {
        return headerLen() + payloadLen;
    }

    /** Writes the whole header and fills its checksum; the payload is the caller's. */
    public void emit(Ipv4Packet p) {
        byte[] b = p.buffer();
        int hl = headerLen();
        if (bufferLen() > 0xffff) {
            throw new IllegalStateException("IPv4 total length over 65535: " + bufferLen());
        }
        b[p.offset()] = (byte) 0x40;
        p.setHeaderLen(hl);
        p.setTos(tos);
        p.setTotalLen(bufferLen());
        p.setIdent(ident);
        Bytes.put16(b, p.offset() + Ipv4Packet.Field.FLAGS_FRAG,
                (dontFrag ? Ipv4Packet.FLAG_DF : 0) | (moreFrags ? Ipv4Packet.FLAG_MF : 0) | (fragOffset >>> 3));
        p.setTtl(ttl);
        p.setProtocol(protocol);
        p.setSrc(src);
        p.setDst(dst);
        int o = p.optionsOffset();
        System.arraycopy(options, 0, b, o, options.length);
        Arrays.fill(b, o + options.length, p.offset() + hl, (byte) 0);
        p.fillChecksum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Repr r && src == r.src && dst == r.dst && protocol == r.protocol
                && payloadLen == r.payloadLen && ttl == r.ttl && tos == r.tos && ident == r.ident
                && dontFrag == r.dontFrag && moreFrags == r.moreFrags && fragOffset == r.fragOffset
                && Arrays.equals(options, r.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(src, dst, protocol, payloadLen, ttl, tos, ident, dontFrag, moreFrags, fragOffset)
                * 31 + Arrays.hashCode(options);
    }

    @Override
    public String toString() {
        return "Ipv4Repr[" + Ipv4Address.format(src) + " > " + Ipv4Address.format(dst) + ", proto "
                + new IpProtocol(protocol) + ", len " + payloadLen + ", ttl " + ttl + ", tos " + tos
                + ", id " + ident + (dontFrag ? ", DF" : "") + (moreFrags ? ", MF" : "")
                + (fragOffset != 0 ? ", off " + fragOffset : "") + ", options " + options.length + "]";
    }
}
