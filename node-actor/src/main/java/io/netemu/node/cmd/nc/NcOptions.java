package io.netemu.node.cmd.nc;

import io.netemu.packet.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenBSD netcat's command line (Debian's netcat-openbsd 1.219): the options netemu runs, in its
 * getopt order. There is no stdin in a lab step, so nc behaves as with {@code < /dev/null}.
 */
public record NcOptions(boolean listen, boolean udp, boolean zero, boolean verbose, boolean numeric, boolean shutdownOnEof,
                        boolean keep, long timeoutNanos, long quitNanos, int srcAddr, int srcPort, String host,
                        int addr, int port) {
    static final String USAGE = """
            usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]
            	  [-m minttl] [-O length] [-P proxy_username] [-p source_port]
            	  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]
            	  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]
            	  [destination] [port]
            """;

    /** A command line nc refuses: its message and exit status. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String msg) {
            super(msg, null, false, false);
        }
    }

    public static NcOptions parse(List<String> argv) throws UsageException {
        boolean l = false, u = false, z = false, v = false, n = false, nn = false, k = false;
        long w = -1, q = -1;
        int srcAddr = 0, srcPort = 0;
        List<String> pos = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (!a.startsWith("-") || a.length() == 1) {
                pos.add(a);
                continue;
            }
            for (int j = 1; j < a.length(); j++) {
                char c = a.charAt(j);
                switch (c) {
                    case 'l' -> l = true;
                    case 'u' -> u = true;
                    case 'z' -> z = true;
                    case 'v' -> v = true;
                    case 'n' -> n = true;
                    case 'N' -> nn = true;
                    case 'k' -> k = true;
                    case '4', 'd', 'D', 'C', 'F', 'S', 't' -> { }
                    case 'w', 'q', 'p', 's', 'i', 'I', 'O', 'M', 'm', 'T', 'V', 'W', 'x', 'X', 'P' -> {
                        String val = j + 1 < a.length() ? a.substring(j + 1) : (++i < argv.size() ? argv.get(i) : null);
                        if (val == null) {
                            throw new UsageException("nc: option requires an argument -- '" + c + "'\n" + USAGE);
                        }
                        switch (c) {
                            case 'w' -> w = seconds(val, "timeout");
                            case 'q' -> q = seconds(val, "quit timer");
                            case 'p' -> srcPort = port(val);
                            case 's' -> srcAddr = addr(val);
                            default -> { }
                        }
                        j = a.length();
                    }
                    default -> throw new UsageException("nc: invalid option -- '" + c + "'\n" + USAGE);
                }
            }
        }
        String host = null;
        int port;
        if (l) {
            if (pos.size() == 2) {
                host = pos.get(0);
                port = port(pos.get(1));
            } else if (pos.size() == 1) {
                port = port(pos.get(0));
            } else if (pos.isEmpty() && srcPort != 0) {
                port = srcPort;
            } else {
                throw new UsageException("nc: missing port number");
            }
            if (host == null && srcAddr != 0) {
                host = Ipv4Address.format(srcAddr);
            }
        } else {
            if (pos.size() < 2) {
                throw new UsageException(pos.isEmpty() ? USAGE : "nc: missing port number");
            }
            host = pos.get(0);
            port = port(pos.get(1));
        }
        int addr = 0;
        if (host != null) {
            addr = addr(host);
        }
        return new NcOptions(l, u, z, v, n, nn, k, w, q, srcAddr, l ? 0 : srcPort, host, addr, port);
    }

    private static long seconds(String s, String what) throws UsageException {
        try {
            long v = Long.parseLong(s);
            if (v < 0 && !what.equals("quit timer")) {
                throw new NumberFormatException();
            }
            return v * 1_000_000_000L;
        } catch (NumberFormatException e) {
            throw new UsageException("nc: " + what + " is invalid: " + s);
        }
    }

    private static int port(String s) throws UsageException {
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("nc: port number invalid: " + s);
    }

    private static int addr(String s) throws UsageException {
        try {
            return Ipv4Address.parse(s);
        } catch (RuntimeException e) {
            throw new UsageException("nc: getaddrinfo for host \"" + s + "\" port 0: Name or service not known");
        }
    }
}
