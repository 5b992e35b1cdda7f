package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftAst.ChainBody;
import io.netemu.node.cmd.nft.NftAst.Name;
import io.netemu.node.cmd.nft.NftAst.SetBody;
import io.netemu.node.cmd.nft.NftAst.TableBody;
import io.netemu.node.cmd.nft.NftToken.Kind;
import io.netemu.stack.netfilter.nft.NftKey;
import io.netemu.stack.netfilter.nft.NftSet;
import io.netemu.stack.netfilter.nft.NftType;
import java.util.ArrayList;
import java.util.List;

/**
 * The block grammar of parser_bison.y: {@code table_block} (flags, comment, chains, sets),
 * {@code chain_block} (hook spec, policy, comment, rules) and {@code set_block} (type or typeof,
 * flags, elements, size, auto-merge, comment). Items of table and chain blocks end with a
 * newline or semicolon; an error inside a block skips to the next one and parsing goes on.
 */
final class NftBlockParser {
    private final NftParser p;
    private final NftTokens ts;

    NftBlockParser(NftParser p) {
        this.p = p;
        this.ts = p.ts;
    }

    private boolean skipSeparators() throws NftError {
        boolean any = false;
        while (ts.accept(Kind.NEWLINE) || ts.accept(Kind.SEMI)) {
            any = true;
        }
        return any;
    }

    /** Ends a table or chain block item: a separator must follow. */
    private void itemEnd() throws NftError {
        NftToken t = ts.peek();
        if (!(t.is(Kind.NEWLINE) || t.is(Kind.SEMI))) {
            throw NftError.syntax(t, "newline", "semicolon");
        }
    }

    private void recoverIn(NftError e) throws NftError {
        if (e.eof || e.fatal || p.errors.size() >= NftParser.MAX_ERRORS - 1) {
            throw e;
        }
        p.errors.add(e);
        ts.recover();
    }

    /** The first token of the next item in a {@code { }} block, or null at the block's closing brace. */
    private NftToken blockItem() throws NftError {
        skipSeparators();
        NftToken t = ts.peek();
        if (ts.accept(Kind.RBRACE)) {
            return null;
        }
        if (t.is(Kind.EOF)) {
            throw NftError.syntax(t);
        }
        return t;
    }

    TableBody tableBlock() throws NftError {
        ts.expect(Kind.LBRACE, "'{'");
        Boolean dormant = null;
        String comment = null;
        List<NftAst.ChainDecl> chains = new ArrayList<>();
        List<NftAst.SetDecl> sets = new ArrayList<>();
        while (true) {
            NftToken t = blockItem();
            if (t == null) {
                break;
            }
            try {
                if (ts.accept("flags")) {
                    NftToken f = ts.next();
                    if (!f.text().equals("dormant")) {
                        throw new NftError("unknown table option " + f.text(), f.loc());
                    }
                    dormant = true;
                } else if (ts.accept("comment")) {
                    comment = string();
                } else if (ts.accept("chain")) {
                    Name n = p.identifier();
                    chains.add(new NftAst.ChainDecl(n, chainBlock()));
                } else if (ts.accept("set")) {
                    Name n = p.identifier();
                    sets.add(new NftAst.SetDecl(n, setBlock()));
                } else if (t.is(Kind.KEYWORD) && (t.text().equals("map") || t.text().equals("flowtable")
                        || t.text().equals("counter") || t.text().equals("quota") || t.text().equals("ct"))) {
                    throw NftParser.unsupported(t);
                } else {
                    throw NftError.syntax(t);
                }
                itemEnd();
            } catch (NftError e) {
                recoverIn(e);
            }
        }
        return new TableBody(dormant, comment, chains, sets);
    }

    ChainBody chainBlock() throws NftError {
        ts.expect(Kind.LBRACE, "'{'");
        NftAst.Hook hook = null;
        Boolean policy = null;
        String comment = null;
        List<NftAst.Rule> rules = new ArrayList<>();
        while (true) {
            NftToken t = blockItem();
            if (t == null) {
                break;
            }
            try {
                if (t.isWord("type") && t.is(Kind.KEYWORD)) {
                    hook = hookSpec();
                } else if (t.isWord("policy") && t.is(Kind.KEYWORD)) {
                    ts.next();
                    NftToken v = ts.next();
                    if (!(v.is(Kind.KEYWORD) && (v.text().equals("accept") || v.text().equals("drop")))) {
                        throw NftError.syntax(v, "accept", "drop", "'$'");
                    }
                    policy = v.text().equals("drop");
                } else if (t.isWord("comment") && t.is(Kind.KEYWORD)) {
                    ts.next();
                    comment = string();
                } else {
                    rules.add(p.rules.rule());
                }
                itemEnd();
            } catch (NftError e) {
                recoverIn(e);
            }
        }
        return new ChainBody(hook, policy, comment, rules);
    }

