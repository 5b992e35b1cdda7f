package io.netemu.node.cmd.ethtool;

import static io.netemu.node.cmd.ethtool.EthtoolFixture.err;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.DevEffect;
import io.netemu.stack.dev.NicConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * -g/-G, -l/-L, -c/-C: what netemu's veth tunes. Linux's veth has no rings or coalescing (both
 * "Operation not supported" on this machine) and separate rx/tx channels, so the formats are
 * ethtool 6.1's as it prints them for virtio_net here (same lines, n/a for what a driver does
 * not report), and the errors are the kernel's (net/ethtool/{rings,channels,coalesce}.c) with
 * ethtool's offsets and statuses, checked on real veths where they apply: offsets of channel
 * counts ("-L t10ha rx 9": offset 36, "tx 1 rx 9": 44), the parser's messages, policy and
 * unsupported ring parameters, lo's and unknown devices' answers and statuses (1, or 81 for -G).
 */
class EthtoolNicTest {
    private final EthtoolFixture f = new EthtoolFixture();

    private void assertApplied(NicConfig want) {
        assertEquals(want, f.a.nic());
        assertEquals(List.of(new DevEffect.Nic(f.a.ifindex(), want)), f.ns.drainEffects());
    }

    @Test
    void ringsShowAndSet() {
        String rings = "Ring parameters for t10ha:\nPre-set maximums:\nRX:\t\t4096\nRX Mini:\tn/a\nRX Jumbo:\tn/a\n"
                + "TX:\t\t4096\nCurrent hardware settings:\nRX:\t\t%d\nRX Mini:\tn/a\nRX Jumbo:\tn/a\nTX:\t\t%d\n"
                + "RX Buf Len:\t\tn/a\nCQE Size:\t\tn/a\nTX Push:\toff\nTCP data split:\tn/a\n";
        assertEquals(CommandResult.ok(rings.formatted(1024, 1024)), f.run("-g", "t10ha"));
        assertEquals(CommandResult.ok(""), f.run("-G", "t10ha", "rx", "256", "tx", "4096"));
        assertApplied(NicConfig.DEFAULT.withRings(256, 4096));
        assertEquals(CommandResult.ok(rings.formatted(256, 4096)), f.run("--show-ring", "t10ha"));
        assertEquals(CommandResult.ok(""), f.run("-G", "t10ha", "rx", "256", "rx-mini", "0"));
        assertEquals(List.of(), f.ns.drainEffects()); // nothing changed: nothing sent to the device
    }

    @Test
    void ringErrors() {
        String unsupported = "netlink error: %s (offset %d)\nnetlink error: Operation not supported\n";
        assertEquals(err(81, "netlink error: requested ring size exceeds maximum (offset 44)\nnetlink error: Invalid argument\n"),
                f.run("-G", "t10ha", "rx", "16", "tx", "4097"));
        assertEquals(err(81, "netlink error: requested ring size exceeds maximum (offset 36)\nnetlink error: Invalid argument\n"),
                f.run("-G", "t10ha", "rx-jumbo", "1"));
        assertEquals(err(81, "netlink error: Invalid argument\n"), f.run("-G", "t10ha", "rx", "0"));
        assertEquals(err(81, "netlink error: integer out of range (offset 36)\nnetlink error: Numerical result out of range\n"),
                f.run("-G", "nosuch", "rx-buf-len", "0")); // the policy is checked before the device
        assertEquals(err(81, unsupported.formatted("setting rx buf len not supported", 44)),
                f.run("-G", "t10ha", "tx-push", "on", "rx-buf-len", "5"));
        assertEquals(err(81, unsupported.formatted("setting tx push not supported", 32)), f.run("-G", "lo", "tx-push", "off"));
        assertEquals(err(81, "netlink error: Operation not supported\n"), f.run("-G", "lo", "rx", "1"));
        assertEquals(err(81, "netlink error: no device matches name (offset 24)\nnetlink error: No such device\n"),
                f.run("-G", "nosuch", "rx", "1"));
        assertEquals(err(1, "netlink error: Operation not supported\n"), f.run("-g", "lo"));
        assertEquals(err(1, "ethtool (-G): invalid value 'maybe' for parameter 'tx-push'\n"),
                f.run("-G", "t10ha", "tx-push", "maybe"));
        assertEquals(NicConfig.DEFAULT, f.a.nic());
    }

    @Test
    void channelsShowAndSet() {
        String channels = "Channel parameters for t10ha:\nPre-set maximums:\nRX:\t\tn/a\nTX:\t\tn/a\nOther:\t\tn/a\n"
                + "Combined:\t64\nCurrent hardware settings:\nRX:\t\tn/a\nTX:\t\tn/a\nOther:\t\tn/a\nCombined:\t%d\n";
        assertEquals(CommandResult.ok(channels.formatted(1)), f.run("-l", "t10ha"));
        assertEquals(CommandResult.ok(""), f.run("-L", "t10ha", "combined", "4", "rx", "0"));
        assertApplied(NicConfig.DEFAULT.withChannels(4));
        assertEquals(CommandResult.ok(channels.formatted(4)), f.run("--show-channels", "t10ha"));
        assertEquals(CommandResult.ok(""), f.run("-L", "t10ha")); // nothing asked, nothing done
    }

