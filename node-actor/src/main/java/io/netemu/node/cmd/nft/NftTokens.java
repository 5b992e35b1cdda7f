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

    /** Where {@code include} resolves relative names. */
    private final java.nio.file.Path cwd;
    private int includeDepth;

    NftTokens(List<NftToken> src, java.nio.file.Path cwd) {
        this.src = src;
        this.cwd = cwd;
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
            // expanded tokens keep the definition's locations: nft reports errors in a value there
            pushed.push(new ArrayList<>(value));
            t = raw();
        }
        if (t.is(Kind.KEYWORD) && t.text().equals("include")) {
            return include(t);
        }
        return t;
    }

    /**
     * {@code include "FILE"} (scanner_include_file): the file's tokens take the statement's
     * place. Names resolve against the working directory (nft would search its include path,
     * /etc by default, for names not starting with ./ ../ or /).
     */
    private NftToken include(NftToken kw) throws NftError {
        NftToken name = raw();
        if (!name.is(Kind.QSTRING)) {
            throw NftError.syntax(name, "quoted string");
        }
        java.nio.file.Path p = cwd.resolve(name.text());
        if (!java.nio.file.Files.isRegularFile(p)) {
            // the grammar fails after reading the statement's separator, so recovery then eats a line more
            NftToken sep = raw();
            boolean isSep = sep.is(Kind.NEWLINE) || sep.is(Kind.SEMI);
            if (!isSep) {
                pushed.push(new ArrayList<>(List.of(sep)));
            }
            throw new NftError("File not found: " + name.text(), kw.to(isSep ? sep : name));
        }
        if (++includeDepth > 16) {
            throw new NftError("Include nested too deeply, max 16 levels", kw.to(name));
        }
        String text;
        try {
            text = java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new NftError("Could not open file \"" + name.text() + "\": " + e.getMessage(), kw.to(name));
        }
        List<NftToken> toks = new ArrayList<>(NftLexer.lex(new NftSource(NftSource.Kind.FILE, name.text(), text)));
        toks.remove(toks.size() - 1);
        pushed.push(toks);
        return pull();
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
