package io.netemu.node.cmd.ethtool;

import static io.netemu.node.cmd.ethtool.EthtoolFixture.err;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.DevEffect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * -k/-K. Every output here is ethtool 6.1's on Linux 6.18 (this machine) for the same commands,
 * in the same order, on a fresh namespace with the fixture's devices: the three feature lists,
 * the "Actual changes" of each -K (dependencies included) and the errors.
 */
class EthtoolFeaturesTest {
    private static final String VETH = """
            Features for t10ha:
            rx-checksumming: on
            tx-checksumming: on
            \ttx-checksum-ipv4: off [fixed]
            \ttx-checksum-ip-generic: on
            \ttx-checksum-ipv6: off [fixed]
            \ttx-checksum-fcoe-crc: off [fixed]
            \ttx-checksum-sctp: on
            scatter-gather: on
            \ttx-scatter-gather: on
            \ttx-scatter-gather-fraglist: on
            tcp-segmentation-offload: on
            \ttx-tcp-segmentation: on
            \ttx-tcp-ecn-segmentation: on
            \ttx-tcp-mangleid-segmentation: on
            \ttx-tcp6-segmentation: on
            \ttx-tcp-accecn-segmentation: on
            generic-segmentation-offload: on
            generic-receive-offload: off
            large-receive-offload: off [fixed]
            rx-vlan-offload: on
            tx-vlan-offload: on
            ntuple-filters: off [fixed]
            receive-hashing: off [fixed]
            highdma: on
            rx-vlan-filter: off [fixed]
            vlan-challenged: off [fixed]
            tx-gso-robust: off [fixed]
            tx-fcoe-segmentation: off [fixed]
            tx-gre-segmentation: on
            tx-gre-csum-segmentation: on
            tx-ipxip4-segmentation: on
            tx-ipxip6-segmentation: on
            tx-udp_tnl-segmentation: on
            tx-udp_tnl-csum-segmentation: on
            tx-gso-partial: off [fixed]
            tx-tunnel-remcsum-segmentation: off [fixed]
            tx-sctp-segmentation: on
            tx-esp-segmentation: off [fixed]
            tx-udp-segmentation: on
            tx-gso-list: on
            tx-nocache-copy: off
            loopback: off [fixed]
            rx-fcs: off [fixed]
            rx-all: off [fixed]
            tx-vlan-stag-hw-insert: on
            rx-vlan-stag-hw-parse: on
            rx-vlan-stag-filter: off [fixed]
            l2-fwd-offload: off [fixed]
            hw-tc-offload: off [fixed]
            esp-hw-offload: off [fixed]
            esp-tx-csum-hw-offload: off [fixed]
            rx-udp_tunnel-port-offload: off [fixed]
            tls-hw-tx-offload: off [fixed]
            tls-hw-rx-offload: off [fixed]
            rx-gro-hw: off [fixed]
            tls-hw-record: off [fixed]
            rx-gro-list: off
            macsec-hw-offload: off [fixed]
            rx-udp-gro-forwarding: off
            hsr-tag-ins-offload: off [fixed]
            hsr-tag-rm-offload: off [fixed]
            hsr-fwd-offload: off [fixed]
            hsr-dup-offload: off [fixed]
            """;
    private static final String LO = """
            Features for lo:
            rx-checksumming: on [fixed]
            tx-checksumming: on
            \ttx-checksum-ipv4: off [fixed]
            \ttx-checksum-ip-generic: on [fixed]
            \ttx-checksum-ipv6: off [fixed]
            \ttx-checksum-fcoe-crc: off [fixed]
            \ttx-checksum-sctp: on [fixed]
            scatter-gather: on
            \ttx-scatter-gather: on [fixed]
            \ttx-scatter-gather-fraglist: on [fixed]
            tcp-segmentation-offload: on
            \ttx-tcp-segmentation: on
            \ttx-tcp-ecn-segmentation: on
            \ttx-tcp-mangleid-segmentation: on
            \ttx-tcp6-segmentation: on
            \ttx-tcp-accecn-segmentation: on
            generic-segmentation-offload: on
            generic-receive-offload: on
            large-receive-offload: off [fixed]
            rx-vlan-offload: off [fixed]
            tx-vlan-offload: off [fixed]
            ntuple-filters: off [fixed]
            receive-hashing: off [fixed]
            highdma: on [fixed]
            rx-vlan-filter: off [fixed]
            vlan-challenged: on [fixed]
            tx-gso-robust: off [fixed]
            tx-fcoe-segmentation: off [fixed]
            tx-gre-segmentation: off [fixed]
            tx-gre-csum-segmentation: off [fixed]
            tx-ipxip4-segmentation: off [fixed]
            tx-ipxip6-segmentation: off [fixed]
            tx-udp_tnl-segmentation: off [fixed]
            tx-udp_tnl-csum-segmentation: off [fixed]
            tx-gso-partial: off [fixed]
            tx-tunnel-remcsum-segmentation: off [fixed]
            tx-sctp-segmentation: on
            tx-esp-segmentation: off [fixed]
            tx-udp-segmentation: on
            tx-gso-list: on
            tx-nocache-copy: off [fixed]
            loopback: on [fixed]
            rx-fcs: off [fixed]
            rx-all: off [fixed]
            tx-vlan-stag-hw-insert: off [fixed]
            rx-vlan-stag-hw-parse: off [fixed]
            rx-vlan-stag-filter: off [fixed]
            l2-fwd-offload: off [fixed]
            hw-tc-offload: off [fixed]
            esp-hw-offload: off [fixed]
            esp-tx-csum-hw-offload: off [fixed]
            rx-udp_tunnel-port-offload: off [fixed]
            tls-hw-tx-offload: off [fixed]
            tls-hw-rx-offload: off [fixed]
            rx-gro-hw: off [fixed]
            tls-hw-record: off [fixed]
            rx-gro-list: off
            macsec-hw-offload: off [fixed]
            rx-udp-gro-forwarding: off
            hsr-tag-ins-offload: off [fixed]
            hsr-tag-rm-offload: off [fixed]
            hsr-fwd-offload: off [fixed]
            hsr-dup-offload: off [fixed]
            """;
    private static final String BRIDGE = """
            Features for t10hbr3:
            rx-checksumming: off [fixed]
            tx-checksumming: on
            \ttx-checksum-ipv4: off [fixed]
            \ttx-checksum-ip-generic: on
            \ttx-checksum-ipv6: off [fixed]
            \ttx-checksum-fcoe-crc: off [fixed]
            \ttx-checksum-sctp: off [fixed]
            scatter-gather: on
            \ttx-scatter-gather: on
            \ttx-scatter-gather-fraglist: on
            tcp-segmentation-offload: on
            \ttx-tcp-segmentation: on
            \ttx-tcp-ecn-segmentation: on
            \ttx-tcp-mangleid-segmentation: on
            \ttx-tcp6-segmentation: on
            \ttx-tcp-accecn-segmentation: on
            generic-segmentation-offload: on
            generic-receive-offload: on
            large-receive-offload: off [fixed]
            rx-vlan-offload: off [fixed]
            tx-vlan-offload: on
            ntuple-filters: off [fixed]
            receive-hashing: off [fixed]
            highdma: on
            rx-vlan-filter: off [fixed]
            vlan-challenged: off [fixed]
            tx-gso-robust: on
            tx-fcoe-segmentation: on
            tx-gre-segmentation: on
            tx-gre-csum-segmentation: on
            tx-ipxip4-segmentation: on
            tx-ipxip6-segmentation: on
            tx-udp_tnl-segmentation: on
            tx-udp_tnl-csum-segmentation: on
            tx-gso-partial: on
            tx-tunnel-remcsum-segmentation: on
            tx-sctp-segmentation: on
            tx-esp-segmentation: on
            tx-udp-segmentation: on
            tx-gso-list: on
            tx-nocache-copy: off
            loopback: off [fixed]
            rx-fcs: off [fixed]
            rx-all: off [fixed]
            tx-vlan-stag-hw-insert: on
            rx-vlan-stag-hw-parse: off [fixed]
            rx-vlan-stag-filter: off [fixed]
            l2-fwd-offload: off [fixed]
            hw-tc-offload: off [fixed]
            esp-hw-offload: off [fixed]
            esp-tx-csum-hw-offload: off [fixed]
            rx-udp_tunnel-port-offload: off [fixed]
            tls-hw-tx-offload: off [fixed]
            tls-hw-rx-offload: off [fixed]
            rx-gro-hw: off [fixed]
            tls-hw-record: off [fixed]
            rx-gro-list: off
            macsec-hw-offload: off [fixed]
            rx-udp-gro-forwarding: off
            hsr-tag-ins-offload: off [fixed]
            hsr-tag-rm-offload: off [fixed]
            hsr-fwd-offload: off [fixed]
            hsr-dup-offload: off [fixed]
            """;

