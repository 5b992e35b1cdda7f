package io.netemu.stack.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Ip, IpExt and Icmp counters under nstat's names (/proc/net/snmp and netstat), from the
 * stack's counters and its drops by reason: a header checksum failure is both IpInHdrErrors and
 * IpExtInCsumErrors, as ip_rcv_core counts it; an ICMP checksum failure IcmpInErrors and
 * IcmpInCsumErrors, as icmp_rcv does. In the order /proc/net/snmp lists them.
 */
public final class IpMib {
    private IpMib() {}

    /** {@code all}: zeros too (nstat -z). */
    public static Map<String, Long> nstat(StackCounters c, boolean all) {
        Map<String, Long> m = new LinkedHashMap<>();
        long csum = c.drops(StackDrop.IP_CSUM);
        put(m, all, "IpInReceives", c.ipInReceives);
        put(m, all, "IpInHdrErrors", csum + c.drops(StackDrop.IP_INHDR) + c.drops(StackDrop.IP_TRUNCATED));
        put(m, all, "IpInAddrErrors", c.drops(StackDrop.IP_INADDRERRORS));
        put(m, all, "IpForwDatagrams", c.ipForwDatagrams);
        put(m, all, "IpInUnknownProtos", c.drops(StackDrop.IP_NOPROTO));
        put(m, all, "IpInDelivers", c.ipInDelivers);
        put(m, all, "IpOutRequests", c.ipOutRequests);
        put(m, all, "IpOutNoRoutes", c.drops(StackDrop.IP_OUTNOROUTES) + c.drops(StackDrop.IP_INNOROUTES));
        put(m, all, "IpFragOKs", c.ipFragOks);
        put(m, all, "IpFragFails", c.ipFragFails);
        put(m, all, "IpFragCreates", c.ipFragCreates);
        long icmpCsum = c.drops(StackDrop.ICMP_CSUM);
        put(m, all, "IcmpInMsgs", c.icmpInMsgs + icmpCsum);
        put(m, all, "IcmpInErrors", icmpCsum);
        put(m, all, "IcmpInCsumErrors", icmpCsum);
        put(m, all, "IcmpInEchos", c.icmpInEchos);
        put(m, all, "IcmpOutMsgs", c.icmpOutMsgs);
        put(m, all, "IcmpOutDestUnreachs", c.icmpOutDestUnreachs);
        put(m, all, "IcmpOutTimeExcds", c.icmpOutTimeExcds);
        put(m, all, "IcmpOutEchoReps", c.icmpOutEchoReps);
        put(m, all, "IpExtInCsumErrors", csum);
        return m;
    }

    private static void put(Map<String, Long> m, boolean all, String name, long v) {
        if (all || v != 0) {
            m.put(name, v);
        }
    }
}
