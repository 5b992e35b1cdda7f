package io.netemu.node.cmd.nft;

/** A span of input (struct location): source, line, first and last column, the line's start offset. */
record NftLoc(NftSource src, int line, int first, int last, int lineStart) {
    /** The span from this location's start to {@code end}'s end (one line). */
    NftLoc to(NftLoc end) {
        return new NftLoc(src, line, first, end.line == line ? Math.max(end.last, first) : last, lineStart);
    }
}
