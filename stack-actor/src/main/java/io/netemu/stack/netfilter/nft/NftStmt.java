package io.netemu.stack.netfilter.nft;

/**
 * One statement of a rule, in the order written: matches that can end the rule early, stateful
 * statements (counter, limit), actions (log, mark, NAT, reject) and verdicts. nftables keeps
 * these as expressions of struct nft_rule (nf_tables_core.c runs them in order).
 */
public sealed interface NftStmt permits NftMatch, NftStmt.Counter, NftStmt.Limit, NftStmt.Log, NftStmt.Reject,
        NftStmt.Nat, NftStmt.MetaSet, NftStmt.Verdict, NftVMap {

    /** {@code counter [packets N bytes M]} (nft_counter.c). */
    final class Counter implements NftStmt {
        public long packets;
        public long bytes;

        public Counter(long packets, long bytes) {
            this.packets = packets;
            this.bytes = bytes;
        }
    }

    /**
     * {@code limit rate [over] N[ bytes-unit]/UNIT [burst B packets|bytes-unit]}: a token bucket
     * (nft_limit.c) refilled in nanoseconds of the run's clock; {@code over} inverts it.
     */
    final class Limit implements NftStmt {
        public final long rate;
        public final long unitSeconds;
        public final long burst;
        public final boolean bytes;
        public final boolean over;
        private final long nsecs;
        private final long tokensMax;
        private long tokens;
        private long last = Long.MIN_VALUE;

        public Limit(long rate, long unitSeconds, long burst, boolean bytes, boolean over) {
            this.rate = rate;
            this.unitSeconds = unitSeconds;
            this.burst = burst;
            this.bytes = bytes;
            this.over = over;
            this.nsecs = unitSeconds * 1_000_000_000L;
            // a zero rate never reaches the data path (the kernel refuses it with EINVAL)
            long r = Math.max(rate, 1);
            this.tokensMax = bytes ? (long) ((double) nsecs * (r + burst) / r) : nsecs / r * (burst == 0 ? 5 : burst);
            this.tokens = tokensMax;
        }

        /** nft_limit_eval: true when the rule goes on (under the limit, or over it with {@code over}). */
        boolean pass(long now, int len) {
            if (last == Long.MIN_VALUE) {
                last = now;
            }
            long r = Math.max(rate, 1);
            long cost = bytes ? (long) ((double) nsecs * len / r) : nsecs / r;
            long t = Math.min(tokens + (now - last), tokensMax);
            last = now;
            long delta = t - cost;
            if (delta >= 0) {
                tokens = delta;
                return !over;
            }
            tokens = t;
            return over;
        }
    }

    /** {@code log [prefix "x"] [level L]} (nft_log.c); the level is null for the default, warn. */
    record Log(String prefix, String level) implements NftStmt {}

    /** {@code reject ...} (nft_reject_inet.c). */
    record Reject(Kind kind, int code) implements NftStmt {
        /** ICMPV6 never runs here: nft makes such rules match IPv6 only (meta nfproto ipv6). */
        public enum Kind { ICMP, ICMPX, TCP_RESET, ICMPV6 }

        /** The ICMP type 3 code this reject sends for IPv4 (icmpx codes mapped as nft_reject_icmp_code does). */
        public int icmpCode() {
            if (kind == Kind.ICMPX) {
                return switch (code) {
                    case 0 -> 0;   // no-route: net-unreachable
                    case 2 -> 1;   // host-unreachable
                    case 3 -> 13;  // admin-prohibited
                    default -> 3;  // port-unreachable
                };
            }
            return code;
        }
    }

    /**
     * {@code snat|dnat [ip] to ADDR[-ADDR][:PORT[-PORT]]}, {@code masquerade [to :PORT]},
     * {@code redirect [to :PORT]} (nft_nat.c, nft_masq.c, nft_redir.c). Absent addresses and
     * ports are 0; {@code ip} records that an inet table's rule named the family.
     */
    record Nat(Kind kind, boolean ip, long addrMin, long addrMax, int portMin, int portMax,
               boolean random, boolean fullyRandom, boolean persistent) implements NftStmt {
        public enum Kind { SNAT, DNAT, MASQUERADE, REDIRECT }

        public boolean source() { return kind == Kind.SNAT || kind == Kind.MASQUERADE; }
    }

    /** {@code meta mark set V} (nft_meta.c, NFT_META_MARK). */
    record MetaSet(NftKey key, long value) implements NftStmt {}

    /** accept, drop, continue, return, jump and goto (nft_immediate.c, NFT_JUMP/NFT_GOTO). */
    record Verdict(Kind kind, NftChain target) implements NftStmt {
        public enum Kind { ACCEPT, DROP, CONTINUE, RETURN, JUMP, GOTO }

        public boolean terminal() { return kind != Kind.CONTINUE; }
    }
}