    @Test
    void channelErrors() {
        String exceeds = "netlink error: requested channel count exceeds maximum (offset %d)\nnetlink error: Invalid argument\n";
        assertEquals(err(1, exceeds.formatted(36)), f.run("-L", "t10ha", "rx", "9"));
        assertEquals(err(1, exceeds.formatted(44)), f.run("-L", "t10ha", "combined", "99", "tx", "1")); // tx is checked first
        assertEquals(err(1, exceeds.formatted(36)), f.run("-L", "t10ha", "combined", "65"));
        assertEquals(err(1, exceeds.formatted(32)), new EthtoolFixture() {{ ns.devs().rename(a, "va"); }}.run("-L", "va", "rx", "9"));
        assertEquals(err(1, "netlink error: requested channel counts would result in no RX or TX channel being configured"
                + " (offset 44)\nnetlink error: Invalid argument\n"), f.run("-L", "t10ha", "rx", "0", "combined", "0"));
        assertEquals(err(1, "ethtool (-L): unknown parameter 'foo'\n"), f.run("-L", "t10ha", "foo", "1"));
        assertEquals(err(1, "ethtool (-L): no value for parameter 'rx'\n"), f.run("-L", "t10ha", "rx"));
        assertEquals(err(1, "ethtool (-L): duplicate parameter 'rx'\n"), f.run("-L", "t10ha", "rx", "1", "rx"));
        assertEquals(err(1, "ethtool (-L): invalid value '-1' for parameter 'rx'\n"), f.run("-L", "t10ha", "rx", "-1"));
        assertEquals(err(1, "netlink error: Operation not supported\n"), f.run("-L", "lo", "combined", "1"));
        assertEquals(err(1, "netlink error: no device matches name (offset 24)\nnetlink error: No such device\n"),
                f.run("-l", "nosuch"));
        assertEquals(NicConfig.DEFAULT, f.a.nic());
    }

    @Test
    void coalesceShowAndSet() {
        String coalesce = "Coalesce parameters for t10ha:\nAdaptive RX: n/a  TX: n/a\nstats-block-usecs: n/a\n"
                + "sample-interval: n/a\npkt-rate-low: n/a\npkt-rate-high: n/a\n\n"
                + "rx-usecs: %d\nrx-frames: %d\nrx-usecs-irq: n/a\nrx-frames-irq: n/a\n\n"
                + "tx-usecs: %d\ntx-frames: %d\ntx-usecs-irq: n/a\ntx-frames-irq: n/a\n\n"
                + "rx-usecs-low: n/a\nrx-frame-low: n/a\ntx-usecs-low: n/a\ntx-frame-low: n/a\n\n"
                + "rx-usecs-high: n/a\nrx-frame-high: n/a\ntx-usecs-high: n/a\ntx-frame-high: n/a\n\n"
                + "CQE mode RX: n/a  TX: n/a\n\n";
        assertEquals(CommandResult.ok(coalesce.formatted(0, 0, 0, 0)), f.run("-c", "t10ha"));
        assertEquals(CommandResult.ok(""), f.run("-C", "t10ha", "rx-usecs", "50", "rx-frames", "32", "tx-frames", "8"));
        assertApplied(NicConfig.DEFAULT.withRxCoalesce(50, 32).withTxCoalesce(0, 8));
        assertEquals(CommandResult.ok(coalesce.formatted(50, 32, 0, 8)), f.run("--show-coalesce", "t10ha"));
    }

    @Test
    void coalesceErrors() {
        String unsupported = "netlink error: cannot modify an unsupported parameter (offset %d)\nnetlink error: Invalid argument\n";
        assertEquals(err(1, unsupported.formatted(36)), f.run("-C", "t10ha", "adaptive-rx", "off"));
        // the lowest attribute type is named, wherever it was typed: rx-usecs-irq (4) before adaptive-rx (11)
        assertEquals(err(1, unsupported.formatted(52)),
                f.run("-C", "t10ha", "rx-usecs", "5", "adaptive-rx", "on", "rx-usecs-irq", "5"));
        assertEquals(err(1, "netlink error: Numerical result out of range\n"), f.run("-C", "t10ha", "rx-usecs", "4096"));
        assertEquals(err(1, "netlink error: Numerical result out of range\n"), f.run("-C", "t10ha", "tx-frames", "65536"));
        assertEquals(err(1, "netlink error: Operation not supported\n"), f.run("-C", "lo", "rx-usecs", "1"));
        assertEquals(err(1, "netlink error: Operation not supported\n"), f.run("-c", "t10hbr3"));
        assertEquals(err(1, "ethtool (-C): duplicate parameter 'rx-usecs'\n"), f.run("-C", "t10ha", "rx-usecs", "1", "rx-usecs", "2"));
        assertEquals(err(1, "ethtool (-C): invalid value 'maybe' for parameter 'adaptive-rx'\n"),
                f.run("-C", "t10ha", "adaptive-rx", "maybe"));
        assertEquals(NicConfig.DEFAULT, f.a.nic());
        assertEquals(List.of(), f.ns.drainEffects());
    }
}
