package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftToken.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parser's view of the token stream, with lookahead and nft's variables: {@code $NAME}
 * expands to the tokens of {@code define NAME = ...} (parser_bison.y's variable_expr, resolved
 * here by substitution; each expanded token keeps the location of the {@code $NAME} it replaces).
 */
final class NftTokens {
    private final List<NftToken> src;
    private int pos;
    private NftToken last;
    private final Deque<List<NftToken>> pushed = new ArrayDeque<>();
    private final List<NftToken> ahead = new ArrayList<>();
    final Map<String, List<NftToken>> defines = new HashMap<>();

    NftTokens(List<NftToken> src) {
        this.src = src;
    }

    NftToken peek() throws NftError { return peek(0); }

    NftToken peek(int k) throws NftError {
        while (ahead.size() <= k) {
            ahead.add(pull());
        }
        return ahead.get(k);
    }

    NftToken next() throws NftError {
        NftToken t = peek(0);
        ahead.remove(0);
        last = t;
        return t;
    }

    /** The last token taken, or null. */
    NftToken last() { return last; }

    boolean at(Kind k) throws NftError { return peek().is(k); }

    boolean atWord(String w) throws NftError { return peek().isWord(w); }

    /** Takes the next token if it is the word {@code w}. */
    boolean accept(String w) throws NftError {
        if (atWord(w)) {
            next();
            return true;
        }
        return false;
    }

    boolean accept(Kind k) throws NftError {
        if (at(k)) {
            next();
            return true;
        }
        return false;
    }

    NftToken expect(Kind k, String... expecting) throws NftError {
        if (!at(k)) {
            throw NftError.syntax(peek(), expecting);
        }
        return next();
    }

    /** The next raw token, expanding variables. */
    private NftToken pull() throws NftError {
        NftToken t = raw();
        int depth = 0;
        while (t.is(Kind.DOLLAR)) {
            NftToken name = raw();
            if (!(name.is(Kind.STRING) || name.is(Kind.KEYWORD))) {
                throw NftError.syntax(name, "string");
            }
            List<NftToken> value = defines.get(name.text());
            if (value == null) {
                throw new NftError("unknown identifier '" + name.text() + "'", name.loc());
            }
            if (++depth > 16) {
                throw new NftError("too many levels of variable expansion", t.to(name));
            }
            List<NftToken> relocated = new ArrayList<>();
            for (NftToken v : value) {
                relocated.add(new NftToken(v.kind(), v.text(), t.src(), t.line(), t.first(), name.last(), t.lineStart()));
            }
            pushed.push(relocated);
            t = raw();
        }
        return t;
    }

    private NftToken raw() {
        while (!pushed.isEmpty()) {
            List<NftToken> top = pushed.peek();
            if (!top.isEmpty()) {
                return top.remove(0);
            }
            pushed.pop();
        }
        NftToken t = src.get(Math.min(pos, src.size() - 1));
        if (pos < src.size() - 1) {
            pos++;
        }
        return t;
    }

    /** Skips to the end of the current line or command (bison's error recovery up to a separator). */
    void recover() {
        while (!ahead.isEmpty()) {
            NftToken t = ahead.get(0);
            if (t.is(Kind.EOF)) {
                return;
            }
            ahead.remove(0);
            if (t.is(Kind.NEWLINE) || t.is(Kind.SEMI)) {
                return;
            }
        }
        pushed.clear();
        while (true) {
            NftToken t = src.get(Math.min(pos, src.size() - 1));
            if (t.is(Kind.EOF)) {
                return;
            }
            pos++;
            if (t.is(Kind.NEWLINE) || t.is(Kind.SEMI)) {
                return;
            }
        }
    }
}
