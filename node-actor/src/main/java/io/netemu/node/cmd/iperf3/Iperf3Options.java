package io.netemu.node.cmd.iperf3;

import io.netemu.packet.wire.Ipv4Address;
import java.util.List;

/**
 * iperf3 3.12's command line, the options netemu runs: {@code -s [-p] [-1] [-D] [-J] [-i]} and
 * {@code -c HOST [-p] [-t|-n] [-b] [-u] [-P] [-R] [-l] [-J] [-i] [--cport] [-C] [-w] [-N]}.
 * {@code -D} (daemon) is accepted and ignored: a lab step is already in the background.
 */
record Iperf3Options(boolean server, String host, int addr, int port, boolean oneOff, int seconds, long bytes,
                     long rate, boolean udp, int parallel, boolean reverse, int len, boolean json,
                     double interval, int cport, String congestion, int window, boolean nodelay) {
    static final int DEFAULT_PORT = 5201;
    static final int TCP_BLKSIZE = 128 * 1024;
    /** UDP's default block: the control connection's MSS, as iperf3 takes it (1448 on Ethernet with timestamps). */
    static final int UDP_BLKSIZE = 1448;

    /** A refused command line: iperf3's message (exit 1). */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String msg) {
            super(msg, null, false, false);
        }
    }

    static Iperf3Options parse(List<String> argv) throws UsageException {
        boolean s = false, one = false, u = false, r = false, j = false, nd = false;
        String host = null, cc = null;
        int port = DEFAULT_PORT, t = 10, par = 1, len = 0, cport = 0, win = 0;
        long n = 0, b = -1;
        double iv = 1;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            String v = null;
            if (List.of("-c", "--client", "-p", "--port", "-t", "--time", "-n", "--bytes", "-b", "--bitrate",
                    "--bandwidth", "-P", "--parallel", "-l", "--length", "-i", "--interval", "--cport", "-C",
                    "--congestion", "-w", "--window").contains(a)) {
                if (++i >= argv.size()) {
                    throw new UsageException("iperf3: option requires an argument -- '" + a.replace("-", "") + "'");
                }
                v = argv.get(i);
            }
            try {
                switch (a) {
                    case "-s", "--server" -> s = true;
                    case "-c", "--client" -> host = v;
                    case "-p", "--port" -> port = Integer.parseInt(v);
                    case "-1", "--one-off" -> one = true;
                    case "-D", "--daemon" -> { }
                    case "-t", "--time" -> t = Integer.parseInt(v);
                    case "-n", "--bytes" -> n = IperfUnits.size(v);
                    case "-b", "--bitrate", "--bandwidth" -> b = IperfUnits.rate(v);
                    case "-u", "--udp" -> u = true;
                    case "-P", "--parallel" -> par = Integer.parseInt(v);
                    case "-R", "--reverse" -> r = true;
                    case "-l", "--length" -> len = (int) IperfUnits.size(v);
                    case "-J", "--json" -> j = true;
                    case "-i", "--interval" -> iv = Double.parseDouble(v);
                    case "--cport" -> cport = Integer.parseInt(v);
                    case "-C", "--congestion" -> cc = v;
                    case "-w", "--window" -> win = (int) IperfUnits.size(v);
                    case "-N", "--no-delay" -> nd = true;
                    default -> throw new UsageException("iperf3: unrecognized option '" + a + "'");
                }
            } catch (NumberFormatException e) {
                throw new UsageException("iperf3: parameter error - invalid value '" + v + "' for " + a);
            }
        }
        if (s == (host != null)) {
            throw new UsageException(s ? "iperf3: parameter error - cannot be both server and client"
                    : "iperf3: parameter error - must either be a client (-c) or server (-s)");
        }
        if (par < 1 || par > 128) {
            throw new UsageException("iperf3: parameter error - number of parallel streams must be between 1 and 128");
        }
        int addr = 0;
        if (host != null) {
            try {
                addr = Ipv4Address.parse(host);
            } catch (RuntimeException e) {
                throw new UsageException("iperf3: error - unable to connect to server - server may have stopped running or use a different port, firewall issue, etc.: Name or service not known");
            }
        }
        if (len == 0) {
            len = u ? UDP_BLKSIZE : TCP_BLKSIZE;
        }
        if (b < 0) {
            b = u ? 1_000_000 : 0; // UDP's default 1 Mbit/s; TCP unlimited
        }
        return new Iperf3Options(s, host, addr, port, one, t, n, b, u, par, r, len, j, iv, cport, cc, win, nd);
    }
}
