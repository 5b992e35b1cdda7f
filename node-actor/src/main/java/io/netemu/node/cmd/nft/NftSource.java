package io.netemu.node.cmd.nft;

/**
 * Where input came from (struct input_descriptor): the command line (INDESC_CLI, errors without
 * a file position), a file (INDESC_FILE, errors as {@code FILE:LINE:COL-COL:}) or nowhere
 * (INDESC_INTERNAL, e.g. a file that cannot be opened).
 */
record NftSource(Kind kind, String name, String text) {
    enum Kind { CLI, FILE, INTERNAL }

    static final NftSource INTERNAL = new NftSource(Kind.INTERNAL, "internal", "");

    /** The text of the line that starts at {@code offset}, without its newline. */
    String lineAt(int offset) {
        int end = text.indexOf('\n', offset);
        return text.substring(Math.min(offset, text.length()), end < 0 ? text.length() : end);
    }
}
