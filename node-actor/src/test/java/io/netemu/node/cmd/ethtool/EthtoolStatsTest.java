package io.netemu.node.cmd.ethtool;

import static io.netemu.node.cmd.ethtool.EthtoolFixture.err;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.device.xdp.XdpCounters;
import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.dev.QueueStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * -S. veth's own lines and their order are Linux 6.18's (peer_ifindex, the seven rx_queue_N_*
 * and two tx_queue_N_* XDP counters, checked on this machine); netemu adds per queue
 * rx/tx_queue_N_packets and _bytes (igb/ixgbe's names) and rx_queue_N_polls. The errors, lo's
 * and the bridge's answers and the groups header are ethtool 6.1's.
 */
class EthtoolStatsTest {
    private final EthtoolFixture f = new EthtoolFixture();

    @Test
    void perQueueCountersOfEachChannel() {
        f.run("-L", "t10ha", "combined", "2");
        f.ns.setQueueStats(f.a.ifindex(), List.of(
                new QueueStats(10, 1000, 1, 4, 10, 0, 7, 700, XdpCounters.ZERO),
                new QueueStats(20, 2500, 0, 3, 20, 1, 5, 640, new XdpCounters(2, 120, 0, 1, 0, 0, 0, 0))));
        assertEquals(CommandResult.ok("NIC statistics:\n"
                + "     peer_ifindex: 2\n"
                + "     rx_queue_0_packets: 10\n     rx_queue_0_bytes: 1000\n"
                + "     rx_queue_0_xdp_packets: 0\n     rx_queue_0_xdp_bytes: 0\n     rx_queue_0_drops: 1\n"
                + "     rx_queue_0_xdp_redirect: 0\n     rx_queue_0_xdp_drops: 0\n     rx_queue_0_xdp_tx: 0\n"
                + "     rx_queue_0_xdp_tx_errors: 0\n     rx_queue_0_polls: 4\n"
                + "     rx_queue_1_packets: 20\n     rx_queue_1_bytes: 2500\n"
                + "     rx_queue_1_xdp_packets: 2\n     rx_queue_1_xdp_bytes: 120\n     rx_queue_1_drops: 0\n"
                + "     rx_queue_1_xdp_redirect: 0\n     rx_queue_1_xdp_drops: 1\n     rx_queue_1_xdp_tx: 0\n"
                + "     rx_queue_1_xdp_tx_errors: 0\n     rx_queue_1_polls: 3\n"
                + "     tx_queue_0_packets: 7\n     tx_queue_0_bytes: 700\n"
                + "     tx_queue_0_xdp_xmit: 0\n     tx_queue_0_xdp_xmit_errors: 0\n"
                + "     tx_queue_1_packets: 5\n     tx_queue_1_bytes: 640\n"
                + "     tx_queue_1_xdp_xmit: 0\n     tx_queue_1_xdp_xmit_errors: 0\n"), f.run("-S", "t10ha"));
    }

    @Test
    void queuesNotYetCountedShowZero() {
        String s = f.run("--statistics", "t10hb").stdout();
        assertEquals("NIC statistics:\n     peer_ifindex: 3\n     rx_queue_0_packets: 0\n", s.substring(0, s.indexOf("     rx_queue_0_bytes")));
    }

    @Test
    void devicesWithoutCountersAndErrors() {
        assertEquals(err(94, "no stats available\n"), f.run("-S", "lo"));
        assertEquals(err(94, "no stats available\n"), f.run("-S", "t10hbr3"));
        assertEquals(err(96, "Cannot get stats strings information: No such device\n"), f.run("-S", "nosuch"));
        assertEquals(err(1, "ethtool (-S): unknown parameter 'extra'\n"), f.run("-S", "t10ha", "extra"));
        assertEquals(err(1, "ethtool (-S): no value for parameter '--groups'\n"), f.run("-S", "t10ha", "--groups"));
        assertEquals(err(1, "ethtool (-S): duplicate parameter '--groups'\n"),
                f.run("-S", "t10ha", "--all-groups", "--groups", "rmon"));
        assertEquals(CommandResult.ok("Standard stats for t10ha:\n"), f.run("-S", "t10ha", "--all-groups"));
        assertEquals(CommandResult.ok("Standard stats for lo:\n"), f.run("-S", "lo", "--groups", "rmon"));
        assertEquals(err(1, "netlink error: no device matches name (offset 24)\nnetlink error: No such device\n"),
                f.run("-S", "nosuch", "--all-groups"));
    }
}
