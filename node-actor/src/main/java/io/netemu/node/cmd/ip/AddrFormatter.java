package io.netemu.node.cmd.ip;

import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.Scope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * print_addrinfo (ip/ipaddress.c, iproute2 6.1) for IPv4 addresses, and the order the kernel
 * keeps them in.
 *
 * <pre>
 *     inet 10.0.1.3/24 brd 10.0.1.255 scope global secondary eth0
 *        valid_lft forever preferred_lft forever
 * </pre>
 */
final class AddrFormatter {
    /** IFA_F_SECONDARY and IFA_F_PERMANENT: every address netemu holds is permanent. */
    static final int F_SECONDARY = 0x01;
    static final int F_PERMANENT = 0x80;
    /** INFINITY_LIFE_TIME. */
    private static final long FOREVER = 0xFFFF_FFFFL;

    private AddrFormatter() {}

    /** The address's ifa_flags. */
    static int flags(InetAddr a) {
        return F_PERMANENT | (a.secondary() ? F_SECONDARY : 0);
    }

    /**
     * The device's addresses in the kernel's ifa_list order (__inet_insert_ifa): primaries
     * first, ordered by scope from host to global and by age within a scope; then secondaries
     * in the order they were added.
     */
    static List<InetAddr> kernelOrder(NetNs ns, int ifindex) {
        List<InetAddr> all = ns.addrs().onDev(ifindex);
        List<InetAddr> out = new ArrayList<>(all.size());
        all.stream().filter(a -> !a.secondary())
                .sorted(Comparator.comparingInt(InetAddr::scope).reversed())
                .forEach(out::add);
        all.stream().filter(InetAddr::secondary).forEach(out::add);
        return out;
    }

    /** One address; {@code withDev} prefixes {@code "2: eth0"} (under {@code -o} and flush). */
    static void print(Printer p, NetDev d, InetAddr a, IpOptions o, boolean withDev) {
        String local = Ipv4Address.format(a.local());
        if (!o.brief()) {
            if (withDev) {
                if (p.json()) {
                    p.jsonNum("index", d.ifindex());
                    p.jsonStr("dev", d.name());
                } else {
                    p.fp(d.ifindex() + ": " + d.name());
                }
            }
            p.any("family", "inet", "    inet ");
        }
        p.any("local", local, local);
        p.anyNum("prefixlen", a.prefixLen(), "/" + a.prefixLen() + " ");
        if (o.brief()) {
            return;
        }
        if (a.broadcast() != 0) {
            String brd = Ipv4Address.format(a.broadcast());
            p.fp("brd ");
            p.any("broadcast", brd, brd + " ");
        }
        String scope = Scope.name(a.scope());
        p.any("scope", scope, "scope " + scope + " ");
        if (a.secondary()) {
            p.fp("secondary ");
            p.jsonRaw("secondary", "true");
        }
        String label = a.label() == null ? d.name() : a.label();
        p.any("label", label, label);
        p.nl();
        p.fp("       valid_lft ");
        p.jsonNum("valid_life_time", FOREVER);
        p.fp("forever");
        p.fp(" preferred_lft ");
        p.jsonNum("preferred_life_time", FOREVER);
        p.fp("forever");
        p.fp("\n");
    }
}
