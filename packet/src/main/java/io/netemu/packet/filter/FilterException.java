package io.netemu.packet.filter;

/** An expression libpcap would refuse; the message is libpcap's (tcpdump prefixes "tcpdump: "). */
public final class FilterException extends RuntimeException {
    public FilterException(String message) {
        super(message);
    }

    static FilterException syntax() {
        return new FilterException("can't parse filter expression: syntax error");
    }
}
