package io.netemu.stack.tcp;

/**
 * A growable FIFO of bytes, addressed from its head: the send queue (bytes from snd_una to write_seq,
 * so a retransmission reads them again) and the receive queue (bytes from copied_seq to rcv_nxt).
 */
final class ByteRing {
    private byte[] buf = new byte[4096];
    private int head;
    private int size;

    int size() {
        return size;
    }

    void append(byte[] b, int off, int len) {
        ensure(size + len);
        int tail = (head + size) & (buf.length - 1);
        int first = Math.min(len, buf.length - tail);
        System.arraycopy(b, off, buf, tail, first);
        System.arraycopy(b, off + first, buf, 0, len - first);
        size += len;
    }

    /** Copies {@code len} bytes starting {@code from} bytes after the head into {@code dst}. */
    void copy(int from, byte[] dst, int dstOff, int len) {
        if (from < 0 || len < 0 || from + len > size) {
            throw new IndexOutOfBoundsException("bytes " + from + "+" + len + " of " + size);
        }
        int start = (head + from) & (buf.length - 1);
        int first = Math.min(len, buf.length - start);
        System.arraycopy(buf, start, dst, dstOff, first);
        System.arraycopy(buf, 0, dst, dstOff + first, len - first);
    }

    byte[] get(int from, int len) {
        byte[] out = new byte[len];
        copy(from, out, 0, len);
        return out;
    }

    void drop(int len) {
        if (len > size) {
            throw new IndexOutOfBoundsException("drop " + len + " of " + size);
        }
        head = (head + len) & (buf.length - 1);
        size -= len;
    }

    private void ensure(int need) {
        if (need <= buf.length) {
            return;
        }
        int cap = buf.length;
        while (cap < need) {
            cap <<= 1;
        }
        byte[] nb = new byte[cap];
        copy(0, nb, 0, size);
        buf = nb;
        head = 0;
    }
}
