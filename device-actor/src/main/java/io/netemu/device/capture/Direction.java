package io.netemu.device.capture;

/**
 * Which way a captured frame went through the device, as AF_PACKET's {@code sll_pkttype} tells
 * it: {@code PACKET_OUTGOING} for frames the device transmitted, anything else for received
 * ones. tcpdump's {@code -Q in|out|inout} selects by it.
 */
public enum Direction {
    IN, OUT;

    /** {@code -Q}'s words: {@code in}, {@code out}, {@code inout}; null when the word is none of them. */
    public static java.util.Set<Direction> ofQ(String word) {
        return switch (word) {
            case "in" -> java.util.EnumSet.of(IN);
            case "out" -> java.util.EnumSet.of(OUT);
            case "inout" -> java.util.EnumSet.allOf(Direction.class);
            default -> null;
        };
    }
}
