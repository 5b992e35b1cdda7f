package io.netemu.packet.wire;

/** A 48-bit IEEE 802 MAC address (IEEE 802-2014 §8.2: I/G bit = group, U/L bit = local), held in the low bits of a long. */
public record MacAddress(long value) {
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);
    public static final MacAddress ZERO = new MacAddress(0L);

    private static final long GROUP_BIT = 1L << 40;
    private static final long LOCAL_BIT = 1L << 41;

    public MacAddress {
        if ((value & ~0xffff_ffff_ffffL) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits: 0x" + Long.toHexString(value));
        }
    }

    /** Parses {@code "02:00:00:00:00:0a"}: six two-digit hex groups separated by colons, either case. */
    public static MacAddress parse(String text) {
        if (text == null || text.length() != 17) {
            throw bad(text);
        }
        long v = 0;
        for (int i = 0; i < 6; i++) {
            int p = i * 3;
            if (i > 0 && text.charAt(p - 1) != ':') {
                throw bad(text);
            }
            int hi = Character.digit(text.charAt(p), 16);
            int lo = Character.digit(text.charAt(p + 1), 16);
            if (hi < 0 || lo < 0) {
                throw bad(text);
            }
            v = (v << 8) | (hi << 4) | lo;
        }
        return new MacAddress(v);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("not a MAC address (want xx:xx:xx:xx:xx:xx): \"" + text + "\"");
    }

    /** Reads six bytes at {@code off}. */
    public static MacAddress read(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return new MacAddress(v);
    }

    /** Writes six bytes at {@code off}. */
    public void write(byte[] b, int off) {
        for (int i = 5; i >= 0; i--) {
            b[off + 5 - i] = (byte) (value >>> (8 * i));
        }
    }

    public boolean isBroadcast() {
        return value == BROADCAST.value;
    }

    /** The I/G (group) bit, set for multicast and broadcast. */
    public boolean isMulticast() {
        return (value & GROUP_BIT) != 0;
    }

    public boolean isUnicast() {
        return !isMulticast();
    }

    /** The U/L bit: locally administered (like {@code 02:00:...}). */
    public boolean isLocal() {
        return (value & LOCAL_BIT) != 0;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int octet = (int) (value >>> (8 * i)) & 0xff;
            s.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
            if (i > 0) {
                s.append(':');
            }
        }
        return s.toString();
    }
}
