package io.netemu.cluster.member;

/**
 * A member's address as the user writes it, {@code HOST:PORT}; parsing names the option it came
 * from so the error says where to look ("--seed 127.0.0.1:x: the port must be a number 1-65535").
 */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("host must be a name or an address without spaces: '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
    }

    /** Parses {@code HOST:PORT} given to {@code option}; a usage error (exit 2) names the option and the fix. */
    public static HostPort parse(String option, String text) throws MemberException {
        String where = option + " " + text + ": ";
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 0) {
            throw MemberException.usage(where + "expected HOST:PORT, such as 127.0.0.1:2552");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // [::1]:2552
        }
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw MemberException.usage(where + "the host is missing; expected HOST:PORT, such as 127.0.0.1:2552");
        }
        return new HostPort(host, port(where, text.substring(colon + 1)));
    }

    /** A port 1-65535 given to {@code option} as text ("--port x: the port must be a number 1-65535"). */
    public static int parsePort(String option, String digits) throws MemberException {
        return port(option + " " + digits + ": ", digits);
    }

    private static int port(String where, String digits) throws MemberException {
        try {
            int p = Integer.parseInt(digits.strip());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw MemberException.usage(where + "the port must be a number 1-65535");
    }

    /** The Artery address of the member at this place: every netemu JVM's system is "netemu". */
    public String pekkoAddress() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "pekko://" + MemberSystem.SYSTEM_NAME + "@" + h + ":" + port;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
