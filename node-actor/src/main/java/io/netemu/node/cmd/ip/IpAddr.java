package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.stack.NetException;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.Scope;
import io.netemu.stack.route.CNum;

/**
 * {@code ip address}: do_ipaddr and ipaddr_modify (ip/ipaddress.c, iproute2 6.1) over the
 * namespace's addresses, with the kernel's answers (devinet.c, Linux 6.x extack messages).
 * IPv4 only: IPv6 is not emulated.
 */
public final class IpAddr extends IpPrintingObject {
    private static final int ADD = 0;
    private static final int CHANGE = 1;
    private static final int DEL = 2;

    @Override
    void command(String w, IpCtx ctx, IprouteArgs a, NetNs ns, Printer p, StringBuilder err) {
        if (IprouteArgs.matches(w, "add")) {
            modify(ADD, ctx, a, ns, err);
        } else if (IprouteArgs.matches(w, "change") || w.equals("chg") || IprouteArgs.matches(w, "replace")) {
            modify(CHANGE, ctx, a, ns, err);
        } else if (IprouteArgs.matches(w, "delete")) {
            modify(DEL, ctx, a, ns, err);
        } else if (IprouteArgs.matches(w, "list") || IprouteArgs.matches(w, "show") || IprouteArgs.matches(w, "lst")) {
            list(ctx, a, ns, p);
        } else if (IprouteArgs.matches(w, "flush")) {
            flush(ctx, a, ns, p);
        } else if (IprouteArgs.matches(w, "save") || IprouteArgs.matches(w, "showdump") || IprouteArgs.matches(w, "restore")) {
            throw IpCommand.unsupported("\"ip address " + w + "\"");
        } else if (IprouteArgs.matches(w, "help")) {
            throw CommandExit.usage(IpUsage.ADDR);
        } else {
            throw CommandExit.usage("Command \"" + w + "\" is unknown, try \"ip address help\".");
        }
    }

    @Override
    void list(IpCtx ctx, IprouteArgs a, NetNs ns, Printer p) {
        IpFilter f = IpFilter.parse(a, ns, ctx.family(), CommandExit.usage(IpUsage.ADDR));
        IpList.list(p, ns, ctx, f, false);
    }

    private static void flush(IpCtx ctx, IprouteArgs a, NetNs ns, Printer p) {
        if (!a.has()) {
            throw CommandExit.fail("Flush requires arguments.");
        }
        if (ctx.family() == IpCtx.PACKET) {
            throw CommandExit.fail("Cannot flush link addresses.");
        }
        IpFilter f = IpFilter.parse(a, ns, ctx.family(), CommandExit.usage(IpUsage.ADDR));
        IpOptions o = ctx.opts();
        // flush never opens a JSON context: its messages are text even under -j
        Printer text = new Printer(new IpOptions(o.inet4Only(), o.oneline(), o.stats(), o.details(), false,
                o.pretty(), o.brief(), o.color()));
        try {
            IpList.flush(text, ns, ctx, f);
        } finally {
            p.raw(text.output());
        }
    }

    /** ipaddr_modify: parse, then what inet_rtm_newaddr / inet_rtm_deladdr would do. */
    private static void modify(int cmd, IpCtx ctx, IprouteArgs a, NetNs ns, StringBuilder err) {
        AddrRequest r = AddrRequest.parse(a, ctx.family(), err);
        int family = r.family;
        IpParse.Prefix lcl = r.lcl;
        String label = r.label;
        int brd = r.brd;
        int scope = r.scope;
        if (r.dev == null) {
            throw CommandExit.fail("Not enough information: \"dev\" argument is required.");
        }
        boolean wildcard = false;
        if (lcl != null && cmd == DEL && !lcl.inet6() && !lcl.lenGiven()) {
            err.append("Warning: Executing wildcard deletion to stay compatible with old scripts.\n")
                    .append("         Explicitly specify the prefix length (").append(r.lclArg)
                    .append("/32) to avoid this warning.\n")
                    .append("         This special behaviour is likely to disappear in further releases,\n")
                    .append("         fix your scripts!\n");
            wildcard = true;
        }
        int plen = lcl == null ? 0 : lcl.bitlen();
        if (r.brdLen < 0 && cmd != DEL) {
            if (family != IpCtx.INET) {
                throw CommandExit.fail("Broadcast can be set only for IPv4 addresses");
            }
            if (plen <= 30 && lcl != null) {
                int mask = plen == 0 ? 0 : -1 << (32 - plen);
                brd = r.brdLen == -1 ? lcl.addr() | ~mask : lcl.addr() & mask;
            }
        }
        if (!r.scoped && cmd != DEL) {
            scope = lcl != null && !lcl.inet6() && (lcl.addr() >>> 24) == 127 ? Scope.HOST : Scope.UNIVERSE;
        }
        NetDev d = ns.devs().byName(r.dev);
        if (d == null) {
            throw IprouteArgs.nodev(r.dev);
        }
        if (r.validLft != null || r.preferredLft != null) {
            lifetimes(r.validLft, r.preferredLft);
        }
        if (family == IpCtx.UNSPEC) {
            throw CommandExit.kernel("RTNETLINK answers: Operation not supported");
        }
        if (family == IpCtx.INET6) {
            throw CommandExit.kernel("Error: netemu: IPv6 is not emulated (IPv4 only).");
        }
        if (label != null && label.length() >= IpParse.IFNAMSIZ) {
            throw CommandExit.kernel("Error: Attribute failed policy validation.");
        }
        if (cmd == DEL) {
            delete(ns, d, wildcard ? null : lcl, lcl == null ? null : lcl.addr(), label);
            return;
        }
        if (lcl == null) {
            throw CommandExit.kernel("Error: ipv4: Local address is not supplied.");
        }
        add(ns, new InetAddr(d.ifindex(), lcl.addr(), plen, brd, scope, label == null ? d.name() : label, false),
                cmd == ADD);
    }