    private final EthtoolFixture f = new EthtoolFixture();

    private static CommandResult out(String stdout) {
        return CommandResult.ok(stdout);
    }

    @Test
    void listsAsARealVethLoAndBridge() {
        assertEquals(out(VETH), f.run("-k", "t10ha"));
        assertEquals(out(LO), f.run("--show-features", "lo"));
        assertEquals(out(BRIDGE), f.run("--show-offload", "t10hbr3"));
        assertEquals(err(1, "netlink error: no device matches name (offset 24)\nnetlink error: No such device\n"),
                f.run("-k", "nosuch"));
    }

    @Test
    void setsWhatCanChangeAndReportsTheRest() {
        assertEquals(out(""), f.run("-K", "t10ha", "gro", "on"));
        assertEquals(Map.of("rx-gro", true), f.a.nic().features().on());
        assertEquals(List.of(new DevEffect.Nic(f.a.ifindex(), f.a.nic())), f.ns.drainEffects());
        assertEquals(out(""), f.run("-K", "t10ha", "gro", "on"));
        assertEquals(List.of(), f.ns.drainEffects()); // unchanged: nothing for the device actor
        assertEquals(new CommandResult(1, "Actual changes:\nrx-lro: off [requested on]\n",
                "Could not change any device features\n"), f.run("-K", "t10ha", "lro", "on"));
        assertEquals(new CommandResult(1, "", "Could not change any device features\n"), f.run("-K", "t10ha"));
        assertEquals(new CommandResult(1, "", "Could not change any device features\n"), f.run("-K", "t10ha", "ufo", "on"));
        assertEquals(out("Actual changes:\nrx-gro: off\nrx-lro: off [requested on]\n"),
                f.run("-K", "t10ha", "gro", "off", "lro", "on"));
        assertEquals(out("Actual changes:\ntx-checksum-ipv4: off [requested on]\ntx-checksum-ipv6: off [requested on]\n"
                + "rx-gro: on\ntx-checksum-fcoe-crc: off [requested on]\n"), f.run("-K", "t10ha", "rx-gro", "on", "tx", "on"));
        assertEquals(new CommandResult(1, "Actual changes:\nrx-ntuple-filter: off [requested on]\nrx-hashing: off [requested on]\n",
                "Could not change any device features\n"), f.run("-K", "t10ha", "ntuple", "on", "rxhash", "on"));
    }

