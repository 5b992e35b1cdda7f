package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.IprouteArgs.matches;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import io.netemu.stack.route.Fib;
import java.util.List;

/**
 * {@code ip route}: list, flush, get, add, change, replace, prepend, append, test, delete, as
 * iproute2's ip/iproute.c (do_iproute) words them, with its abbreviations, output formats
 * (text with its trailing spaces, {@code -j}, {@code -j -p}, {@code -d}) and exit statuses:
 * 0; 1 for a missing device or a malformed address; 2 when the kernel refuses; 255 for usage errors.
 */
public final class IpRoute implements IpObject {
    private static final String USAGE = """
            Usage: ip route { list | flush } SELECTOR
                   ip route save SELECTOR
                   ip route restore
                   ip route showdump
                   ip route get [ ROUTE_GET_FLAGS ] ADDRESS
                                        [ from ADDRESS iif STRING ]
                                        [ oif STRING ] [ tos TOS ]
                                        [ mark NUMBER ] [ vrf NAME ]
                                        [ uid NUMBER ] [ ipproto PROTOCOL ]
                                        [ sport NUMBER ] [ dport NUMBER ]
                                        [ as ADDRESS ]
                   ip route { add | del | change | append | replace } ROUTE
            SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]
                        [ table TABLE_ID ] [ vrf NAME ] [ proto RTPROTO ]
                        [ type TYPE ] [ scope SCOPE ]
            ROUTE := NODE_SPEC [ INFO_SPEC ]
            NODE_SPEC := [ TYPE ] PREFIX [ tos TOS ]
                         [ table TABLE_ID ] [ proto RTPROTO ]
                         [ scope SCOPE ] [ metric METRIC ]
                         [ ttl-propagate { enabled | disabled } ]
            INFO_SPEC := { NH | nhid ID } OPTIONS FLAGS [ nexthop NH ]...
            NH := [ encap ENCAPTYPE ENCAPHDR ] [ via [ FAMILY ] ADDRESS ]
            	    [ dev STRING ] [ weight NUMBER ] NHFLAGS
            FAMILY := [ inet | inet6 | mpls | bridge | link ]
            OPTIONS := FLAGS [ mtu NUMBER ] [ advmss NUMBER ] [ as [ to ] ADDRESS ]
                       [ rtt TIME ] [ rttvar TIME ] [ reordering NUMBER ]
                       [ window NUMBER ] [ cwnd NUMBER ] [ initcwnd NUMBER ]
                       [ ssthresh NUMBER ] [ realms REALM ] [ src ADDRESS ]
                       [ rto_min TIME ] [ hoplimit NUMBER ] [ initrwnd NUMBER ]
                       [ features FEATURES ] [ quickack BOOL ] [ congctl NAME ]
                       [ pref PREF ] [ expires TIME ] [ fastopen_no_cookie BOOL ]
            TYPE := { unicast | local | broadcast | multicast | throw |
                      unreachable | prohibit | blackhole | nat }
            TABLE_ID := [ local | main | default | all | NUMBER ]
            SCOPE := [ host | link | global | NUMBER ]
            NHFLAGS := [ onlink | pervasive ]
            RTPROTO := [ kernel | boot | static | NUMBER ]
            PREF := [ low | medium | high ]
            TIME := NUMBER[s|ms]
            BOOL := [1|0]
            FEATURES := ecn
            ENCAPTYPE := [ mpls | ip | ip6 | seg6 | seg6local | rpl | ioam6 ]
            ENCAPHDR := [ MPLSLABEL | SEG6HDR | SEG6LOCAL | IOAM6HDR ]
            SEG6HDR := [ mode SEGMODE ] segs ADDR1,ADDRi,ADDRn [hmac HMACKEYID] [cleanup]
            SEGMODE := [ encap | encap.red | inline | l2encap | l2encap.red ]
            SEG6LOCAL := action ACTION [ OPTIONS ] [ count ]
            ACTION := { End | End.X | End.T | End.DX2 | End.DX6 | End.DX4 |
                        End.DT6 | End.DT4 | End.DT46 | End.B6 | End.B6.Encaps |
                        End.BM | End.S | End.AS | End.AM | End.BPF }
            OPTIONS := OPTION [ OPTIONS ]
            OPTION := { flavors FLAVORS | srh SEG6HDR | nh4 ADDR | nh6 ADDR | iif DEV | oif DEV |
                        table TABLEID | vrftable TABLEID | endpoint PROGNAME }
            FLAVORS := { FLAVOR[,FLAVOR] }
            FLAVOR := { psp | usp | usd }
            IOAM6HDR := trace prealloc type IOAM6_TRACE_TYPE ns IOAM6_NAMESPACE size IOAM6_TRACE_SIZE
            ROUTE_GET_FLAGS := [ fibmatch ]
            """;

    @Override
    public CommandResult run(IpOptions opts, List<String> args, NetNs ns) {
        try {
            return dispatch(opts, args, ns);
        } catch (CommandExit e) {
            return e.result("");
        }
    }

    private static CommandResult dispatch(IpOptions opts, List<String> args, NetNs ns) {
        if (args.isEmpty()) {
            return new IpRouteList(ns, opts).run(List.of(), false);
        }
        String c = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (matches(c, "add")) {
            return modify(ns, opts, rest, false, Fib.NLM_F_CREATE | Fib.NLM_F_EXCL);
        } else if (matches(c, "change") || c.equals("chg")) {
            return modify(ns, opts, rest, false, Fib.NLM_F_REPLACE);
        } else if (matches(c, "replace")) {
            return modify(ns, opts, rest, false, Fib.NLM_F_CREATE | Fib.NLM_F_REPLACE);
        } else if (matches(c, "prepend")) {
            return modify(ns, opts, rest, false, Fib.NLM_F_CREATE);
        } else if (matches(c, "append")) {
            return modify(ns, opts, rest, false, Fib.NLM_F_CREATE | Fib.NLM_F_APPEND);
        } else if (matches(c, "test")) {
            return modify(ns, opts, rest, false, Fib.NLM_F_EXCL);
        } else if (matches(c, "delete")) {
            return modify(ns, opts, rest, true, 0);
        } else if (matches(c, "list") || matches(c, "show") || matches(c, "lst")) {
            return new IpRouteList(ns, opts).run(rest, false);
        } else if (matches(c, "get")) {
            return new IpRouteGet(ns, opts).run(rest);
        } else if (matches(c, "flush")) {
            return new IpRouteList(ns, opts).run(rest, true);
        } else if (matches(c, "save") || matches(c, "restore") || matches(c, "showdump")) {
            throw IpRoute.unsupported(c);
        } else if (matches(c, "help")) {
            throw usage();
        }
        throw CommandExit.usage("Command \"" + c + "\" is unknown, try \"ip route help\".\n");
    }

    private static CommandResult modify(NetNs ns, IpOptions opts, List<String> rest, boolean delete, int flags) {
        new IpRouteModify(ns, opts, delete).run(rest, flags);
        return CommandResult.ok("");
    }

    /** usage(): the synopsis on stderr, exit 255. */
    static CommandExit usage() {
        return CommandExit.usage(USAGE);
    }

    /** Something iproute2 accepts that netemu does not model: exit 2, said plainly. */
    static CommandExit unsupported(String what) {
        return CommandExit.kernel("Error: netemu: ip route " + what + " is not supported.\n");
    }
}
