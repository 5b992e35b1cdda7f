package io.netemu.stack.tcp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/** A bulk sender and receiver for {@link SimNet}: seeded pseudo-random bytes, SHA-256 on both sides. */
final class Bulk {
    private Bulk() {}

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code total} bytes as fast as the send buffer takes them, then closes (or keeps going forever if total < 0). */
    static final class Sender {
        final long total;
        final MessageDigest digest = sha256();
        final SplittableRandom rnd;
        final byte[] chunk = new byte[65536];
        int chunkOff = chunk.length;
        long written;
        boolean closeWhenDone = true;
        TcpConnection conn;

        Sender(long total, long seed) {
            this.total = total;
            this.rnd = new SplittableRandom(seed);
        }

        void pump(TcpConnection c, long now) {
            conn = c;
            while (total < 0 || written < total) {
                if (chunkOff == chunk.length) {
                    rnd.nextBytes(chunk);
                    chunkOff = 0;
                }
                int want = (int) Math.min(chunk.length - chunkOff, total < 0 ? Long.MAX_VALUE : total - written);
                int n = c.write(chunk, chunkOff, want, now);
                if (n == 0) {
                    return;
                }
                digest.update(chunk, chunkOff, n);
                chunkOff += n;
                written += n;
            }
            if (closeWhenDone && c.state() == TcpState.ESTABLISHED) {
                c.close(now);
            }
        }
    }

    /** Reads everything as it arrives; optionally closes after the peer's FIN. */
    static final class Receiver {
        final MessageDigest digest = sha256();
        long received;
        boolean eof;
        long eofAt = -1;
        boolean reading = true;

        void drain(TcpConnection c, long now) {
            if (!reading) {
                return;
            }
            while (true) {
                byte[] b = c.read(1 << 20, now);
                if (b.length == 0) {
                    break;
                }
                digest.update(b);
                received += b.length;
            }
            if (c.eof() && !eof) {
                eof = true;
                eofAt = now;
                c.close(now);
            }
        }
    }
}