    @Test
    void dependenciesDropAndRestoreFeatures() {
        assertEquals(out("Actual changes:\ntx-checksum-ip-generic: off\ntx-tcp-segmentation: off [not requested]\n"
                + "tx-tcp-ecn-segmentation: off [not requested]\ntx-tcp-mangleid-segmentation: off [not requested]\n"
                + "tx-tcp6-segmentation: off [not requested]\ntx-udp-segmentation: off [not requested]\n"
                + "tx-checksum-sctp: off\n"), f.run("-K", "t10ha", "tx", "off"));
        String k = f.run("-k", "t10ha").stdout();
        assertTrue(k.contains("tcp-segmentation-offload: on\n\ttx-tcp-segmentation: off [requested on]\n"), k);
        // what the data path would read: the active value, the wanted one kept aside
        assertEquals(false, f.a.nic().features().get("tx-tcp-segmentation", true));
        assertEquals(true, f.a.nic().features().get("wanted:tx-tcp-segmentation", false));
        assertEquals(out("Actual changes:\ntx-checksum-ipv4: off [requested on]\ntx-checksum-ip-generic: on\n"
                + "tx-checksum-ipv6: off [requested on]\ntx-tcp-segmentation: on [not requested]\n"
                + "tx-tcp-ecn-segmentation: on [not requested]\ntx-tcp-mangleid-segmentation: on [not requested]\n"
                + "tx-tcp6-segmentation: on [not requested]\ntx-udp-segmentation: on [not requested]\n"
                + "tx-checksum-fcoe-crc: off [requested on]\ntx-checksum-sctp: on\n"), f.run("-K", "t10ha", "tx", "on"));
        assertEquals(Map.of(), f.a.nic().features().on()); // back to the defaults: nothing kept
        assertEquals(out("Actual changes:\ntx-scatter-gather: off\ntx-scatter-gather-fraglist: off\n"
                + "tx-generic-segmentation: off [not requested]\n"
                + "tx-tcp-segmentation: off [not requested]\ntx-tcp-ecn-segmentation: off [not requested]\n"
                + "tx-tcp-mangleid-segmentation: off [not requested]\ntx-tcp6-segmentation: off [not requested]\n"),
                f.run("-K", "t10ha", "sg", "off"));
        assertEquals(out("Actual changes:\ntx-tcp-segmentation: off\ntx-tcp-ecn-segmentation: off [not requested]\n"
                + "tx-tcp-mangleid-segmentation: off [not requested]\ntx-tcp6-segmentation: off\n"),
                new EthtoolFixture().run("-K", "t10ha", "tx-tcp-segmentation", "off", "tx-tcp6-segmentation", "off"));
    }

