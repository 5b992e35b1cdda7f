package io.netemu.packet.offload;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.packet.wire.TcpPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * napi_gro_receive for IPv4/TCP over Ethernet (inet_gro_receive + tcp_gro_receive), over the frames
 * of one NAPI poll: consecutive in-order data segments of one flow are merged into one super-segment
 * (gso_size = the first segment's payload, gso_segs = how many), and everything is flushed at the end
 * of the poll (napi_complete_done's gro flush). A segment merges only if it continues the held one
 * exactly: next sequence number, same ACK, window, TOS, TTL, DF and option bytes (so timestamps must
 * be equal), IP ID the next one (or both fixed), no SYN/RST/URG/FIN/CWR, payload not above the
 * first's; a shorter segment or one with PSH is merged and closes the flow's super-segment, a pure
 * ACK is never merged and flushes it. Other frames (a GSO skb among them) pass untouched. The merged segment gets its IP
 * total length and header checksum, the flags of the first plus the last's PSH, and a full TCP
 * checksum (Linux marks it CHECKSUM_UNNECESSARY instead: netemu's receiver verifies every checksum).
 */
public final class TcpGro {
    private static final int ETH_HLEN = 14;
    private static final int HEADROOM = 64;
    private static final int MAX_IP_LEN = 65535;
    private static final int NO_MERGE_FLAGS = TcpPacket.SYN | TcpPacket.RST | TcpPacket.URG | TcpPacket.FIN | TcpPacket.CWR;

    private TcpGro() {}

    private record FlowKey(int src, int dst, int ports) {}

    /** One flow's held super-segment being built: its frames and what a next one must match. */
    private static final class Held {
        final List<SkBuff> frames = new ArrayList<>(8);
        int slot;
        int nextSeq;
        int mss;
        int payload;
        int ident;
        boolean fixedId;
        boolean closed;
    }

    /** The frames of one poll with each flow's in-order runs merged; the list itself when nothing merged. */
    public static List<SkBuff> receive(List<SkBuff> frames) {
        if (frames.size() < 2) {
            return frames;
        }
        List<Object> slots = new ArrayList<>(frames.size());
        Map<FlowKey, Held> held = new HashMap<>();
        boolean merged = false;
        for (SkBuff skb : frames) {
            if (!tcpCandidate(skb)) {
                slots.add(skb);
                continue;
            }
            byte[] b = skb.array();
            Ipv4Packet ip = Ipv4Packet.of(b, skb.dataOffset() + ETH_HLEN, skb.len() - ETH_HLEN);
            TcpPacket t = TcpPacket.of(b, ip.payloadOffset(), ip.payloadLen());
            FlowKey key = new FlowKey(ip.src(), ip.dst(), (t.srcPort() << 16) | t.dstPort());
            Held h = held.get(key);
            int len = t.payloadLen();
            if (h != null && !h.closed && len > 0 && continues(h, skb, ip, t)) {
                h.frames.add(skb);
                h.nextSeq += len;
                h.payload += len;
                merged = true;
                if (len < h.mss || t.psh()) {
                    h.closed = true;
                }
                continue;
            }
            if (h != null) {
                h.closed = true;
                held.remove(key);
            }
            if (len == 0 || (t.flags() & (TcpPacket.SYN | TcpPacket.RST | TcpPacket.URG | TcpPacket.FIN)) != 0) {
                slots.add(skb); // delivered as is
                continue;
            }
            Held n = new Held();
            n.frames.add(skb);
            n.slot = slots.size();
            n.nextSeq = t.seq() + len;
            n.mss = len;
            n.payload = len;
            n.ident = ip.ident();
            n.fixedId = ip.dontFrag() && ip.ident() == 0;
            n.closed = t.psh();
            held.put(key, n);
            slots.add(n);
        }
        if (!merged) {
            return frames;
        }
        List<SkBuff> out = new ArrayList<>(slots.size());
        for (Object o : slots) {
            out.add(o instanceof Held h ? build(h) : (SkBuff) o);
        }
        return out;
    }

    /** An unfragmented IPv4 TCP frame with no IP options and no padding (what inet_gro_receive takes). */
    private static boolean tcpCandidate(SkBuff skb) {
        // a GSO skb passes as it is: Linux's veth takes its peer's TSO skbs past NAPI and GRO
        // (veth_skb_is_eligible_for_gro), and merging one would make its gso_size its whole payload
        if (skb.meta().isGso() || skb.len() < ETH_HLEN + 40 || skb.getShort(12) != 0x0800) {
            return false;
        }
        Ipv4Packet ip = Ipv4Packet.of(skb.array(), skb.dataOffset() + ETH_HLEN, skb.len() - ETH_HLEN);
        if (ip.version() != 4 || ip.headerLen() != 20 || ip.protocol() != 6 || ip.isFragment()
                || ip.totalLen() != skb.len() - ETH_HLEN) {
            return false;
        }
        int thl = TcpPacket.of(skb.array(), ip.payloadOffset(), ip.payloadLen()).headerLen();
        return thl >= 20 && thl <= ip.payloadLen();
    }

    private static boolean continues(Held h, SkBuff skb, Ipv4Packet ip, TcpPacket t) {
        SkBuff first = h.frames.get(0);
        byte[] fb = first.array();
        Ipv4Packet fip = Ipv4Packet.of(fb, first.dataOffset() + ETH_HLEN, first.len() - ETH_HLEN);
        TcpPacket ft = TcpPacket.of(fb, fip.payloadOffset(), fip.payloadLen());
        int len = t.payloadLen();
        int count = h.frames.size();
        boolean idOk = h.fixedId ? ip.ident() == h.ident && ip.dontFrag()
                : ip.ident() == ((h.ident + count) & 0xffff);
        return t.seq() == h.nextSeq && t.ack() == ft.ack() && t.window() == ft.window()
                && (t.flags() & NO_MERGE_FLAGS) == 0 && ((t.flags() ^ ft.flags()) & ~(TcpPacket.PSH | TcpPacket.CWR)) == 0
                && len <= h.mss && ip.tos() == fip.tos() && ip.ttl() == fip.ttl() && ip.dontFrag() == fip.dontFrag()
                && idOk && t.headerLen() == ft.headerLen()
                && Arrays.equals(t.buffer(), t.optionsOffset(), t.payloadOffset(), fb, ft.optionsOffset(), ft.payloadOffset())
                && 20 + ft.headerLen() + h.payload + len <= MAX_IP_LEN;
    }

    private static SkBuff build(Held h) {
        SkBuff first = h.frames.get(0);
        if (h.frames.size() == 1) {
            return first;
        }
        byte[] fb = first.array();
        int thl = TcpPacket.of(fb, first.dataOffset() + ETH_HLEN + 20, first.len() - ETH_HLEN - 20).headerLen();
        int hdr = ETH_HLEN + 20 + thl;
        byte[] f = new byte[HEADROOM + hdr + h.payload];
        System.arraycopy(fb, first.dataOffset(), f, HEADROOM, hdr);
        int pos = HEADROOM + hdr;
        int lastFlags = 0;
        for (SkBuff s : h.frames) {
            int n = s.len() - hdr;
            System.arraycopy(s.array(), s.dataOffset() + hdr, f, pos, n);
            pos += n;
            lastFlags = s.getByte(ETH_HLEN + 20 + 13);
        }
        Ipv4Packet ip = Ipv4Packet.of(f, HEADROOM + ETH_HLEN, 20 + thl + h.payload);
        ip.setTotalLen(20 + thl + h.payload);
        ip.fillChecksum();
        TcpPacket t = TcpPacket.of(f, HEADROOM + ETH_HLEN + 20, thl + h.payload);
        t.setFlags(t.flags() | (lastFlags & TcpPacket.PSH));
        t.fillChecksum(ip.src(), ip.dst());
        return SkBuff.wrap(f, HEADROOM, hdr + h.payload).withMeta(first.meta().withGso(h.mss, h.frames.size()));
    }
}
