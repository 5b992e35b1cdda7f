package io.netemu.packet;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * The socket buffer: a window {@code [data, tail)} over a byte array, as Linux's {@code struct sk_buff}.
 *
 * <pre>
 *   0 (head)        data                  tail             end (array length)
 *   |-- headroom --|======= frame =======|--- tailroom ---|
 * </pre>
 *
 * <p>Every operation returns a new {@code SkBuff}; the fields of one never change, so an
 * {@code SkBuff} is a valid actor message. The <em>bytes</em> belong to whoever holds the
 * buffer: a sender passes ownership with the message and never writes them again.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@link #clone()} shares the bytes (skb_clone): the result is marked {@link #cloned()},
 *       and a holder of a cloned buffer must call {@link #writable()} (skb_unshare) before
 *       writing.</li>
 *   <li>{@link #push(int)} exposes headroom bytes whose content is undefined until written.</li>
 * </ul>
 */
public final class SkBuff {
    private static final LongAdder COPIES = new LongAdder();

    private final byte[] buf;
    private final int data;
    private final int tail;
    private final boolean cloned;
    private final SkbMeta meta;

    private SkBuff(byte[] buf, int data, int tail, boolean cloned, SkbMeta meta) {
        this.buf = buf;
        this.data = data;
        this.tail = tail;
        this.cloned = cloned;
        this.meta = meta;
    }

    /** A buffer whose whole array is the frame (no headroom). The array is taken, not copied. */
    public static SkBuff wrap(byte[] frame) {
        return new SkBuff(frame, 0, frame.length, false, SkbMeta.NONE);
    }

    /** A buffer over {@code frame[off, off+len)}; bytes before {@code off} are headroom. */
    public static SkBuff wrap(byte[] frame, int off, int len) {
        if (off < 0 || len < 0 || off + len > frame.length) {
            throw new IndexOutOfBoundsException("wrap " + off + "+" + len + " of " + frame.length);
        }
        return new SkBuff(frame, off, off + len, false, SkbMeta.NONE);
    }

    /** An empty buffer of {@code headroom + capacity} bytes with {@code headroom} reserved (alloc_skb + skb_reserve). */
    public static SkBuff alloc(int headroom, int capacity) {
        return new SkBuff(new byte[headroom + capacity], headroom, headroom, false, SkbMeta.NONE);
    }

    public byte[] array() { return buf; }
    public int dataOffset() { return data; }
    public int tailOffset() { return tail; }
    public int len() { return tail - data; }
    public int headroom() { return data; }
    public int tailroom() { return buf.length - tail; }
    public boolean cloned() { return cloned; }
    public SkbMeta meta() { return meta; }

    public int getByte(int i) { return buf[data + i] & 0xff; }
    public int getShort(int i) { return ((buf[data + i] & 0xff) << 8) | (buf[data + i + 1] & 0xff); }

    /** Moves data back into the headroom: the caller writes a header there (skb_push). */
    public SkBuff push(int n) {
        if (n < 0 || n > data) {
            throw new IndexOutOfBoundsException("push " + n + " with headroom " + data);
        }
        return new SkBuff(buf, data - n, tail, cloned, meta);
    }

    /** Consumes {@code n} bytes from the front: a header has been read (skb_pull). */
    public SkBuff pull(int n) {
        if (n < 0 || n > len()) {
            throw new IndexOutOfBoundsException("pull " + n + " of " + len());
        }
        return new SkBuff(buf, data + n, tail, cloned, meta);
    }

    /** Extends the tail by {@code n} bytes of tailroom (skb_put). */
    public SkBuff put(int n) {
        if (n < 0 || n > tailroom()) {
            throw new IndexOutOfBoundsException("put " + n + " with tailroom " + tailroom());
        }
        return new SkBuff(buf, data, tail + n, cloned, meta);
    }

    /** Cuts the buffer to {@code length} bytes (skb_trim, pskb_trim_rcsum: e.g. Ethernet padding). */
    public SkBuff trim(int length) {
        if (length < 0 || length > len()) {
            throw new IndexOutOfBoundsException("trim to " + length + " of " + len());
        }
        return length == len() ? this : new SkBuff(buf, data, data + length, cloned, meta);
    }

    /** Only allowed on an empty buffer: makes {@code n} more bytes of headroom (skb_reserve). */
    public SkBuff reserve(int n) {
        if (len() != 0 || n > tailroom()) {
            throw new IllegalStateException("reserve " + n + " on a buffer of " + len() + " bytes");
        }
        return new SkBuff(buf, data + n, tail + n, cloned, meta);
    }

    /** A second buffer over the same bytes (skb_clone); both must be unshared before writing. */
    @Override
    public SkBuff clone() {
        return new SkBuff(buf, data, tail, true, meta);
    }

    /** An independent buffer with the same headroom, bytes and metadata (skb_copy). */
    public SkBuff copy() {
        COPIES.increment();
        return new SkBuff(Arrays.copyOf(buf, buf.length), data, tail, false, meta);
    }

    /** A copy with at least {@code headroom} bytes of headroom (skb_copy_expand). */
    public SkBuff copyExpand(int headroom) {
        COPIES.increment();
        int room = Math.max(headroom, data);
        byte[] b = new byte[room + len() + tailroom()];
        System.arraycopy(buf, data, b, room, len());
        return new SkBuff(b, room, room + len(), false, meta);
    }

    /** This buffer if its bytes are its holder's alone, else a private copy (skb_unshare). */
    public SkBuff writable() {
        return cloned ? copy() : this;
    }

    /** The frame bytes as a new array. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(buf, data, tail);
    }

    public SkBuff withMeta(SkbMeta m) {
        return m == meta ? this : new SkBuff(buf, data, tail, cloned, m);
    }

    /** How many times any buffer's bytes were copied in this JVM: the zero-copy tests read it. */
    public static long copies() {
        return COPIES.sum();
    }

    @Override
    public String toString() {
        return "SkBuff[len=" + len() + ", headroom=" + data + ", " + meta + (cloned ? ", cloned" : "") + "]";
    }
}
