package io.netemu.topologies.lab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable MAC addresses, so two runs of a lab agree: the first 6 bytes of SHA-256 of
 * {@code LAB/NODE/IFNAME} (UTF-8) with the first byte's two low bits set to {@code 10}
 * (locally administered, unicast). Values are 48-bit longs, first byte in bits 47..40, as
 * {@code io.netemu.packet.wire.MacAddress#value()}.
 */
public final class Macs {
    private Macs() {
    }

    public static long derive(String lab, String node, String iface) {
        byte[] h = sha256((lab + "/" + node + "/" + iface).getBytes(StandardCharsets.UTF_8));
        long mac = (h[0] & 0xFC) | 0x02;
        for (int i = 1; i < 6; i++) {
            mac = (mac << 8) | (h[i] & 0xFF);
        }
        return mac;
    }

    /** {@code "02:ab:cd:ef:01:23"}: lower-case hex, as {@code ip link} prints it. */
    public static String format(long mac) {
        StringBuilder s = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (shift != 40) {
                s.append(':');
            }
            int octet = (int) (mac >>> shift) & 0xFF;
            s.append(Character.forDigit(octet >> 4, 16)).append(Character.forDigit(octet & 0xF, 16));
        }
        return s.toString();
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
