package io.netemu.node.cmd.nc;

import java.util.Map;

/** The few /etc/services names (Debian's netbase) nc and ss print for well-known ports; others print as numbers or {@code *}. */
public final class Services {
    private static final Map<Integer, String> TCP = Map.ofEntries(Map.entry(21, "ftp"), Map.entry(22, "ssh"),
            Map.entry(23, "telnet"), Map.entry(25, "smtp"), Map.entry(53, "domain"), Map.entry(80, "http"),
            Map.entry(161, "snmp"), Map.entry(443, "https"));
    private static final Map<Integer, String> UDP = Map.ofEntries(Map.entry(53, "domain"), Map.entry(67, "bootps"),
            Map.entry(69, "tftp"), Map.entry(123, "ntp"), Map.entry(161, "snmp"), Map.entry(443, "https"),
            Map.entry(5353, "mdns"));

    private Services() {}

    /** getservbyport: the name or null. */
    public static String name(int port, boolean udp) {
        return (udp ? UDP : TCP).get(port);
    }
}
