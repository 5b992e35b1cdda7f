package io.netemu.packet.filter;

/**
 * A compiled pcap-filter expression (pcap-filter(7)): a predicate over an Ethernet frame's
 * bytes, as the classic BPF program libpcap would compile. Testing a frame allocates nothing.
 */
public interface FrameFilter {
    /** Accepts every frame (no expression). */
    FrameFilter ALL = (b, off, len) -> true;

    /** Whether the frame {@code b[off, off+len)} (from its Ethernet header) matches. */
    boolean test(byte[] b, int off, int len);

    /**
     * Compiles an expression (the words tcpdump got after its options, joined by spaces);
     * throws {@link FilterException} with libpcap's message when it cannot.
     */
    static FrameFilter compile(String expression) {
        if (expression == null || expression.isBlank()) {
            return ALL;
        }
        FilterNode root = new FilterParser(FilterLexer.lex(expression)).parse();
        return (b, off, len) -> {
            try {
                return root.test(b, off, len);
            } catch (Loads.OutOfBounds e) {
                return false; // a BPF load past the end rejects the packet, whatever the rest says
            }
        };
    }
}
