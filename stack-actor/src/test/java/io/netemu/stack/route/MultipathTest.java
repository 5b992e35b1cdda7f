package io.netemu.stack.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.NetException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hash-threshold multipath (fib_rebalance, fib_select_multipath): shares by weight, one flow one path. */
class MultipathTest {
    static final int GW1 = Ipv4Address.parse("10.0.1.1");
    static final int GW2 = Ipv4Address.parse("10.0.2.1");
    static final int GW3 = Ipv4Address.parse("10.0.3.1");

    static Fib fibWith(Nexthop... nhs) throws NetException {
        Fib fib = new Fib();
        fib.add(new Route(RouteTable.MAIN, RouteType.UNICAST, Ipv4Address.parse("10.9.0.0"), 16, 0, RouteProtocol.STATIC,
                0, 0, 0, List.of(nhs)));
        return fib;
    }

    static int[] share(Fib fib, int flows) {
        Random rnd = new Random(7);
        int[] count = new int[4];
        for (int i = 0; i < flows; i++) {
            int src = rnd.nextInt();
            int dst = 0x0A090000 | rnd.nextInt(0x10000);
            FibResult r = fib.lookup(dst, MultipathHash.l3(src, dst));
            int gw = r.nexthop().gateway();
            count[gw == GW1 ? 1 : gw == GW2 ? 2 : 3]++;
            assertEquals(r.nexthop(), fib.lookup(dst, MultipathHash.l3(src, dst)).nexthop(), "a flow keeps its path");
        }
        return count;
    }

    @Test
    void weightsOneAndTwoSplitAThirdAndTwoThirds() throws NetException {
        Fib fib = fibWith(new Nexthop(GW1, 2, 1, false), new Nexthop(GW2, 3, 2, false));
        int[] c = share(fib, 30000);
        assertEquals(1.0 / 3, c[1] / 30000.0, 0.015);
        assertEquals(2.0 / 3, c[2] / 30000.0, 0.015);
    }

    @Test
    void equalWeightsSplitEvenly() throws NetException {
        Fib fib = fibWith(Nexthop.via(GW1, 2), Nexthop.via(GW2, 3), Nexthop.via(GW3, 4));
        int[] c = share(fib, 30000);
        for (int i = 1; i <= 3; i++) {
            assertEquals(1.0 / 3, c[i] / 30000.0, 0.015);
        }
    }

    @Test
    void boundsCoverTheWholeHashSpace() throws NetException {
        Fib fib = fibWith(new Nexthop(GW1, 2, 1, false), new Nexthop(GW2, 3, 256, false));
        assertEquals(GW1, fib.lookup(Ipv4Address.parse("10.9.0.1"), 0).nexthop().gateway());
        assertEquals(GW2, fib.lookup(Ipv4Address.parse("10.9.0.1"), 0x7FFF_FFFF).nexthop().gateway());
        assertEquals(GW2, fib.lookup(Ipv4Address.parse("10.9.0.1"), -1).nexthop().gateway(), "only 31 bits count");
    }

    @Test
    void aDeadNexthopGetsNoFlows() throws NetException {
        Fib fib = fibWith(Nexthop.via(GW1, 2), Nexthop.via(GW2, 3), Nexthop.via(GW3, 4));
        fib.syncDownDev(3, false);
        int[] c = share(fib, 10000);
        assertEquals(0, c[2]);
        assertEquals(0.5, c[1] / 10000.0, 0.02);
        Route r = fib.table(RouteTable.MAIN).get(0);
        assertTrue(fib.nexthopDead(r, 1));
        fib.syncUp(3, true, true);
        assertTrue(share(fib, 10000)[2] > 2500);
    }

    @Test
    void anOifPinsThePath() throws NetException {
        Fib fib = fibWith(Nexthop.via(GW1, 2), Nexthop.via(GW2, 3));
        for (int h = 0; h < 1000; h++) {
            assertEquals(GW2, fib.lookup(Ipv4Address.parse("10.9.0.1"), 0, 3, 0, h * 2_000_000).nexthop().gateway());
        }
    }
}