    /** {@code type T hook H [device D] priority P}. */
    private NftAst.Hook hookSpec() throws NftError {
        ts.next();
        NftToken type = ts.next();
        if (!type.is(Kind.STRING)) {
            throw NftError.syntax(type, "string");
        }
        ts.expect(Kind.KEYWORD, "hook");
        NftToken hook = ts.next();
        if (!hook.is(Kind.STRING)) {
            throw NftError.syntax(hook, "string");
        }
        NftToken pr = ts.peek();
        if (pr.isWord("device")) {
            throw NftParser.unsupported(pr);
        }
        if (!pr.isWord("priority")) {
            throw NftError.syntax(pr, "priority");
        }
        ts.next();
        NftToken v = ts.next();
        NftAst.Prio prio;
        if (v.is(Kind.NUM)) {
            prio = new NftAst.Prio(null, NftParser.number(v), pr.to(v));
        } else if (v.is(Kind.DASH) && ts.at(Kind.NUM)) {
            NftToken n = ts.next();
            prio = new NftAst.Prio(null, -NftParser.number(n), pr.to(n));
        } else if (v.is(Kind.STRING)) {
            long off = 0;
            NftToken end = v;
            if ((ts.at(Kind.PLUS) || ts.at(Kind.DASH)) && ts.peek(1).is(Kind.NUM)) {
                boolean minus = ts.next().is(Kind.DASH);
                end = ts.next();
                off = minus ? -NftParser.number(end) : NftParser.number(end);
            }
            prio = new NftAst.Prio(v.text(), off, pr.to(end));
        } else {
            throw NftError.syntax(v);
        }
        return new NftAst.Hook(new Name(type.text(), type.loc()), new Name(hook.text(), hook.loc()), prio);
    }

    SetBody setBlock() throws NftError {
        NftToken open = ts.expect(Kind.LBRACE, "'{'");
        NftType type = null;
        NftKey typeof = null;
        NftLoc typeLoc = null;
        int flags = 0;
        boolean autoMerge = false;
        long size = 0;
        String comment = null;
        List<NftAst.Elem> elements = null;
        NftToken beforeClose = open;
        while (true) {
            skipSeparators();
            NftToken t = ts.peek();
            if (ts.at(Kind.RBRACE)) {
                beforeClose = ts.last();
                ts.next();
                break;
            }
            if (t.is(Kind.EOF)) {
                throw NftError.syntax(t);
            }
            if (ts.accept("type")) {
                NftToken n = ts.next();
                if (!(n.is(Kind.STRING) || n.isWord("mark"))) {
                    throw NftError.syntax(n, "string");
                }
                if (ts.at(Kind.DOT)) {
                    throw NftParser.unsupported(ts.peek());
                }
                type = NftType.byName(n.text());
                typeLoc = n.loc();
                if (type == null || type == NftType.INTEGER) {
                    p.errors.add(new NftError("unknown datatype " + n.text(), n.loc()));
                    type = null;
                }
            } else if (ts.accept("typeof")) {
                NftToken at = ts.peek();
                typeof = p.rules.key();
                type = typeof.type();
                typeLoc = at.to(ts.last());
            } else if (ts.accept("flags")) {
                flags |= setFlags();
            } else if (ts.accept("elements")) {
                ts.expect(Kind.ASSIGN, "'='");
                elements = p.rules.elementList();
            } else if (ts.accept("size")) {
                size = NftParser.number(ts.expect(Kind.NUM, "number"));
            } else if (ts.accept("auto-merge")) {
                autoMerge = true;
            } else if (ts.accept("comment")) {
                comment = string();
            } else if (ts.accept("policy")) {
                ts.next();
            } else if (t.isWord("timeout") || t.isWord("gc-interval") || t.isWord("counter")) {
                throw NftParser.unsupported(t);
            } else {
                throw NftError.syntax(t);
            }
        }
        NftLoc loc = open.to(beforeClose);
        if (type == null) {
            throw new NftError("set definition does not specify key", loc);
        }
        return new SetBody(type, typeof, typeLoc, flags, autoMerge, size, comment, elements, loc);
    }

    private int setFlags() throws NftError {
        int flags = 0;
        do {
            NftToken f = ts.next();
            flags |= switch (f.text()) {
                case "constant" -> NftSet.F_CONSTANT;
                case "interval" -> NftSet.F_INTERVAL;
                case "timeout" -> NftSet.F_TIMEOUT;
                case "dynamic" -> NftSet.F_DYNAMIC;
                default -> throw NftError.syntax(f);
            };
        } while (ts.accept(Kind.COMMA));
        return flags;
    }

    /** {@code string}: a word or a quoted string. */
    String string() throws NftError {
        NftToken t = ts.next();
        if (!(t.is(Kind.STRING) || t.is(Kind.QSTRING) || t.is(Kind.ASTRING))) {
            throw NftError.syntax(t, "string", "quoted string", "string with a trailing asterisk");
        }
        return t.text();
    }
}
