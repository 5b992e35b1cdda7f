package io.netemu.stack.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.NetException;
import io.netemu.stack.dev.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fib: longest prefix match, rtnetlink's add/replace/append/delete semantics, dump order, rules. */
class FibTest {
    static int ip(String s) { return Ipv4Address.parse(s); }

    static Route via(String prefix, String gw, int dev) {
        String[] p = prefix.split("/");
        return Route.via(ip(p[0]), Integer.parseInt(p[1]), ip(gw), dev);
    }

    @Test
    void longestPrefixWinsFromSlash0ToSlash32() throws NetException {
        Fib fib = new Fib();
        fib.add(via("0.0.0.0/0", "1.1.1.1", 2));
        fib.add(via("10.0.0.0/8", "1.1.1.8", 2));
        fib.add(via("10.1.0.0/16", "1.1.1.16", 2));
        fib.add(via("10.1.2.0/24", "1.1.1.24", 2));
        fib.add(via("10.1.2.3/32", "1.1.1.32", 2));
        assertEquals(ip("1.1.1.32"), fib.lookup(ip("10.1.2.3"), 0).nexthop().gateway());
        assertEquals(ip("1.1.1.24"), fib.lookup(ip("10.1.2.4"), 0).nexthop().gateway());
        assertEquals(ip("1.1.1.16"), fib.lookup(ip("10.1.3.3"), 0).nexthop().gateway());
        assertEquals(ip("1.1.1.8"), fib.lookup(ip("10.200.0.1"), 0).nexthop().gateway());
        assertEquals(ip("1.1.1.1"), fib.lookup(ip("192.168.0.1"), 0).nexthop().gateway());
        assertEquals(ip("1.1.1.1"), fib.lookup(ip("255.255.255.255"), 0).nexthop().gateway());
    }

    @Test
    void noRouteIsNull() throws NetException {
        Fib fib = new Fib();
        fib.add(via("10.0.0.0/8", "1.1.1.1", 2));
        assertNull(fib.lookup(ip("11.0.0.1"), 0));
    }

    @Test
    void randomPrefixesAgreeWithBruteForce() throws NetException {
        Random rnd = new Random(42);
        Fib fib = new Fib();
        List<Route> all = new ArrayList<>();
        Set<Long> keys = new HashSet<>();
        while (all.size() < 600) {
            int len = rnd.nextInt(33);
            int mask = len == 0 ? 0 : -1 << (32 - len);
            int dst = (rnd.nextBoolean() ? 0x0A000000 | (rnd.nextInt() & 0x00FFFFFF) : rnd.nextInt()) & mask;
            if (keys.add(((long) dst << 6) | len)) {
                Route r = Route.via(dst, len, all.size() + 1, 2);
                fib.add(r);
                all.add(r);
            }
        }
        for (int i = 0; i < 20000; i++) {
            int a = rnd.nextBoolean() ? 0x0A000000 | (rnd.nextInt() & 0x00FFFFFF) : rnd.nextInt();
            Route best = null;
            for (Route r : all) {
                if ((a & r.netmask()) == r.dst() && (best == null || r.prefixLen() > best.prefixLen())) {
                    best = r;
                }
            }
            FibResult got = fib.lookup(a, 0);
            assertEquals(best, got == null ? null : got.route(), Ipv4Address.format(a));
        }
    }

    @Test
    void addOfTheSameKeyIsFileExistsWhateverTheNexthop() throws NetException {
        Fib fib = new Fib();
        fib.add(via("10.0.0.0/8", "1.1.1.1", 2));
        NetException e = assertThrows(NetException.class, () -> fib.add(via("10.0.0.0/8", "2.2.2.2", 3)));
        assertEquals("RTNETLINK answers: File exists", e.getMessage());
        assertEquals(NetException.EEXIST, e.errno());
        Route other = new Route(RouteTable.MAIN, RouteType.UNICAST, ip("10.0.0.0"), 8, 0, RouteProtocol.BOOT, 0, 0, 100,
                List.of(Nexthop.via(ip("2.2.2.2"), 3)));
        fib.add(other);
        assertEquals(2, fib.table(RouteTable.MAIN).size());
        assertEquals(ip("1.1.1.1"), fib.lookup(ip("10.1.1.1"), 0).nexthop().gateway(), "lower metric first");
    }

    @Test
    void hostBitsAreRefused() {
        Fib fib = new Fib();
        NetException e = assertThrows(NetException.class, () -> fib.add(via("10.0.0.1/8", "1.1.1.1", 2)));
        assertEquals("Error: Invalid prefix for given prefix length.", e.getMessage());
    }

    @Test
    void deleteMatchesAsIpRouteDel() throws NetException {
        Fib fib = new Fib();
        Route r = via("10.0.0.0/8", "1.1.1.1", 2);
        fib.add(r);
        NetException e = assertThrows(NetException.class, () -> fib.delete(via("10.0.0.0/16", "1.1.1.1", 2)));
        assertEquals("RTNETLINK answers: No such process", e.getMessage());
        assertEquals(NetException.ESRCH, e.errno());
        assertThrows(NetException.class, () -> fib.delete(via("10.0.0.0/8", "9.9.9.9", 2)));
        Route wildcard = new Route(0, 0, ip("10.0.0.0"), 8, 0, 0, -1, 0, 0, List.of());
        assertEquals(r, fib.delete(wildcard));
        assertTrue(fib.table(RouteTable.MAIN).isEmpty());
        assertThrows(NetException.class, () -> fib.delete(wildcard));
    }

