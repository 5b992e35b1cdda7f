package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.Scope;
import io.netemu.stack.route.CNum;
import java.util.Map;

/**
 * The selectors of {@code ip link show}, {@code ip addr show} and {@code ip addr flush}
 * ({@code struct link_filter} and its parsing in ipaddr_list_flush_or_save).
 */
final class IpFilter {
    /** get_filter's words and their IFA_F_* masks. */
    private static final Map<String, Integer> FLAG_WORDS = Map.ofEntries(
            Map.entry("secondary", 0x01), Map.entry("temporary", 0x01), Map.entry("nodad", 0x02),
            Map.entry("optimistic", 0x04), Map.entry("dadfailed", 0x08), Map.entry("home", 0x10),
            Map.entry("deprecated", 0x20), Map.entry("tentative", 0x40), Map.entry("permanent", 0x80),
            Map.entry("mngtmpaddr", 0x100), Map.entry("noprefixroute", 0x200), Map.entry("autojoin", 0x400),
            Map.entry("stable-privacy", 0x800));

    /** filter.family: the preferred family, or the family of a {@code to} prefix. */
    int family;
    String dev;
    int ifindex;
    boolean up;
    int scope;
    int scopemask;
    int flags;
    int flagmask;
    String label;
    IpParse.Prefix to;
    int group = -1;
    /** An ifindex, or -1 for {@code nomaster}. */
    int master;
    String kind;
    String slaveKind;

    /** Parses the selectors; {@code usage} is thrown for {@code help}. */
    static IpFilter parse(IprouteArgs a, NetNs ns, int family, CommandExit usage) {
        IpFilter f = new IpFilter();
        f.family = family;
        while (a.has()) {
            String w = a.cur();
            if (w.equals("to")) {
                String v = a.next();
                f.to = IpAddr.prefixOrDie(v, f.family);
                if (f.family == IpCtx.UNSPEC) {
                    f.family = f.to.inet6() ? IpCtx.INET6 : IpCtx.INET;
                }
            } else if (w.equals("scope")) {
                String v = a.next();
                f.scopemask = -1;
                int s = parseScope(v);
                if (s < 0) {
                    if (!v.equals("all")) {
                        throw IprouteArgs.invarg("invalid \"scope\"\n", v);
                    }
                    s = Scope.NOWHERE;
                    f.scopemask = 0;
                }
                f.scope = s;
            } else if (w.equals("up")) {
                f.up = true;
            } else if (f.flagWord(w)) {
                // a flag selector
            } else if (w.equals("label")) {
                f.label = a.next();
            } else if (w.equals("group")) {
                String v = a.next();
                long g = v.equals("default") ? 0 : CNum.strtoul(v);
                if (g < 0) {
                    throw IprouteArgs.invarg("Invalid \"group\" value\n", v);
                }
                f.group = (int) g;
            } else if (w.equals("master") || w.equals("vrf")) {
                String v = a.next();
                NetDev m = ns.devs().byName(v);
                if (m == null) {
                    throw IprouteArgs.invarg(w.equals("vrf") ? "Not a valid VRF name\n" : "Device does not exist\n", v);
                }
                if (w.equals("vrf")) {
                    throw IprouteArgs.invarg("Not a valid VRF name\n", v);
                }
                f.master = m.ifindex();
            } else if (w.equals("nomaster")) {
                f.master = -1;
            } else if (w.equals("type")) {
                String v = a.next();
                if (v.endsWith("_slave")) {
                    f.slaveKind = v.substring(0, v.length() - "_slave".length());
                } else {
                    f.kind = v;
                }
            } else if (w.equals("proto")) {
                String v = a.next();
                if (CNum.strtoul(v) < 0 || CNum.strtoul(v) > 255) {
                    throw IprouteArgs.invarg("\"proto\" value is invalid\n", v);
                }
            } else if (w.equals("novf")) {
                // no VFs here anyway
            } else {
                if (w.equals("dev")) {
                    w = a.next();
                } else if (IprouteArgs.matches(w, "help")) {
                    throw usage;
                }
                if (f.dev != null) {
                    throw IprouteArgs.duparg2("dev", w);
                }
                f.dev = w;
            }
            a.skip();
        }
        if (f.dev != null) {
            NetDev d = ns.devs().byName(f.dev);
            if (d == null) {
                throw CommandExit.fail("Device \"" + f.dev + "\" does not exist.");
            }
            f.ifindex = d.ifindex();
        }
        return f;
    }

    /** rtnl_rtscope_a2n: a name or a number up to 255; -1 if neither. */
    static int parseScope(String v) {
        switch (v) {
            case "global" -> {
                return Scope.UNIVERSE;
            }
            case "site", "link", "host", "nowhere" -> {
                return Scope.parse(v);
            }
            default -> {
                long n = CNum.strtoul(v);
                return n < 0 || n > 255 ? -1 : (int) n;
            }
        }
    }

    /** get_filter: a flag word, possibly negated with '-'; dynamic and primary invert. */
    private boolean flagWord(String w) {
        boolean inv = false;
        String arg = w;
        if (arg.startsWith("-")) {
            inv = true;
            arg = arg.substring(1);
        }
        if (arg.equals("dynamic")) {
            inv = !inv;
            arg = "permanent";
        } else if (arg.equals("primary")) {
            inv = !inv;
            arg = "secondary";
        }
        Integer mask = FLAG_WORDS.get(arg);
        if (mask == null) {
            return false;
        }
        flags = inv ? flags & ~mask : flags | mask;
        flagmask |= mask;
        return true;
    }

    /** print_linkinfo's own checks: index, up, group, master, kind. */
    boolean linkMatches(LinkView v) {
        if (ifindex != 0 && v.ifindex() != ifindex) {
            return false;
        }
        if (up && !v.up()) {
            return false;
        }
        if (group != -1 && group != 0) {
            return false;
        }
        if (master > 0 && v.d.master() != master || master == -1 && v.d.master() != 0) {
            return false;
        }
        if (kind != null && !kind.equals(v.kind())) {
            return false;
        }
        return slaveKind == null || v.d.master() != 0 && slaveKind.equals("bridge");
    }

    /** print_addrinfo's checks (the index, scope, flags, label and {@code to} prefix). */
    boolean addrMatches(NetDev d, InetAddr a) {
        if (ifindex != 0 && a.ifindex() != ifindex) {
            return false;
        }
        if (((scope ^ a.scope()) & scopemask) != 0) {
            return false;
        }
        if (((flags ^ AddrFormatter.flags(a)) & flagmask) != 0) {
            return false;
        }
        if (label != null && !Glob.matches(label, a.label() == null ? d.name() : a.label())) {
            return false;
        }
        if (to != null && !to.inet6()) {
            int mask = to.bitlen() == 0 ? 0 : -1 << (32 - to.bitlen());
            return (a.local() & mask) == (to.addr() & mask);
        }
        return to == null;
    }
}
