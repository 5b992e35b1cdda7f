package io.netemu.packet.filter;

/**
 * pcap-filter's arithmetic ({@code proto[expr:size]}, {@code len}, numbers and the operators
 * {@code + - * / % & | ^ << >>}), evaluated as the BPF machine's unsigned 32-bit accumulator.
 */
abstract class Arith {
    abstract long eval(byte[] b, int off, int len);

    /** Where a load's offset counts from. */
    enum Base { ETHER, NETWORK, TRANSPORT }

    static final class Const extends Arith {
        private final long v;
        Const(long v) { this.v = v; }
        @Override long eval(byte[] b, int off, int len) { return v; }
    }

    static final class Len extends Arith {
        @Override long eval(byte[] b, int off, int len) { return len; }
    }

    static final class Load extends Arith {
        private final Base base;
        private final Arith index;
        private final int size;
        Load(Base base, Arith index, int size) { this.base = base; this.index = index; this.size = size; }
        @Override long eval(byte[] b, int off, int len) {
            int at = (int) index.eval(b, off, len) + switch (base) {
                case ETHER -> 0;
                case NETWORK -> Loads.ETH_HLEN;
                case TRANSPORT -> Loads.transport(b, off, len);
            };
            return switch (size) {
                case 1 -> Loads.u8(b, off, len, at);
                case 2 -> Loads.u16(b, off, len, at);
                default -> Loads.u32(b, off, len, at);
            };
        }
    }

    static final class BinOp extends Arith {
        private final char op;
        private final Arith l, r;
        BinOp(char op, Arith l, Arith r) { this.op = op; this.l = l; this.r = r; }
        @Override long eval(byte[] b, int off, int len) {
            long a = l.eval(b, off, len), c = r.eval(b, off, len);
            long v = switch (op) {
                case '+' -> a + c;
                case '-' -> a - c;
                case '*' -> a * c;
                case '/' -> c == 0 ? 0 : a / c;
                case '%' -> c == 0 ? 0 : a % c;
                case '&' -> a & c;
                case '|' -> a | c;
                case '^' -> a ^ c;
                case '<' -> a << (c & 31);
                default -> a >>> (c & 31);
            };
            return v & 0xffff_ffffL;
        }
    }
}
