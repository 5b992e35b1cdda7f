package io.netemu.stack.netfilter.iptables;

import io.netemu.stack.netfilter.NfPacket;

/**
 * One packet as ipt_do_table sees it (struct xt_action_param plus the IPv4 header it reads once):
 * addresses, protocol, fragment offset, where the transport header starts, the device names, and
 * {@link #hotdrop}, which a match sets when the packet is too malformed to judge (ip_tables.c).
 * The bytes are read in place, never copied.
 */
public final class XtPkt {
    public final NfPacket nf;
    final byte[] buf;
    /** Offset of the IP header in {@link #buf}. */
    final int ip;
    /** The datagram's length (tot_len): what rule counters add as bytes. */
    public final int len;
    public final int src;
    public final int dst;
    public final int proto;
    /** Fragment offset in 8-byte units (par->fragoff != 0: a non-first fragment). */
    public final int fragoff;
    /** Offset of the transport header in {@link #buf} (par->thoff). */
    final int thoff;
    /** Bytes from the transport header to the end of the datagram. */
    final int l4len;
    public final String in;
    public final String out;
    /** Set by a match that found the packet unreadable: the table drops it (par->hotdrop). */
    public boolean hotdrop;

    public XtPkt(NfPacket p) {
        this.nf = p;
        this.buf = p.skb.array();
        this.ip = p.skb.dataOffset();
        int have = p.skb.len();
        int ihl = (u8(buf, ip) & 0xf) * 4;
        int tot = u16(buf, ip + 2);
        this.len = Math.min(tot, have);
        this.src = i32(buf, ip + 12);
        this.dst = i32(buf, ip + 16);
        this.proto = u8(buf, ip + 9);
        this.fragoff = u16(buf, ip + 6) & 0x1fff;
        this.thoff = ip + ihl;
        this.l4len = Math.max(0, len - ihl);
        this.in = p.in == null ? "" : p.in.name();
        this.out = p.out == null ? "" : p.out.name();
    }

    /** The IP header's byte at {@code i}. */
    public int ipByte(int i) { return u8(buf, ip + i); }

    /** True when the transport header has at least {@code n} bytes (skb_header_pointer succeeds). */
    public boolean hasL4(int n) { return l4len >= n; }

    /** An unsigned 16-bit value at {@code i} bytes into the transport header. */
    public int l4u16(int i) { return u16(buf, thoff + i); }

    /** An unsigned byte at {@code i} bytes into the transport header. */
    public int l4u8(int i) { return u8(buf, thoff + i); }

    /** A 32-bit value at {@code i} bytes into the transport header. */
    public int l4i32(int i) { return i32(buf, thoff + i); }

    /** The packet's bytes (data at the IP header at {@link #ipOffset()}), for the LOG target. */
    public byte[] buffer() { return buf; }

    public int ipOffset() { return ip; }

    public int l4Offset() { return thoff; }

    static int u8(byte[] b, int i) { return b[i] & 0xff; }

    static int u16(byte[] b, int i) { return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff); }

    static int i32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }
}
