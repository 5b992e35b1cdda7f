package io.netemu.node.cmd.nft;

/** {@code nft -h} (nftables 1.0.6 main.c show_help). */
final class NftUsage {
    static final String TEXT = """
            Usage: nft [ options ] [ cmds... ]

            Options (general):
              -h, --help                      Show this help
              -v, --version                   Show version information
              -V                              Show extended version information

            Options (ruleset input handling):
              -f, --file <filename>           Read input from <filename>
              -D, --define <name=value>       Define variable, e.g. --define foo=1.2.3.4
              -i, --interactive               Read input from interactive CLI
              -I, --includepath <directory>   Add <directory> to the paths searched for include files. Default is: /etc
              -c, --check                     Check commands validity without actually applying the changes.
              -o, --optimize                  Optimize ruleset

            Options (ruleset list formatting):
              -a, --handle                    Output rule handle.
              -s, --stateless                 Omit stateful information of ruleset.
              -t, --terse                     Omit contents of sets.
              -S, --service                   Translate ports to service names as described in /etc/services.
              -N, --reversedns                Translate IP addresses to names.
              -u, --guid                      Print UID/GID as defined in /etc/passwd and /etc/group.
              -n, --numeric                   Print fully numerical output.
              -y, --numeric-priority          Print chain priority numerically.
              -p, --numeric-protocol          Print layer 4 protocols numerically.
              -T, --numeric-time              Print time values numerically.

            Options (command output formatting):
              -e, --echo                      Echo what has been added, inserted or replaced.
              -j, --json                      Format output in JSON
              -d, --debug <level [,level...]> Specify debugging level (scanner, parser, eval, netlink, mnl, proto-ctx, segtree, all)

            """;

    private NftUsage() {}
}
