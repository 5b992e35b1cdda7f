package io.netemu.ebpf.xdp;

import io.netemu.ebpf.vm.AddressSpace;
import io.netemu.ebpf.vm.Trap;

/**
 * The format language of bpf_trace_printk, with the kernel's rules (bpf_bprintf_prepare): at most
 * three arguments; conversions %d %i %u %x %X with an optional l or ll (without one the argument
 * is taken as 32 bits), %c, %s, %%, %p with %px %pK %pI4 %pi4; flags from "0+- " and a width but
 * no precision; only printable or space characters. Anything else makes the helper fail with
 * -EINVAL and print nothing.
 */
final class TracePrintk {
    private TracePrintk() {}

    private static final int MAX_STRING = 512;

    /** The formatted text, or null when the kernel would refuse the format. */
    static String format(byte[] fmt, int from, int len, long[] args, AddressSpace mem) {
        StringBuilder out = new StringBuilder();
        int argc = 0;
        int end = from + len;
        for (int i = from; i < end; i++) {
            int ch = fmt[i] & 0xff;
            if (ch == 0) break;
            if (!(ch >= 0x20 && ch < 0x7f) && !(ch >= 9 && ch <= 13)) return null;
            if (ch != '%') { out.append((char) ch); continue; }
            if (++i >= end) return null;
            if (fmt[i] == '%') { out.append('%'); continue; }
            boolean left = false, zero = false, plus = false, space = false;
            for (;; i++) {
                if (i >= end) return null;
                char f = (char) fmt[i];
                if (f == '-') left = true;
                else if (f == '0') zero = true;
                else if (f == '+') plus = true;
                else if (f == ' ') space = true;
                else break;
            }
            int width = 0;
            while (i < end && fmt[i] >= '0' && fmt[i] <= '9') width = width * 10 + (fmt[i++] - '0');
            if (i >= end) return null;
            if (argc == args.length) return null;
            long arg = args[argc++];
            String text;
            char conv = (char) fmt[i];
            if (conv == 'c') {
                text = String.valueOf((char) (arg & 0xff));
            } else if (conv == 's') {
                text = string(mem, arg);
            } else if (conv == 'p') {
                char kind = i + 1 < end ? (char) fmt[i + 1] : 0;
                if (kind == 'x' || kind == 'K') { i++; text = hex16(arg); }
                else if (kind == 'I' || kind == 'i') {
                    if (i + 2 >= end || fmt[i + 2] != '4') return null; // IPv6 forms are not offered
                    i += 2;
                    text = ipv4(mem, arg, kind == 'i');
                } else if (Character.isLetterOrDigit(kind)) return null;
                else text = hex16(arg);
            } else {
                int longs = 0;
                while (i < end && fmt[i] == 'l' && longs < 2) { longs++; i++; }
                if (i >= end) return null;
                conv = (char) fmt[i];
                long v = longs > 0 ? arg : conv == 'd' || conv == 'i' ? (int) arg : arg & 0xffffffffL;
                switch (conv) {
                    case 'd', 'i' -> text = (v >= 0 ? (plus ? "+" : space ? " " : "") : "") + v;
                    case 'u' -> text = Long.toUnsignedString(v);
                    case 'x' -> text = Long.toHexString(v);
                    case 'X' -> text = Long.toHexString(v).toUpperCase();
                    default -> { return null; }
                }
            }
            pad(out, text, width, left, zero && !left && conv != 's' && conv != 'c');
        }
        return out.toString();
    }

    private static void pad(StringBuilder out, String text, int width, boolean left, boolean zeros) {
        int fill = width - text.length();
        if (fill <= 0) { out.append(text); return; }
        if (left) { out.append(text).repeat(' ', fill); return; }
        if (zeros) {
            int sign = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+' || text.charAt(0) == ' ') ? 1 : 0;
            out.append(text, 0, sign).repeat('0', fill).append(text, sign, text.length());
            return;
        }
        out.repeat(' ', fill).append(text);
    }

    private static String hex16(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()) + h;
    }

    /** A NUL-terminated string the program points at; "(efault)" where the kernel's copy would fault. */
    private static String string(AddressSpace mem, long p) {
        StringBuilder s = new StringBuilder();
        try {
            for (int n = 0; n < MAX_STRING; n++) {
                int i = mem.read(p + n, 1);
                byte b = mem.arrayOf(p + n)[i];
                if (b == 0) return s.toString();
                s.append((char) (b & 0xff));
            }
            return s.toString();
        } catch (Trap t) {
            return s.isEmpty() ? "(efault)" : s.toString();
        }
    }

    private static String ipv4(AddressSpace mem, long p, boolean padded) {
        try {
            int i = mem.read(p, 4);
            byte[] a = mem.arrayOf(p);
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < 4; k++) {
                if (k > 0) s.append('.');
                String part = Integer.toString(a[i + k] & 0xff);
                if (padded) s.repeat('0', 3 - part.length());
                s.append(part);
            }
            return s.toString();
        } catch (Trap t) {
            return "(efault)";
        }
    }
}
