package io.netemu.stack.netfilter.nft;

/**
 * A relational expression ({@code ip saddr != 10.0.0.0/8}, {@code tcp dport { 22, 80 }}): a key,
 * an operator and a right-hand side, as nft's evaluate.c leaves it before linearizing it into
 * cmp, range, bitwise and lookup expressions (nft_cmp.c, nft_range.c, nft_lookup.c).
 */
public record NftMatch(NftKey key, Op op, Rhs rhs) implements NftStmt {

    /** Relational operators (enum ops); IMPLICIT is "no operator written". */
    public enum Op {
        IMPLICIT(""), EQ("=="), NEQ("!="), LT("<"), GT(">"), LTE("<="), GTE(">=");

        private final String text;

        Op(String text) { this.text = text; }

        public String text() { return text; }
    }

    /** The right-hand side of a match. */
    public sealed interface Rhs permits Value, Str, Text, Range, Prefix, SetRef, Masked {}

    /** A constant; on bitmask types with no operator, any of its bits (flag match). */
    public record Value(long v) implements Rhs {}

    /** An interface name; a trailing {@code *} matches any name with that prefix. */
    public record Str(String s) implements Rhs {
        public boolean wildcard() { return s.endsWith("*") && !s.endsWith("\\*"); }
    }

    /** An IPv6 value, prefix or range in canonical text: listed as written, never matched. */
    public record Text(String text) implements Rhs {}

    /** {@code lo-hi}, both included. */
    public record Range(long lo, long hi) implements Rhs {}

    /** {@code addr/len}, addr already masked. */
    public record Prefix(long addr, int len) implements Rhs {
        public long mask(int width) {
            return len == 0 ? 0 : (NftType.max(width) >>> (width - len)) << (width - len);
        }
    }

    /** A set lookup, named ({@code @s}) or anonymous ({@code { a, b }}). */
    public record SetRef(NftSet set) implements Rhs {}

    /** {@code key & mask == value}, printed {@code value / mask}. */
    public record Masked(long value, long mask) implements Rhs {}

    /** Evaluates the match on one packet (a load that finds nothing fails every match). */
    boolean eval(NftPktInfo pi) {
        if (key.ipv6()) {
            return false; // no IPv6 header in an IPv4 packet: the load fails (NFT_BREAK)
        }
        if (key.type().isString()) {
            String s = key.loadString(pi);
            if (s == null) {
                return false;
            }
            boolean hit = switch (rhs) {
                case Str str -> str.wildcard() ? s.startsWith(str.s().substring(0, str.s().length() - 1)) : s.equals(str.s());
                case SetRef r -> r.set().containsString(s);
                default -> false;
            };
            return op == Op.NEQ ? !hit : hit;
        }
        long v = key.load(pi);
        if (v == NftPktInfo.NONE) {
            return false;
        }
        return switch (rhs) {
            case Value c -> compare(v, c.v());
            case Range r -> (v >= r.lo() && v <= r.hi()) != (op == Op.NEQ);
            case Prefix p -> ((v & p.mask(key.width())) == p.addr()) != (op == Op.NEQ);
            case SetRef r -> r.set().contains(v) != (op == Op.NEQ);
            case Masked m -> ((v & m.mask()) == m.value()) != (op == Op.NEQ);
            case Str s -> false;
            case Text t -> false;
        };
    }

    private boolean compare(long v, long c) {
        if (key.type().isBitmask() && (op == Op.IMPLICIT || op == Op.NEQ)) {
            return ((v & c) != 0) == (op == Op.IMPLICIT);
        }
        return switch (op) {
            case IMPLICIT, EQ -> v == c;
            case NEQ -> v != c;
            case LT -> v < c;
            case GT -> v > c;
            case LTE -> v <= c;
            case GTE -> v >= c;
        };
    }
}