    @Test
    void deleteOfAMissingTableSaysSo() {
        Fib fib = new Fib();
        NetException e = assertThrows(NetException.class, () -> fib.delete(via("10.0.0.0/8", "1.1.1.1", 2).withTable(100)));
        assertEquals("Error: FIB table does not exist.", e.getMessage());
    }

    @Test
    void replaceReplacesTheFirstOfTheKeyOrAdds() throws NetException {
        Fib fib = new Fib();
        fib.replace(via("10.0.0.0/8", "1.1.1.1", 2));
        fib.replace(via("10.0.0.0/8", "2.2.2.2", 3));
        assertEquals(List.of(via("10.0.0.0/8", "2.2.2.2", 3)), fib.table(RouteTable.MAIN));
        fib.replace(via("10.0.0.0/8", "2.2.2.2", 3));
        assertEquals(1, fib.table(RouteTable.MAIN).size());
    }

    @Test
    void changeOfNothingIsNoSuchFile() {
        Fib fib = new Fib();
        NetException e = assertThrows(NetException.class,
                () -> fib.insert(via("10.0.0.0/8", "1.1.1.1", 2), Fib.NLM_F_REPLACE));
        assertEquals("RTNETLINK answers: No such file or directory", e.getMessage());
    }

    @Test
    void appendGoesAfterPrependBeforeAndDuplicatesAreRefused() throws NetException {
        Fib fib = new Fib();
        Route a = via("10.0.0.0/8", "1.1.1.1", 2);
        Route b = via("10.0.0.0/8", "2.2.2.2", 2);
        Route c = via("10.0.0.0/8", "3.3.3.3", 2);
        fib.add(a);
        fib.insert(b, Fib.NLM_F_CREATE | Fib.NLM_F_APPEND);
        fib.insert(c, Fib.NLM_F_CREATE);
        assertEquals(List.of(c, a, b), fib.table(RouteTable.MAIN));
        assertThrows(NetException.class, () -> fib.insert(b, Fib.NLM_F_CREATE | Fib.NLM_F_APPEND));
        assertEquals(ip("3.3.3.3"), fib.lookup(ip("10.0.0.1"), 0).nexthop().gateway());
    }

    @Test
    void dumpOrderIsTheTrieWalk() throws NetException {
        Fib fib = new Fib();
        fib.add(via("192.168.0.0/16", "1.1.1.1", 2));
        fib.add(via("10.0.0.0/8", "1.1.1.1", 2));
        fib.add(via("10.0.0.0/24", "1.1.1.1", 2));
        fib.add(via("0.0.0.0/0", "1.1.1.1", 2));
        fib.add(via("172.16.0.0/12", "1.1.1.1", 2));
        fib.add(via("200.0.0.0/8", "1.1.1.1", 2));
        List<String> order = fib.table(RouteTable.MAIN).stream()
                .map(r -> Ipv4Address.format(r.dst()) + "/" + r.prefixLen()).toList();
        assertEquals(List.of("0.0.0.0/0", "10.0.0.0/24", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "200.0.0.0/8"),
                order);
    }

    @Test
    void localTableIsConsultedFirstAndThrowPassesOn() throws NetException {
        Fib fib = new Fib();
        fib.add(via("10.0.0.0/8", "1.1.1.1", 2));
        fib.add(new Route(RouteTable.LOCAL, RouteType.LOCAL, ip("10.0.0.0"), 8, 0, RouteProtocol.BOOT, Scope.HOST, 0, 0,
                List.of(Nexthop.dev(1))));
        assertEquals(RouteType.LOCAL, fib.lookup(ip("10.1.1.1"), 0).type());
        fib.add(new Route(RouteTable.LOCAL, RouteType.THROW, ip("10.1.0.0"), 16, 0, RouteProtocol.BOOT, 0, 0, 0, List.of()));
        assertEquals(RouteTable.MAIN, fib.lookup(ip("10.1.1.1"), 0).table());
    }

    @Test
    void rejectRoutesAreResultsWithoutNexthop() throws NetException {
        Fib fib = new Fib();
        fib.add(via("0.0.0.0/0", "1.1.1.1", 2));
        fib.add(new Route(RouteTable.MAIN, RouteType.UNREACHABLE, ip("10.5.0.0"), 16, 0, RouteProtocol.BOOT, 0, 0, 0, null));
        FibResult r = fib.lookup(ip("10.5.1.1"), 0);
        assertEquals(RouteType.UNREACHABLE, r.type());
        assertNull(r.nexthop());
    }

    @Test
    void tablesDumpInHashBucketOrder() throws NetException {
        Fib fib = new Fib();
        fib.add(via("10.0.0.0/8", "1.1.1.1", 2).withTable(100));
        fib.add(via("10.0.0.0/8", "1.1.1.1", 2).withTable(RouteTable.DEFAULT));
        assertEquals(List.of(100, RouteTable.DEFAULT, RouteTable.MAIN, RouteTable.LOCAL), fib.tableIds());
        assertFalse(fib.hasTable(7));
    }

    @Test
    void flushDevRemovesEveryRouteThroughTheDevice() throws NetException {
        Fib fib = new Fib();
        fib.add(via("10.0.0.0/8", "1.1.1.1", 2));
        fib.add(via("11.0.0.0/8", "1.1.1.1", 3));
        fib.add(new Route(RouteTable.MAIN, RouteType.UNICAST, ip("12.0.0.0"), 8, 0, RouteProtocol.BOOT, 0, 0, 0,
                List.of(Nexthop.via(ip("1.1.1.1"), 2), Nexthop.via(ip("2.2.2.2"), 3))));
        fib.flushDev(2);
        assertEquals(List.of(via("11.0.0.0/8", "1.1.1.1", 3)), fib.table(RouteTable.MAIN));
    }
}
