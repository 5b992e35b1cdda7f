package io.netemu.stack.sock;

import java.util.Map;

/**
 * The errno values the socket layer returns, with Linux's numbers (asm-generic/errno.h), names and
 * strerror texts (glibc), so applications print what theirs would.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int EINVAL = 22;
    public static final int EPIPE = 32;
    public static final int EDESTADDRREQ = 89;
    public static final int EMSGSIZE = 90;
    public static final int ENOPROTOOPT = 92;
    public static final int EOPNOTSUPP = 95;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETUNREACH = 101;
    public static final int ECONNRESET = 104;
    public static final int EISCONN = 106;
    public static final int ENOTCONN = 107;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;
    public static final int EALREADY = 114;
    public static final int EINPROGRESS = 115;

    private record E(String name, String text) {}

    private static final Map<Integer, E> TABLE = Map.ofEntries(
            Map.entry(EPERM, new E("EPERM", "Operation not permitted")),
            Map.entry(ENOENT, new E("ENOENT", "No such file or directory")),
            Map.entry(EBADF, new E("EBADF", "Bad file descriptor")),
            Map.entry(EAGAIN, new E("EAGAIN", "Resource temporarily unavailable")),
            Map.entry(EINVAL, new E("EINVAL", "Invalid argument")),
            Map.entry(EPIPE, new E("EPIPE", "Broken pipe")),
            Map.entry(EDESTADDRREQ, new E("EDESTADDRREQ", "Destination address required")),
            Map.entry(EMSGSIZE, new E("EMSGSIZE", "Message too long")),
            Map.entry(ENOPROTOOPT, new E("ENOPROTOOPT", "Protocol not available")),
            Map.entry(EOPNOTSUPP, new E("EOPNOTSUPP", "Operation not supported")),
            Map.entry(EADDRINUSE, new E("EADDRINUSE", "Address already in use")),
            Map.entry(EADDRNOTAVAIL, new E("EADDRNOTAVAIL", "Cannot assign requested address")),
            Map.entry(ENETUNREACH, new E("ENETUNREACH", "Network is unreachable")),
            Map.entry(ECONNRESET, new E("ECONNRESET", "Connection reset by peer")),
            Map.entry(EISCONN, new E("EISCONN", "Transport endpoint is already connected")),
            Map.entry(ENOTCONN, new E("ENOTCONN", "Transport endpoint is not connected")),
            Map.entry(ETIMEDOUT, new E("ETIMEDOUT", "Connection timed out")),
            Map.entry(ECONNREFUSED, new E("ECONNREFUSED", "Connection refused")),
            Map.entry(EHOSTUNREACH, new E("EHOSTUNREACH", "No route to host")),
            Map.entry(EALREADY, new E("EALREADY", "Operation already in progress")),
            Map.entry(EINPROGRESS, new E("EINPROGRESS", "Operation now in progress")));

    private Errno() {}

    /** {@code ECONNREFUSED} for 111; {@code errno N} for one not in the table. */
    public static String name(int errno) {
        E e = TABLE.get(errno);
        return e == null ? "errno " + errno : e.name();
    }

    /** strerror: {@code Connection refused} for 111. */
    public static String strerror(int errno) {
        E e = TABLE.get(errno);
        return e == null ? "Unknown error " + errno : e.text();
    }

    /** The number for a name ({@code "ECONNRESET"} → 104), as the TCP engine's events carry names; 0 for null. */
    public static int of(String name) {
        if (name == null) {
            return 0;
        }
        for (Map.Entry<Integer, E> e : TABLE.entrySet()) {
            if (e.getValue().name().equals(name)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("no errno " + name);
    }
}
