package io.netemu.stack.netfilter.nft;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Address;

/** IPv4 packets for nft tests, data at the IP header with an Ethernet header in the headroom. */
final class NftPkts {
    private NftPkts() {}

    static SkBuff ip(String src, String dst, int proto, byte[] l4, int ttl, int fragOff) {
        byte[] b = new byte[14 + 20 + l4.length];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (0x02 + i);
            b[6 + i] = (byte) (0x12 + i);
        }
        b[12] = 0x08;
        int o = 14;
        b[o] = 0x45;
        int len = 20 + l4.length;
        b[o + 2] = (byte) (len >> 8);
        b[o + 3] = (byte) len;
        b[o + 4] = 0x12;
        b[o + 5] = 0x34;
        b[o + 6] = (byte) (0x40 | (fragOff >> 11));
        b[o + 7] = (byte) (fragOff >> 3);
        b[o + 8] = (byte) ttl;
        b[o + 9] = (byte) proto;
        Ipv4Address.write(b, o + 12, Ipv4Address.parse(src));
        Ipv4Address.write(b, o + 16, Ipv4Address.parse(dst));
        System.arraycopy(l4, 0, b, o + 20, l4.length);
        return SkBuff.wrap(b).pull(14);
    }

    static SkBuff icmpEcho(String src, String dst) {
        byte[] l4 = new byte[64];
        l4[0] = 8;
        l4[5] = 7;
        l4[7] = 1;
        return ip(src, dst, 1, l4, 64, 0);
    }

    static SkBuff tcp(String src, String dst, int sport, int dport, int flags) {
        byte[] l4 = new byte[20];
        l4[0] = (byte) (sport >> 8);
        l4[1] = (byte) sport;
        l4[2] = (byte) (dport >> 8);
        l4[3] = (byte) dport;
        l4[12] = 0x50;
        l4[13] = (byte) flags;
        l4[14] = (byte) 0xfa;
        return ip(src, dst, 6, l4, 64, 0);
    }

    static SkBuff udp(String src, String dst, int sport, int dport) {
        byte[] l4 = new byte[8 + 4];
        l4[0] = (byte) (sport >> 8);
        l4[1] = (byte) sport;
        l4[2] = (byte) (dport >> 8);
        l4[3] = (byte) dport;
        l4[5] = 12;
        return ip(src, dst, 17, l4, 64, 0);
    }
}