    /** The lifetimes iproute2 checks; only {@code forever} is emulated. */
    private static void lifetimes(String valid, String preferred) {
        long v = valid == null || valid.equals("forever") ? 0xFFFF_FFFFL : CNum.strtoul(valid);
        long p = preferred == null || preferred.equals("forever") ? 0xFFFF_FFFFL : CNum.strtoul(preferred);
        if (v == 0) {
            throw CommandExit.fail("valid_lft is zero");
        }
        if (v < p) {
            throw CommandExit.fail("preferred_lft is greater than valid_lft");
        }
        if (v != 0xFFFF_FFFFL || p != 0xFFFF_FFFFL) {
            throw IpCommand.unsupported("an address lifetime other than \"forever\"");
        }
    }

    /** inet_rtm_newaddr: EEXIST, a scope clash in one subnet, or insertion. */
    private static void add(NetNs ns, InetAddr a, boolean excl) {
        if (a.local() == 0) {
            return; // __inet_insert_ifa drops 0.0.0.0 silently
        }
        for (InetAddr b : ns.addrs().onDev(a.ifindex())) {
            if (b.prefixLen() == a.prefixLen() && b.inSubnet(a.local())) {
                if (b.local() == a.local()) {
                    if (excl) {
                        throw CommandExit.kernel("Error: ipv4: Address already assigned.");
                    }
                    return; // replace/change of an existing address: lifetimes only
                }
                if (b.scope() != a.scope()) {
                    throw CommandExit.kernel("Error: ipv4: Invalid scope value.");
                }
            }
        }
        try {
            ns.addrAdd(a);
        } catch (NetException e) {
            throw kernelError(e);
        }
    }

    /** inet_rtm_deladdr: the first address (in list order) matching local, label and prefix. */
    private static void delete(NetNs ns, NetDev d, IpParse.Prefix prefix, Integer local, String label) {
        for (InetAddr a : AddrFormatter.kernelOrder(ns, d.ifindex())) {
            if (local != null && a.local() != local) {
                continue;
            }
            if (label != null && !label.equals(a.label() == null ? d.name() : a.label())) {
                continue;
            }
            if (prefix != null && (prefix.bitlen() != a.prefixLen() || !a.inSubnet(prefix.addr()))) {
                continue;
            }
            try {
                ns.addrDel(a);
            } catch (NetException e) {
                throw kernelError(e);
            }
            return;
        }
        throw CommandExit.kernel("Error: ipv4: Address not found.");
    }

    private static CommandExit kernelError(NetException e) {
        return switch (e.errno()) {
            case NetException.EEXIST -> CommandExit.kernel("Error: ipv4: Address already assigned.");
            case 99 -> CommandExit.kernel("Error: ipv4: Address not found.");
            default -> CommandExit.kernel(e.getMessage());
        };
    }

    /** get_prefix: exits 1 with iproute2's message when the word is not a prefix. */
    static IpParse.Prefix prefixOrDie(String arg, int family) {
        if (family == IpCtx.PACKET) {
            throw CommandExit.fail("Error: \"" + arg + "\" may be inet prefix, but it is not allowed in this context.");
        }
        IpParse.Prefix p = IpParse.prefix(arg, family);
        if (p == null) {
            throw CommandExit.fail("Error: " + IpParse.familyVerbose(family) + " prefix is expected rather than \""
                    + arg + "\".");
        }
        return p;
    }

    /** get_addr. */
    static IpParse.Prefix addressOrDie(String arg, int family, String what) {
        if (family == IpCtx.PACKET) {
            throw CommandExit.fail("Error: \"" + arg + "\" may be inet " + what
                    + ", but it is not allowed in this context.");
        }
        IpParse.Prefix p = IpParse.address(arg, family);
        if (p == null) {
            throw CommandExit.fail("Error: " + IpParse.familyVerbose(family) + " " + what + " is expected rather than \""
                    + arg + "\".");
        }
        return p;
    }
}
