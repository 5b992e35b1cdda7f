package io.netemu.packet.wire;

/** IPv4 addresses (RFC 791 §3.1, classes per RFC 1122 §3.2.1.3 and RFC 5771) as a Java int in network order: 10.0.0.1 == 0x0A000001. */
public final class Ipv4Address {
    public static final int ANY = 0;
    public static final int BROADCAST = 0xffff_ffff;

    private Ipv4Address() {}

    /** Parses a strict dotted quad: four decimal octets 0..255, no sign, space or leading zero. */
    public static int parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 15) {
            throw bad(text);
        }
        int addr = 0;
        int octets = 0;
        int i = 0;
        int n = text.length();
        while (true) {
            int start = i;
            int v = 0;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                v = v * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || v > 255 || (digits > 1 && text.charAt(start) == '0')) {
                throw bad(text);
            }
            addr = (addr << 8) | v;
            octets++;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != '.' || octets == 4) {
                throw bad(text);
            }
            i++;
        }
        if (octets != 4) {
            throw bad(text);
        }
        return addr;
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("not an IPv4 address (want a.b.c.d): \"" + text + "\"");
    }

    public static String format(int addr) {
        return (addr >>> 24) + "." + ((addr >>> 16) & 0xff) + "." + ((addr >>> 8) & 0xff) + "." + (addr & 0xff);
    }

    public static int read(byte[] b, int off) {
        return Bytes.i32(b, off);
    }

    public static void write(byte[] b, int off, int addr) {
        Bytes.put32(b, off, addr);
    }

    /** 224.0.0.0/4 (RFC 5771). */
    public static boolean isMulticast(int addr) {
        return (addr & 0xf000_0000) == 0xe000_0000;
    }

    /** 127.0.0.0/8 (RFC 1122 §3.2.1.3 (g)). */
    public static boolean isLoopback(int addr) {
        return (addr >>> 24) == 127;
    }

    /** The limited broadcast 255.255.255.255 only (RFC 919); subnet broadcasts need the prefix. */
    public static boolean isBroadcast(int addr) {
        return addr == BROADCAST;
    }

    /** 0.0.0.0. */
    public static boolean isUnspecified(int addr) {
        return addr == ANY;
    }

    /** 169.254.0.0/16 (RFC 3927). */
    public static boolean isLinkLocal(int addr) {
        return (addr >>> 16) == 0xa9fe;
    }

    /** The netmask of a prefix length 0..32 (inet_make_mask): 24 gives 0xFFFFFF00. */
    public static int mask(int prefixLen) {
        if (prefixLen < 0 || prefixLen > 32) {
            throw new IllegalArgumentException("IPv4 prefix length out of 0..32: " + prefixLen);
        }
        return prefixLen == 0 ? 0 : -1 << (32 - prefixLen);
    }
}
