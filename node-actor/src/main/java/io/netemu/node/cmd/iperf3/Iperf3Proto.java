package io.netemu.node.cmd.iperf3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * iperf3's control protocol (iperf_api.h, 3.12): the client's 37-byte cookie (36 base32 characters
 * and a NUL) opens the control connection and every data stream; the server then drives the test
 * with one signed state byte at a time; parameters and results travel as a 4-byte big-endian length
 * and unformatted JSON. {@link Reader} buffers what the control socket delivers, which may split
 * or join these units anywhere.
 */
final class Iperf3Proto {
    static final byte TEST_START = 1;
    static final byte TEST_RUNNING = 2;
    static final byte TEST_END = 4;
    static final byte PARAM_EXCHANGE = 9;
    static final byte CREATE_STREAMS = 10;
    static final byte SERVER_TERMINATE = 11;
    static final byte CLIENT_TERMINATE = 12;
    static final byte EXCHANGE_RESULTS = 13;
    static final byte DISPLAY_RESULTS = 14;
    static final byte IPERF_DONE = 16;
    static final byte ACCESS_DENIED = -1;
    static final byte SERVER_ERROR = -2;

    static final int COOKIE_SIZE = 37;
    /** UDP: the client's first datagram on a stream, and the server's answer. */
    static final int UDP_CONNECT_MSG = 0x36373839;
    static final int UDP_CONNECT_REPLY = 0x39383736;
    static final String VERSION = "3.12";

    private Iperf3Proto() {}

    /** make_cookie: 36 random characters of iperf3's alphabet, then the NUL. */
    static byte[] cookie(Random rnd) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        byte[] c = new byte[COOKIE_SIZE];
        for (int i = 0; i < COOKIE_SIZE - 1; i++) {
            c[i] = (byte) alphabet.charAt(rnd.nextInt(alphabet.length()));
        }
        return c;
    }

    static String cookieText(byte[] c) {
        return new String(c, 0, COOKIE_SIZE - 1, StandardCharsets.US_ASCII);
    }

    /** JSON_write: the length, then the text. */
    static byte[] json(Object v) {
        byte[] body = CJson.compact(v).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream o = new ByteArrayOutputStream(body.length + 4);
        int n = body.length;
        o.write(n >>> 24);
        o.write(n >>> 16);
        o.write(n >>> 8);
        o.write(n);
        o.writeBytes(body);
        return o.toByteArray();
    }

    /** What a control (or cookie-reading) socket has delivered and not yet been consumed. */
    static final class Reader {
        private byte[] buf = new byte[0];

        void add(byte[] d) {
            byte[] n = new byte[buf.length + d.length];
            System.arraycopy(buf, 0, n, 0, buf.length);
            System.arraycopy(d, 0, n, buf.length, d.length);
            buf = n;
        }

        int available() {
            return buf.length;
        }

        /** The next n bytes, or null when fewer are here. */
        byte[] take(int n) {
            if (buf.length < n) {
                return null;
            }
            byte[] r = java.util.Arrays.copyOf(buf, n);
            buf = java.util.Arrays.copyOfRange(buf, n, buf.length);
            return r;
        }

        /** A whole length-prefixed JSON text, or null while it is incomplete. */
        Object json() {
            if (buf.length < 4) {
                return null;
            }
            int n = ((buf[0] & 0xff) << 24) | ((buf[1] & 0xff) << 16) | ((buf[2] & 0xff) << 8) | (buf[3] & 0xff);
            if (buf.length < 4 + n) {
                return null;
            }
            take(4);
            return CJson.parse(new String(take(n), StandardCharsets.UTF_8));
        }
    }
}
