package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftAst.PStmt;
import io.netemu.node.cmd.nft.NftToken.Kind;
import io.netemu.stack.netfilter.nft.NftKey;
import io.netemu.stack.netfilter.nft.NftStmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Set elements and verdict maps as parser_bison.y reads them ({@code set_expr},
 * {@code set_elem_expr}, {@code map_expr}): values, ranges and prefixes in braces, over several
 * lines if need be, nested braces from variables flattened, and {@code key : verdict} pairs.
 */
final class NftElemParser {
    private final NftParser p;
    private final NftTokens ts;

    NftElemParser(NftParser p) {
        this.p = p;
        this.ts = p.ts;
    }

    /** {@code vmap { KEY : VERDICT, ... }} (anonymous verdict maps; named ones are not supported). */
    PStmt vmap(NftKey key, NftLoc keyLoc) throws NftError {
        ts.next();
        if (ts.at(Kind.AT)) {
            throw NftParser.unsupported(ts.peek());
        }
        ts.expect(Kind.LBRACE, "'{'");
        List<NftAst.MapElem> out = new ArrayList<>();
        while (true) {
            while (ts.accept(Kind.NEWLINE)) {
                // elements may span lines
            }
            if (ts.accept(Kind.RBRACE)) {
                break;
            }
            NftAst.Elem e = elem();
            ts.expect(Kind.COLON, "colon");
            NftToken v = ts.next();
            String w = v.is(Kind.KEYWORD) ? v.text() : "";
            NftStmt.Verdict.Kind kind = switch (w) {
                case "accept", "drop", "continue", "return", "jump", "goto" -> NftStmt.Verdict.Kind.valueOf(w.toUpperCase());
                default -> throw NftError.syntax(v);
            };
            NftAst.Name target = null;
            if (kind == NftStmt.Verdict.Kind.JUMP || kind == NftStmt.Verdict.Kind.GOTO) {
                target = p.identifier();
            }
            out.add(new NftAst.MapElem(e, kind, target));
            while (ts.accept(Kind.NEWLINE)) {
                // a comma may come on the next line
            }
            if (!ts.accept(Kind.COMMA)) {
                ts.expect(Kind.RBRACE, "comma", "'}'");
                break;
            }
        }
        return new NftAst.VMapP(key, out, keyLoc, keyLoc.to(ts.last().loc()));
    }

    /** {@code value}, {@code lo-hi} or {@code value/len}. */
    NftAst.Elem elem() throws NftError {
        NftToken lo = ts.next();
        if (!NftValues.isValueToken(lo)) {
            throw NftError.syntax(lo);
        }
        NftToken hi = null;
        NftToken plen = null;
        if (ts.at(Kind.DASH) && NftValues.isValueToken(ts.peek(1))) {
            ts.next();
            hi = ts.next();
        } else if (ts.at(Kind.SLASH) && ts.peek(1).is(Kind.NUM)) {
            ts.next();
            plen = ts.next();
        } else if (ts.at(Kind.SLASH) && NftValues.isValueToken(ts.peek(1))) {
            // a netmask (10.0.0.0/255.0.0.0) reads as a binary '/' expression nft cannot end here
            ts.next();
            ts.next();
            throw NftError.syntax(ts.peek(), "comma");
        }
        return new NftAst.Elem(lo, hi, plen, lo.to(ts.last()));
    }

    /** {@code { elem, elem, ... }}, newlines allowed, nested braces (from variables) flattened. */
    List<NftAst.Elem> elementList() throws NftError {
        ts.expect(Kind.LBRACE, "'{'");
        List<NftAst.Elem> out = new ArrayList<>();
        while (true) {
            while (ts.accept(Kind.NEWLINE)) {
                // elements may span lines
            }
            if (ts.accept(Kind.RBRACE)) {
                return out;
            }
            if (ts.at(Kind.LBRACE)) {
                out.addAll(elementList());
            } else {
                out.add(elem());
            }
            while (ts.accept(Kind.NEWLINE)) {
                // a comma may come on the next line
            }
            if (ts.accept(Kind.COMMA)) {
                continue;
            }
            if (ts.accept(Kind.RBRACE)) {
                return out;
            }
            NftToken t = ts.peek();
            if (t.isWord("timeout") || t.isWord("comment") || t.isWord("counter") || t.is(Kind.COLON)) {
                throw NftParser.unsupported(t);
            }
            throw NftError.syntax(t, "comma", "'}'");
        }
    }
}
