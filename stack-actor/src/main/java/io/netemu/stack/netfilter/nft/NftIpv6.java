package io.netemu.stack.netfilter.nft;

import java.math.BigInteger;

/**
 * IPv6 addresses as nft reads and prints them (inet_pton, inet_ntop with RFC 5952's zero
 * compression). IPv6 is not emulated: rules on IPv6 fields load, list and never match, so
 * rulesets written for dual-stack hosts work unchanged.
 */
public final class NftIpv6 {
    private NftIpv6() {}

    /** The 16 bytes of a textual address, or null. */
    public static byte[] parse(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        int n = h.length + t.length;
        if ((dbl < 0 && n != 8) || (dbl >= 0 && n > 7)) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = (byte) (h[i] >> 8);
            out[2 * i + 1] = (byte) h[i];
        }
        for (int i = 0; i < t.length; i++) {
            int g = 8 - t.length + i;
            out[2 * g] = (byte) (t[i] >> 8);
            out[2 * g + 1] = (byte) t[i];
        }
        return out;
    }

    /** Hex groups separated by ':', the last one possibly a dotted quad (two groups). */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int extra = parts[parts.length - 1].contains(".") ? 1 : 0;
        int[] out = new int[parts.length + extra];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && extra == 1) {
                long v4 = NftType.inetAton(p);
                if (v4 < 0 || p.split("\\.").length != 4) {
                    return null;
                }
                out[i] = (int) (v4 >>> 16);
                out[i + 1] = (int) (v4 & 0xffff);
                break;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            out[i] = Integer.parseInt(p, 16);
        }
        return out;
    }

    /** inet_ntop6 (glibc): lowercase hex, the first longest run of two or more zero groups as "::", embedded IPv4 dotted. */
    public static String format(byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int best = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            best = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (best >= 0 && i >= best && i < best + bestLen) {
                if (i == best) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && best == 0 && (bestLen == 6 || (bestLen == 7 && w[7] != 1) || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.').append(a[14] & 0xff).append('.')
                        .append(a[15] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (best >= 0 && best + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    /** The address with all but the first {@code len} bits cleared. */
    public static byte[] mask(byte[] a, int len) {
        byte[] out = a.clone();
        for (int bit = len; bit < 128; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }

    /** For ordering set elements as nft lists them: by address. */
    public static BigInteger value(String text) {
        int cut = text.indexOf('/');
        int dash = text.indexOf('-');
        String addr = text.substring(0, cut >= 0 ? cut : dash >= 0 ? dash : text.length());
        byte[] a = parse(addr);
        return a == null ? BigInteger.ZERO : new BigInteger(1, a);
    }
}
