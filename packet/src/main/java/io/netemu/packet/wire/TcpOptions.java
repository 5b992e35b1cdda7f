package io.netemu.packet.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The TCP options netemu knows (RFC 9293 §3.2 MSS, RFC 7323 window scale and timestamps, RFC 2018
 * SACK-permitted and SACK), parsed leniently as Linux's {@code tcp_parse_options} does and written
 * in Linux's order and padding ({@code tcp_options_write}).
 *
 * <pre>
 * SYN:   | MSS 4 | SACK_PERM 2 | TS 10 | NOP | WS 3 |          (MSS, SACK_PERM+TS, NOP+WS: 20 bytes)
 * data:  | NOP | NOP | TS 10 | [NOP | NOP | SACK 2+8n] |
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * A malformed option (length below 2, or running past the header) ends parsing, keeping what was
 * parsed before it, and an option of a known kind with the wrong length is skipped: the segment is
 * not dropped (Linux's result). {@link #malformed()} says so, for a counter.
 *
 * @param mss            the MSS option, or -1
 * @param windowScale    the shift of the window scale option, or -1 (values above 14 are kept; users clamp)
 * @param sackPermitted  SACK-permitted is present
 * @param timestamp      the timestamps option is present
 * @param tsVal          TSval when {@link #timestamp}
 * @param tsEcr          TSecr when {@link #timestamp}
 * @param sack           SACK blocks, most recent first (at most 4 parsed; 3 fit beside timestamps)
 * @param malformed      parsing stopped or skipped an option at a bad length
 */
public record TcpOptions(int mss, int windowScale, boolean sackPermitted, boolean timestamp, int tsVal, int tsEcr,
                         List<TcpSackBlock> sack, boolean malformed) {
    public static final int KIND_EOL = 0;
    public static final int KIND_NOP = 1;
    public static final int KIND_MSS = 2;
    public static final int KIND_WS = 3;
    public static final int KIND_SACK_PERM = 4;
    public static final int KIND_SACK = 5;
    public static final int KIND_TS = 8;
    /** Bytes the aligned timestamps option takes (NOP NOP TS), what Linux subtracts from the MSS. */
    public static final int TS_ALIGNED_LEN = 12;
    public static final int MAX_LEN = 40;

    public static final TcpOptions NONE = new TcpOptions(-1, -1, false, false, 0, 0, List.of(), false);

    public TcpOptions {
        sack = List.copyOf(sack);
    }

    /** Timestamps only, the options of every segment after the handshake when they were negotiated. */
    public static TcpOptions timestamps(int tsVal, int tsEcr) {
        return new TcpOptions(-1, -1, false, true, tsVal, tsEcr, List.of(), false);
    }

    public TcpOptions withSack(List<TcpSackBlock> blocks) {
        return new TcpOptions(mss, windowScale, sackPermitted, timestamp, tsVal, tsEcr, blocks, malformed);
    }

    /** Parses the options of a header whose lengths {@link TcpPacket#checkLen} accepted; never throws. */
    public static TcpOptions parse(TcpPacket p) {
        return parse(p.buffer(), p.optionsOffset(), p.optionsLen());
    }

    /** Parses {@code len} bytes of options, as tcp_parse_options. */
    public static TcpOptions parse(byte[] b, int off, int len) {
        if (len == 0) {
            return NONE;
        }
        int mss = -1;
        int ws = -1;
        boolean sackPerm = false;
        boolean ts = false;
        int tsVal = 0;
        int tsEcr = 0;
        List<TcpSackBlock> sack = List.of();
        boolean malformed = false;
        int i = off;
        int end = off + len;
        while (i < end) {
            int kind = b[i] & 0xff;
            if (kind == KIND_EOL) {
                break;
            }
            if (kind == KIND_NOP) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                malformed = true;
                break;
            }
            int size = b[i + 1] & 0xff;
            if (size < 2 || size > end - i) {
                malformed = true; // "silly options" or a partial option: stop, as Linux does
                break;
            }
            switch (kind) {
                case KIND_MSS -> {
                    if (size == 4) mss = Bytes.u16(b, i + 2); else malformed = true;
                }
                case KIND_WS -> {
                    if (size == 3) ws = b[i + 2] & 0xff; else malformed = true;
                }
                case KIND_SACK_PERM -> {
                    if (size == 2) sackPerm = true; else malformed = true;
                }
                case KIND_TS -> {
                    if (size == 10) {
                        ts = true;
                        tsVal = Bytes.i32(b, i + 2);
                        tsEcr = Bytes.i32(b, i + 6);
                    } else {
                        malformed = true;
                    }
                }
                case KIND_SACK -> {
                    if (size >= 10 && (size - 2) % 8 == 0) {
                        List<TcpSackBlock> blocks = new ArrayList<>((size - 2) / 8);
                        for (int j = i + 2; j + 8 <= i + size; j += 8) {
                            blocks.add(new TcpSackBlock(Bytes.i32(b, j), Bytes.i32(b, j + 4)));
                        }
                        sack = blocks;
                    } else {
                        malformed = true;
                    }
                }
                default -> { } // unknown kinds are skipped by their length
            }
            i += size;
        }
        return new TcpOptions(mss, ws, sackPerm, ts, tsVal, tsEcr, sack, malformed);
    }

    /** Bytes {@link #emit} writes, a multiple of 4. */
    public int bufferLen() {
        int n = 0;
        if (mss >= 0) n += 4;
        if (timestamp) n += 12; // SACK_PERM+TS or NOP NOP TS
        else if (sackPermitted) n += 4; // NOP NOP SACK_PERM
        if (windowScale >= 0) n += 4;
        if (!sack.isEmpty()) n += 4 + 8 * sack.size();
        return n;
    }

    /** Writes the options in Linux's order (tcp_options_write); returns the bytes written. */
    public int emit(byte[] b, int off) {
        int i = off;
        if (mss >= 0) {
            b[i] = KIND_MSS;
            b[i + 1] = 4;
            Bytes.put16(b, i + 2, mss);
            i += 4;
        }
        if (timestamp) {
            if (sackPermitted) { // SACK_PERM takes the two bytes the NOPs would
                b[i] = KIND_SACK_PERM;
                b[i + 1] = 2;
            } else {
                b[i] = KIND_NOP;
                b[i + 1] = KIND_NOP;
            }
            b[i + 2] = KIND_TS;
            b[i + 3] = 10;
            Bytes.put32(b, i + 4, tsVal);
            Bytes.put32(b, i + 8, tsEcr);
            i += 12;
        } else if (sackPermitted) {
            b[i] = KIND_NOP;
            b[i + 1] = KIND_NOP;
            b[i + 2] = KIND_SACK_PERM;
            b[i + 3] = 2;
            i += 4;
        }
        if (windowScale >= 0) {
            b[i] = KIND_NOP;
            b[i + 1] = KIND_WS;
            b[i + 2] = 3;
            b[i + 3] = (byte) windowScale;
            i += 4;
        }
        if (!sack.isEmpty()) {
            b[i] = KIND_NOP;
            b[i + 1] = KIND_NOP;
            b[i + 2] = KIND_SACK;
            b[i + 3] = (byte) (2 + 8 * sack.size());
            i += 4;
            for (TcpSackBlock s : sack) {
                Bytes.put32(b, i, s.start());
                Bytes.put32(b, i + 4, s.end());
                i += 8;
            }
        }
        return i - off;
    }
}
