package io.netemu.stack.sock;

import io.netemu.stack.sys.Sysctls;
import io.netemu.stack.tcp.TcpConfig;

/**
 * The {@link TcpConfig} a new socket gets from its namespace's sysctls, read when the socket is
 * created (as the kernel copies tcp_rmem/tcp_wmem into sk_rcvbuf/sk_sndbuf at socket creation).
 */
public final class TcpSysctls {
    private static final long S = 1_000_000_000L;

    private TcpSysctls() {}

    public static TcpConfig config(Sysctls s) {
        TcpConfig d = TcpConfig.linux();
        int[] rmem = triple(s, "net.ipv4.tcp_rmem", d.rmem());
        int[] wmem = triple(s, "net.ipv4.tcp_wmem", d.wmem());
        String cc = s.get("net.ipv4.tcp_congestion_control").orElse(d.congestion()).strip();
        return new TcpConfig(rmem, wmem, s.getInt("net.core.rmem_max"), s.getInt("net.ipv4.tcp_timestamps") != 0,
                s.getInt("net.ipv4.tcp_sack") != 0, s.getInt("net.ipv4.tcp_window_scaling") != 0, cc, d.initCwnd(),
                s.getInt("net.ipv4.tcp_fin_timeout") * S, d.timeWaitNs(), s.getInt("net.ipv4.tcp_syn_retries"),
                s.getInt("net.ipv4.tcp_synack_retries"), s.getInt("net.ipv4.tcp_retries2"), d.rtoMinNs(),
                d.rtoInitNs(), d.rtoMaxNs(), d.delackMinNs(), d.invalidRateLimitNs(),
                s.getInt("net.ipv4.tcp_moderate_rcvbuf") != 0, d.reordering());
    }

    /** The source range of ephemeral ports (net.ipv4.ip_local_port_range): {low, high}. */
    public static int[] localPortRange(Sysctls s) {
        return triple(s, "net.ipv4.ip_local_port_range", new int[] {32768, 60999});
    }

    private static int[] triple(Sysctls s, String key, int[] dflt) {
        String v = s.get(key).orElse(null);
        if (v == null) {
            return dflt;
        }
        String[] f = v.strip().split("\\s+");
        int[] r = new int[f.length];
        try {
            for (int i = 0; i < f.length; i++) {
                r[i] = Integer.parseInt(f[i]);
            }
        } catch (NumberFormatException e) {
            return dflt;
        }
        return r.length == dflt.length ? r : dflt;
    }
}
