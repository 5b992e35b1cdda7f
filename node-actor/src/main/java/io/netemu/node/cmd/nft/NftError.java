package io.netemu.node.cmd.nft;

import java.util.List;

/**
 * An error record (nftables src/erec.c): a message and locations, the first marked with
 * {@code ^}, the others with {@code ~}, printed under the offending input line.
 */
final class NftError extends Exception {
    private static final long serialVersionUID = 1L;
    final transient List<NftLoc> locs;

    NftError(String message, NftLoc primary, NftLoc... secondary) {
        super(message, null, false, false);
        List<NftLoc> l = new java.util.ArrayList<>();
        l.add(primary);
        l.addAll(List.of(secondary));
        this.locs = List.copyOf(l);
    }

    /** "syntax error, unexpected X[, expecting A or B]" at {@code t} (bison's verbose error). */
    static NftError syntax(NftToken t, String... expecting) {
        String m = "syntax error, unexpected " + t.describe();
        if (expecting.length > 0) {
            m += ", expecting " + String.join(" or ", expecting);
        }
        NftError e = new NftError(m, t.loc());
        e.eof = t.is(NftToken.Kind.EOF);
        e.syntax = true;
        return e;
    }

    /** A message bison would give, at {@code loc}: parsing stops there. */
    static NftError syntaxAt(String message, NftLoc loc) {
        NftError e = new NftError(message, loc);
        e.syntax = true;
        return e;
    }

    /** An error the kernel returns for one message of a batch ("Could not process rule: ..."). */
    static NftError kernel(String strerror, NftLoc loc) {
        NftError e = new NftError("Could not process rule: " + strerror, loc);
        e.kernel = true;
        return e;
    }

    /** Stops parsing altogether (something netemu does not support: going on would only cascade). */
    boolean fatal;
    /** A grammar error (as opposed to one found while evaluating symbols). */
    boolean syntax;
    /** Found by the kernel, not by nft's evaluation: such errors are collected across a batch. */
    boolean kernel;

    /** True for "unexpected end of file": no block can recover from it, parsing ends. */
    boolean eof;

    /** erec_print. */
    void print(StringBuilder out) {
        NftLoc loc = locs.get(0);
        NftSource src = loc.src();
        if (src.kind() == NftSource.Kind.INTERNAL) {
            // the message itself ends in a newline there (include_file's format), then an empty caret line
            out.append("internal:0:0-0: Error: ").append(getMessage()).append("\n\n\n");
            return;
        }
        if (src.kind() == NftSource.Kind.FILE) {
            out.append(src.name()).append(':').append(loc.line()).append(':').append(loc.first()).append('-')
                    .append(loc.last()).append(": ");
        }
        out.append("Error: ").append(getMessage()).append('\n');
        String line = src.lineAt(loc.lineStart());
        out.append(line).append('\n');
        int end = 0;
        for (NftLoc l : locs) {
            end = Math.max(end, l.last());
        }
        char[] buf = new char[Math.max(end, 0)];
        java.util.Arrays.fill(buf, ' ');
        for (int k = locs.size() - 1; k >= 0; k--) {
            NftLoc l = locs.get(k);
            for (int i = Math.max(l.first() - 1, 0); i < l.last() && i < buf.length; i++) {
                buf[i] = k == 0 ? '^' : '~';
            }
        }
        for (int i = 0; i < buf.length && i < line.length(); i++) {
            if (buf[i] == ' ' && line.charAt(i) == '\t') {
                buf[i] = '\t';
            }
        }
        out.append(buf).append('\n');
    }
}