    @Test
    void aBridgeHasWhatItsPortsHave() {
        f.ns.linkSetMaster(f.b, f.br);
        String k = f.run("-k", "t10hbr3").stdout();
        // veth has neither: one-for-all (GSO_ROBUST) and all-for-all (FSO) features go
        assertTrue(k.contains("tx-gso-robust: off [requested on]\ntx-fcoe-segmentation: off [requested on]\n"), k);
        f.ns.linkSetMaster(f.b, null);
        assertEquals(out(BRIDGE), f.run("-k", "t10hbr3"));
    }

    @Test
    void errors() {
        assertEquals(err(92, "netlink error: bit name not found (offset 56)\nnetlink error: Operation not supported\n"),
                f.run("-K", "t10ha", "foo", "off", "bar", "on"));
        assertEquals(err(92, "netlink error: bit name not found (offset 76)\nnetlink error: Operation not supported\n"),
                f.run("-K", "t10ha", "gro", "on", "foo", "on"));
        assertEquals(err(92, "netlink error: bit name not found (offset 224)\nnetlink error: Operation not supported\n"),
                f.run("-K", "t10ha", "tso", "off", "foo", "on"));
        assertEquals(err(92, "netlink error: attempt to change non-ethtool features\nnetlink error: Invalid argument\n"),
                f.run("-K", "t10ha", "vlan-challenged", "off"));
        assertEquals(err(92, "netlink error: no device matches name (offset 24)\nnetlink error: No such device\n"),
                f.run("-K", "nosuch", "gro", "on"));
        assertEquals(err(1, "ethtool (-K): flag '(null)' for parameter '(null)' is not followed by 'on' or 'off'\n"),
                f.run("-K", "t10ha", "gro"));
        assertEquals(err(1, "ethtool (-K): flag 'maybe' for parameter '(null)' is not followed by 'on' or 'off'\n"),
                f.run("-K", "t10ha", "gro", "maybe"));
        assertFalse(f.a.nic().features().get("rx-gro", false));
    }
}
