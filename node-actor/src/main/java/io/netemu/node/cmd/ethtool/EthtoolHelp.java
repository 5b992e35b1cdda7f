package io.netemu.node.cmd.ethtool;

/**
 * {@code ethtool -h}: ethtool 6.1's usage, cut to the options and flags netemu emulates (the
 * lines as ethtool prints them, tabs included), with a last line saying so.
 */
final class EthtoolHelp {
    static final String TEXT = """
            Usage:
                    ethtool [ FLAGS ]  DEVNAME\tDisplay standard information about device
                    ethtool [ FLAGS ] -c|--show-coalesce DEVNAME\tShow coalesce options
                    ethtool [ FLAGS ] -C|--coalesce DEVNAME\tSet coalesce options
            \t\t[adaptive-rx on|off]
            \t\t[adaptive-tx on|off]
            \t\t[rx-usecs N]
            \t\t[rx-frames N]
            \t\t[rx-usecs-irq N]
            \t\t[rx-frames-irq N]
            \t\t[tx-usecs N]
            \t\t[tx-frames N]
            \t\t[tx-usecs-irq N]
            \t\t[tx-frames-irq N]
            \t\t[stats-block-usecs N]
            \t\t[pkt-rate-low N]
            \t\t[rx-usecs-low N]
            \t\t[rx-frames-low N]
            \t\t[tx-usecs-low N]
            \t\t[tx-frames-low N]
            \t\t[pkt-rate-high N]
            \t\t[rx-usecs-high N]
            \t\t[rx-frames-high N]
            \t\t[tx-usecs-high N]
            \t\t[tx-frames-high N]
            \t\t[sample-interval N]
            \t\t[cqe-mode-rx on|off]
            \t\t[cqe-mode-tx on|off]
                    ethtool [ FLAGS ] -g|--show-ring DEVNAME\tQuery RX/TX ring parameters
                    ethtool [ FLAGS ] -G|--set-ring DEVNAME\tSet RX/TX ring parameters
            \t\t[ rx N ]
            \t\t[ rx-mini N ]
            \t\t[ rx-jumbo N ]
            \t\t[ tx N ]
            \t\t[ rx-buf-len N]
                         [ cqe-size N]
            \t\t[ tx-push on|off]
                    ethtool [ FLAGS ] -k|--show-features|--show-offload DEVNAME\tGet state of protocol offload and other features
                    ethtool [ FLAGS ] -K|--features|--offload DEVNAME\tSet protocol offload and other features
            \t\tFEATURE on|off ...
                    ethtool [ FLAGS ] -i|--driver DEVNAME\tShow driver information
                    ethtool [ FLAGS ] -S|--statistics DEVNAME\tShow adapter statistics
                           [ --all-groups | --groups [eth-phy] [eth-mac] [eth-ctrl] [rmon] ]
                    ethtool [ FLAGS ] -l|--show-channels DEVNAME\tQuery Channels
                    ethtool [ FLAGS ] -L|--set-channels DEVNAME\tSet Channels
                           [ rx N ]
                           [ tx N ]
                           [ other N ]
                           [ combined N ]
                    ethtool [ FLAGS ] -h|--help \t\tShow this help
                    ethtool [ FLAGS ] --version \t\tShow version number

            FLAGS:
            \t--debug MASK\tturn on debugging messages
            \t-I|--include-statistics\t\trequest device statistics related to the command (not supported by all commands)

            netemu emulates only the options and flags above.
            """;

    private EthtoolHelp() {}
}
