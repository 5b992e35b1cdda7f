package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.stack.route.CNum;
import java.util.List;
import java.util.Set;

/**
 * What {@code ip addr add|change|replace|del} asks for: the argument loop of ipaddr_modify
 * (ip/ipaddress.c, iproute2 6.1), its warnings and its refusals.
 */
final class AddrRequest {
    /** ifa_flag_data entries iproute2 only warns about ("not mutable from userspace"). */
    private static final Set<String> READONLY_FLAGS = Set.of(
            "secondary", "temporary", "dadfailed", "deprecated", "tentative", "permanent", "stable-privacy");
    private static final List<String> V6_FLAGS = List.of("nodad", "optimistic", "home", "mngtmpaddr");

    /** The request's family: the preferred one, then that of the first address given. */
    int family;
    String dev;
    String label;
    IpParse.Prefix lcl;
    String lclArg;
    /** 0 none, 4 an address, -1 {@code brd +}, -2 {@code brd -}. */
    int brdLen;
    int brd;
    int scope;
    boolean scoped;
    String validLft;
    String preferredLft;

    static AddrRequest parse(IprouteArgs a, int family, StringBuilder err) {
        AddrRequest r = new AddrRequest();
        r.family = family;
        while (a.has()) {
            String w = a.cur();
            if (w.equals("peer") || w.equals("remote") || w.equals("anycast")) {
                a.next();
                throw IpCommand.unsupported("\"" + w + "\" on an address");
            } else if (IprouteArgs.matches(w, "broadcast") || w.equals("brd")) {
                String v = a.next();
                if (r.brdLen != 0) {
                    throw IprouteArgs.duparg("broadcast", v);
                }
                if (v.equals("+")) {
                    r.brdLen = -1;
                } else if (v.equals("-")) {
                    r.brdLen = -2;
                } else {
                    IpParse.Prefix b = IpAddr.addressOrDie(v, r.family, "address");
                    r.family = b.inet6() ? IpCtx.INET6 : IpCtx.INET;
                    r.brd = b.addr();
                    r.brdLen = 4;
                }
            } else if (w.equals("scope")) {
                String v = a.next();
                r.scope = IpFilter.parseScope(v);
                if (r.scope < 0) {
                    throw IprouteArgs.invarg("invalid scope value.", v);
                }
                r.scoped = true;
            } else if (w.equals("dev")) {
                r.dev = a.next();
            } else if (w.equals("label")) {
                r.label = a.next();
            } else if (IprouteArgs.matches(w, "metric") || IprouteArgs.matches(w, "priority")
                    || IprouteArgs.matches(w, "preference")) {
                String v = a.next();
                if (CNum.strtoul(v) < 0) {
                    throw IprouteArgs.invarg("\"metric\" value is invalid\n", v);
                }
                throw IpCommand.unsupported("\"metric\" on an address");
            } else if (IprouteArgs.matches(w, "valid_lft") || IprouteArgs.matches(w, "preferred_lft")) {
                boolean valid = IprouteArgs.matches(w, "valid_lft");
                String name = valid ? "valid_lft" : "preferred_lft";
                if (valid ? r.validLft != null : r.preferredLft != null) {
                    throw IprouteArgs.duparg(name, w);
                }
                String v = a.next();
                if (!v.equals("forever") && CNum.strtoul(v) < 0) {
                    throw IprouteArgs.invarg(name + " value", v);
                }
                if (valid) {
                    r.validLft = v;
                } else {
                    r.preferredLft = v;
                }
            } else if (READONLY_FLAGS.contains(w)) {
                err.append("Warning: ").append(w).append(" option is not mutable from userspace\n");
            } else if (V6_FLAGS.contains(w) && r.family != IpCtx.INET6) {
                err.append("Warning: ").append(w).append(" option can be set only for IPv6 addresses\n");
            } else if (w.equals("noprefixroute") || w.equals("autojoin") || V6_FLAGS.contains(w)) {
                throw IpCommand.unsupported("\"" + w + "\"");
            } else if (w.equals("proto")) {
                a.next();
                throw IpCommand.unsupported("\"proto\" on an address");
            } else {
                if (w.equals("local")) {
                    w = a.next();
                }
                if (IprouteArgs.matches(w, "help")) {
                    throw CommandExit.usage(IpUsage.ADDR);
                }
                if (r.lcl != null) {
                    throw IprouteArgs.duparg2("local", w);
                }
                r.lclArg = w;
                r.lcl = IpAddr.prefixOrDie(w, r.family);
                r.family = r.lcl.inet6() ? IpCtx.INET6 : IpCtx.INET;
            }
            a.skip();
        }
        return r;
    }
}
