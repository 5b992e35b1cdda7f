package io.netemu.stack.netfilter.iptables;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfStackOps;
import java.util.ArrayList;
import java.util.List;

/** Test packets built byte by byte (Ethernet header left in the headroom, as L2Rcv leaves it) and a recording NfStackOps. */
final class Pkts {
    private Pkts() {}

    static final long DST_MAC = 0x7ae4127da2c7L;
    static final long SRC_MAC = 0xaee40fc13fb2L;

    /** What targets asked of the stack. */
    static final class Ops implements NfStackOps {
        final List<String> calls = new ArrayList<>();
        final List<String> klog = new ArrayList<>();
        long now;
        int source = Ipv4Address.parse("203.0.113.1");

        @Override
        public void sendIcmpError(SkBuff offending, int type, int code) { calls.add("icmp " + type + "/" + code); }

        @Override
        public void sendTcpReset(SkBuff offending) { calls.add("rst"); }

        @Override
        public void klog(String line) { klog.add(line); }

        @Override
        public int selectSource(NetDev dev, int dst) { return source; }

        @Override
        public long now() { return now; }
    }

    /** An IPv4 datagram: header fields, then {@code l4} as its payload. */
    static SkBuff ip(String src, String dst, int proto, int id, int flagsFrag, int tos, byte[] l4) {
        byte[] f = new byte[14 + 20 + l4.length];
        put48(f, 0, DST_MAC);
        put48(f, 6, SRC_MAC);
        put16(f, 12, 0x0800);
        int o = 14;
        f[o] = 0x45;
        f[o + 1] = (byte) tos;
        put16(f, o + 2, 20 + l4.length);
        put16(f, o + 4, id);
        put16(f, o + 6, flagsFrag);
        f[o + 8] = 64;
        f[o + 9] = (byte) proto;
        put32(f, o + 12, Ipv4Address.parse(src));
        put32(f, o + 16, Ipv4Address.parse(dst));
        System.arraycopy(l4, 0, f, o + 20, l4.length);
        return SkBuff.wrap(f).pull(14);
    }

    static SkBuff echo(String src, String dst, int id, int ident, int seq) {
        byte[] icmp = new byte[64];
        icmp[0] = 8;
        put16(icmp, 4, ident);
        put16(icmp, 6, seq);
        return ip(src, dst, 1, id, 0x4000, 0, icmp);
    }

    static SkBuff tcp(String src, String dst, int sport, int dport, int flags, int window) {
        byte[] t = new byte[40];
        put16(t, 0, sport);
        put16(t, 2, dport);
        t[12] = (byte) 0xA0;
        t[13] = (byte) flags;
        put16(t, 14, window);
        return ip(src, dst, 6, 13280, 0x4000, 0, t);
    }

    static SkBuff udp(String src, String dst, int sport, int dport, int payload) {
        byte[] u = new byte[8 + payload];
        put16(u, 0, sport);
        put16(u, 2, dport);
        put16(u, 4, 8 + payload);
        return ip(src, dst, 17, 51442, 0x4000, 0, u);
    }

    static NfPacket at(NfHook hook, SkBuff skb, NetDev in, NetDev out, Ops ops) {
        return new NfPacket(skb, hook, in, out, ops);
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void put32(byte[] b, int i, int v) {
        put16(b, i, v >>> 16);
        put16(b, i + 2, v);
    }

    static void put48(byte[] b, int i, long v) {
        for (int k = 0; k < 6; k++) {
            b[i + k] = (byte) (v >>> (40 - 8 * k));
        }
    }
}
