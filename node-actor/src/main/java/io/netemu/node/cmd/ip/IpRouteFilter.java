package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.ip.IpRouteArgs.Prefix;
import io.netemu.stack.route.RouteTable;

/**
 * iproute.c's {@code filter}: what {@code ip route show|flush} selects, and which fields it then
 * leaves out of the output because the filter already fixes them (dev, proto, scope, a /32 via).
 */
final class IpRouteFilter {
    int tb = RouteTable.MAIN;
    int cloned;
    int protocol;
    int protocolmask;
    int scope;
    int scopemask;
    long typemask;
    int tos;
    int tosmask;
    int iif;
    int iifmask;
    int oif;
    int oifmask;
    int mark;
    int markmask;
    int metric;
    int metricmask;
    Prefix rprefsrc;
    Prefix rvia;
    Prefix rdst;
    Prefix mdst;
    Prefix rsrc;
    Prefix msrc;

    /** iproute_reset_filter, as {@code ip route get} leaves it: every table, nothing fixed. */
    static IpRouteFilter reset() {
        IpRouteFilter f = new IpRouteFilter();
        f.tb = 0;
        return f;
    }

    int rviaBits() { return rvia == null ? 0 : rvia.bitlen(); }
    int rprefsrcBits() { return rprefsrc == null ? 0 : rprefsrc.bitlen(); }

    /** filter_nlmsg. */
    boolean accepts(IpRouteMsg m) {
        if (cloned == (m.cloned() ? 0 : 1)) {
            return false;
        }
        if ((tb > 0 && tb != m.table()) || ((protocol ^ m.protocol()) & protocolmask) != 0
                || ((scope ^ m.scope()) & scopemask) != 0 || (typemask != 0 && (typemask & (1L << m.type())) == 0)
                || ((tos ^ m.tos()) & tosmask) != 0) {
            return false;
        }
        if (!root(rdst, m.dst(), m.dstLen()) || !match(mdst, m.dst(), m.dstLen())
                || !root(rsrc, m.src(), m.srcLen()) || !match(msrc, m.src(), m.srcLen())) {
            return false;
        }
        if (rvia != null && (!inet(rvia) || !IpRouteArgs.addrMatch(m.gateway(), rvia.addr(), rvia.bitlen()))) {
            return false;
        }
        if (rprefsrc != null && (!inet(rprefsrc) || !IpRouteArgs.addrMatch(m.prefsrc(), rprefsrc.addr(), rprefsrc.bitlen()))) {
            return false;
        }
        return ((iif ^ m.iif()) & iifmask) == 0 && ((oif ^ m.oif()) & oifmask) == 0 && (mark & markmask) == 0
                && ((metric ^ m.metric()) & metricmask) == 0;
    }

    private static boolean inet(Prefix p) {
        return p.family() == IpRouteArgs.AF_INET || p.family() == IpRouteArgs.AF_UNSPEC;
    }

    /** {@code root P}: routes inside P (at least as long, same leading bits). */
    private static boolean root(Prefix p, int addr, int len) {
        if (p == null || (p.family() == IpRouteArgs.AF_UNSPEC && !p.lenGiven())) {
            return true;
        }
        return inet(p) && p.bitlen() <= len && IpRouteArgs.addrMatch(addr, p.addr(), p.bitlen());
    }

    /** {@code match P}: routes P falls in (at most as long, P's leading bits are theirs). */
    private static boolean match(Prefix p, int addr, int len) {
        if (p == null || (p.family() == IpRouteArgs.AF_UNSPEC && !p.lenGiven())) {
            return true;
        }
        return inet(p) && (p.bitlen() < 0 || (p.bitlen() >= len && IpRouteArgs.addrMatch(addr, p.addr(), len)));
    }
}
