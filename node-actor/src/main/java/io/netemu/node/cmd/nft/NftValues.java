package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftToken.Kind;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.nft.NftKey;
import io.netemu.stack.netfilter.nft.NftMatch;
import io.netemu.stack.netfilter.nft.NftType;
import java.util.Set;

/**
 * Turns symbols into values of a datatype, as nft's evaluation does (symbol_parse, range and
 * prefix checks in evaluate.c), with nft's messages at the symbol's location.
 */
final class NftValues {
    /** Keywords that stand for values on a right-hand side (protocol names the scanner reserves). */
    static final Set<String> VALUE_KEYWORDS = Set.of("tcp", "udp", "udplite", "icmp", "icmpv6", "igmp", "esp", "ah",
            "comp", "dccp", "sctp", "ip", "ip6", "mark", "ecn", "all", "snat", "dnat");

    private NftValues() {}

    static boolean isValueToken(NftToken t) {
        return t.is(Kind.STRING) || t.is(Kind.NUM) || t.is(Kind.QSTRING) || t.is(Kind.ASTRING)
                || (t.is(Kind.KEYWORD) && VALUE_KEYWORDS.contains(t.text()));
    }

    /** One value of {@code type} (a field of {@code width} bits). */
    static long value(NftType type, int width, NftToken t, NetNs ns) throws NftError {
        if (type == NftType.IFACE_INDEX) {
            NetDev d = ns == null ? null : ns.devs().byName(t.text());
            if (d == null) {
                Long n = NftType.number(t.text());
                if (n != null) {
                    return n;
                }
                throw new NftError("Interface does not exist", t.loc());
            }
            return d.ifindex();
        }
        try {
            return type.parse(t.text(), width);
        } catch (NftType.BadValue e) {
            throw new NftError(e.getMessage(), t.loc());
        }
    }

    /** A single element as a closed range {@code [lo, hi]} (prefixes and ranges widened). */
    static long[] range(NftType type, int width, NftAst.Elem e, NetNs ns) throws NftError {
        long lo = value(type, width, e.lo(), ns);
        if (e.hi() != null) {
            long hi = value(type, width, e.hi(), ns);
            if (hi < lo) {
                throw new NftError("Range has zero or negative size", e.loc());
            }
            return new long[] {lo, hi};
        }
        if (e.prefixLen() != null) {
            int len = prefixLen(width, e);
            long mask = len == 0 ? 0 : (NftType.max(width) >>> (width - len)) << (width - len);
            return new long[] {lo & mask, (lo & mask) | (~mask & NftType.max(width))};
        }
        return new long[] {lo, lo};
    }

    /** An IPv6 element as nft lists it: the address, {@code addr/len} masked ({@code /128} is the address), or {@code lo-hi}. */
    static String ipv6(NftAst.Elem e) throws NftError {
        try {
            String lo = NftType.ipv6(e.lo().text());
            if (e.hi() != null) {
                return lo + "-" + NftType.ipv6(e.hi().text());
            }
            if (e.prefixLen() != null) {
                int len = prefixLen(128, e);
                return len == 128 ? lo
                        : io.netemu.stack.netfilter.nft.NftIpv6.format(
                                io.netemu.stack.netfilter.nft.NftIpv6.mask(
                                        io.netemu.stack.netfilter.nft.NftIpv6.parse(lo), len)) + "/" + len;
            }
            return lo;
        } catch (NftType.BadValue b) {
            throw new NftError(b.getMessage(), e.lo().loc());
        }
    }

    static int prefixLen(int width, NftAst.Elem e) throws NftError {
        Long n = NftType.number(e.prefixLen().text());
        if (n == null || n > width) {
            throw new NftError("Prefix length " + e.prefixLen().text() + " is invalid for type of " + width
                    + " bits width", e.loc());
        }
        return n.intValue();
    }

    /** The right-hand side of a plain match for one element ({@code 10.0.0.0/32} is a value). */
    static NftMatch.Rhs rhs(NftKey key, NftAst.Elem e, NetNs ns) throws NftError {
        NftType type = key.type();
        if (type == NftType.IPV6_ADDR) {
            return new NftMatch.Text(ipv6(e));
        }
        if (type.isString()) {
            if (e.hi() != null || e.prefixLen() != null) {
                throw new NftError("Range expression is undefined for network interface name types", e.lo().loc(), e.loc());
            }
            return new NftMatch.Str(e.lo().text());
        }
        long[] r = range(type, key.width(), e, ns);
        if (e.prefixLen() != null && type.prefixes()) {
            int len = prefixLen(key.width(), e);
            return len == key.width() ? new NftMatch.Value(r[0]) : new NftMatch.Prefix(r[0], len);
        }
        return e.hi() == null ? new NftMatch.Value(r[0]) : new NftMatch.Range(r[0], r[1]);
    }
}
