package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftAst.Cmd;
import io.netemu.node.cmd.nft.NftAst.Name;
import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.nft.NftChain;
import io.netemu.stack.netfilter.nft.NftRule;
import io.netemu.stack.netfilter.nft.NftRuleset;
import io.netemu.stack.netfilter.nft.NftSet;
import io.netemu.stack.netfilter.nft.NftTable;
import io.netemu.stack.netfilter.nft.NftValidate;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs parsed commands against the namespace's ruleset as one transaction, the way nft's
 * evaluation and a nf_tables batch do: any error aborts all of it. Errors found in userspace
 * carry nft's plain message; those the kernel would return read "Could not process rule: ..."
 * (with a "did you mean" when a similar name exists, as nft_cmd_enoent adds).
 */
final class NftExec {
    private final NftRuleset rs;
    private final NetNs ns;
    private final NftPrinter printer;
    private final NftChainOps chains;
    final StringBuilder out = new StringBuilder();

    NftExec(NftRuleset rs, NetNs ns, NftPrinter printer) {
        this.rs = rs;
        this.ns = ns;
        this.printer = printer;
        this.chains = new NftChainOps(this);
    }

    static NftError kernel(String strerror, NftLoc loc) {
        return NftError.kernel(strerror, loc);
    }

    /**
     * Runs a batch; returns the errors to print, none when it committed. As nft does: evaluation
     * errors are collected (up to ten) and stop the batch before the kernel sees it; otherwise
     * every command the kernel refuses reports its error, and one refusal aborts the batch.
     */
    List<NftError> run(List<Cmd> cmds, boolean check) {
        List<NftError> user = new ArrayList<>();
        List<NftError> kernel = new ArrayList<>();
        for (Cmd c : cmds) {
            int mark = rs.edits();
            try {
                exec(c);
            } catch (NftError e) {
                rs.undoTo(mark);
                (e.kernel ? kernel : user).add(e);
                if (user.size() >= NftParser.MAX_ERRORS) {
                    break;
                }
            }
        }
        if (!user.isEmpty() || !kernel.isEmpty() || check) {
            rs.abort();
        } else {
            rs.commit();
        }
        return user.isEmpty() ? kernel : user;
    }

    private void exec(Cmd c) throws NftError {
        switch (c.verb()) {
            case ADD, CREATE, INSERT, REPLACE -> add(c);
            case DELETE -> NftDelete.run(this, c);
            case LIST -> printer.list(c, out);
            case FLUSH -> NftDelete.flush(this, c);
            case RENAME -> NftDelete.rename(this, c);
        }
    }

    NftRuleset rs() { return rs; }
    NetNs ns() { return ns; }

    /**
     * The table named by {@code ref} for an object inside it: nft's userspace check
     * (table_not_found). nft 1.0.6 has no table cache loaded there, so it never suggests one.
     */
    NftTable tableUser(NftAst.TableRef ref) throws NftError {
        NftTable t = rs.table(ref.family(), ref.table().text());
        if (t == null) {
            throw new NftError("No such file or directory", ref.table().loc());
        }
        return t;
    }

    /** The table as the kernel finds it (ENOENT, no suggestion: nft has no cache loaded for these commands). */
    NftTable tableKernel(NftAst.TableRef ref) throws NftError {
        NftTable t = rs.table(ref.family(), ref.table().text());
        if (t == null) {
            throw kernel("No such file or directory", ref.table().loc());
        }
        return t;
    }

    NftChain chainKernel(NftTable t, Name name) throws NftError {
        NftChain ch = t.chain(name.text());
        if (ch == null) {
            throw kernel("No such file or directory", name.loc());
        }
        return ch;
    }

    /** The table and chain of a rule command; ENOENT carries nft_cmd_enoent_rule's suggestion. */
    NftChain ruleChain(NftAst.TableRef ref, Name chain) throws NftError {
        NftTable t = rs.table(ref.family(), ref.table().text());
        NftChain ch = t == null ? null : t.chain(chain.text());
        if (ch != null) {
            return ch;
        }
        throw enoentRule(ref, chain, t == null ? ref.table().loc() : chain.loc());
    }

    /** nft_cmd_enoent for a rule command: ENOENT at {@code loc}, with a suggestion when nft finds one. */
    NftError enoentRule(NftAst.TableRef ref, Name chain, NftLoc loc) {
        String[] hint = NftFuzzy.enoentRule(rs, ref.family(), ref.table().text(), chain.text());
        if (hint == null) {
            return kernel("No such file or directory", loc);
        }
        NftError e = new NftError("No such file or directory" + hint[0], hint[1].equals("table") ? ref.table().loc() : loc);
        e.kernel = true;
        return e;
    }

    private void add(Cmd c) throws NftError {
        switch (c.obj()) {
            case TABLE -> addTable(c);
            case CHAIN -> chains.addChain(tableUser(c.table()), c.name(), c.chain(), c.verb() == NftAst.Verb.CREATE, c.loc());
            case RULE -> addRule(c);
            case SET -> addSet(tableUser(c.table()), c.name(), c.set(), c.verb() == NftAst.Verb.CREATE);
            case ELEMENT -> {
                NftTable t = tableUser(c.table());
                NftSet s = t.set(c.name().text());
                if (s == null) {
                    throw new NftError("No such file or directory" + NftFuzzy.setHint(rs, c.name().text()), c.name().loc());
                }
                NftSetOps.add(rs, ns, s, c.elems(), c.verb() == NftAst.Verb.CREATE);
            }
            default -> throw new NftError("unsupported command", c.loc());
        }
    }

    private void addTable(Cmd c) throws NftError {
        NftTable t = rs.table(c.family(), c.table().table().text());
        if (t != null && c.verb() == NftAst.Verb.CREATE) {
            throw kernel("File exists", c.table().table().loc());
        }
        if (t == null) {
            t = rs.addTable(c.family(), c.table().table().text());
        }
        NftAst.TableBody b = c.tableBody();
        if (b == null) {
            return;
        }
        NftTable table = t;
        if (b.dormant() != null) {
            boolean old = t.dormant();
            t.setDormant(b.dormant());
            rs.journal(() -> table.setDormant(old));
        }
        if (b.comment() != null) {
            String old = t.comment();
            t.setComment(b.comment());
            rs.journal(() -> table.setComment(old));
        }
        // nft expands a table block as: chains, then sets, then the rules of each chain
        for (NftAst.ChainDecl d : b.chains()) {
            chains.addChain(t, d.name(), d.body() == null ? null : NftChainOps.withoutRules(d.body()), false, c.loc());
        }
        for (NftAst.SetDecl d : b.sets()) {
            addSet(t, d.name(), d.body(), false);
        }
        for (NftAst.ChainDecl d : b.chains()) {
            NftChain ch = t.chain(d.name().text());
            for (NftAst.Rule r : d.body().rules()) {
                insertRule(t, ch, r, ch.rules().size(), null, c.loc());
            }
        }
    }

    private void addRule(Cmd c) throws NftError {
        NftRuleBuilder.Staged st = NftRuleBuilder.stage(rs, ns, c.family(), rs.table(c.family(), c.table().table().text()),
                c.rule());
        NftChain ch = ruleChain(c.table(), c.name());
        NftTable t = ch.table();
        List<NftRule> rules = ch.rules();
        int index = c.verb() == NftAst.Verb.INSERT ? 0 : rules.size();
        NftAst.Position p = c.pos();
        Long keep = null;
        if (p != null) {
            int at;
            if (p.kind().equals("index")) {
                at = p.value() < rules.size() ? (int) p.value() : -1;
            } else {
                at = ch.indexOf(p.value());
            }
            if (at < 0) {
                throw kernel("No such file or directory", p.loc());
            }
            index = c.verb() == NftAst.Verb.INSERT ? at : at + 1;
            if (c.verb() == NftAst.Verb.REPLACE) {
                keep = rules.get(at).handle();
                NftRule old = rules.remove(at);
                rs.journal(() -> rules.add(at, old));
                index = at;
            }
        }
        insertRule(t, ch, st, index, keep, c.loc(), loc -> enoentRule(c.table(), c.name(), loc));
    }

    void insertRule(NftTable t, NftChain ch, NftAst.Rule ast, int index, Long keep, NftLoc cmdLoc) throws NftError {
        NftAst.TableRef ref = new NftAst.TableRef(t.family(), new Name(t.name(), cmdLoc));
        insertRule(t, ch, NftRuleBuilder.stage(rs, ns, t.family(), t, ast), index, keep, cmdLoc,
                loc -> enoentRule(ref, new Name(ch.name(), cmdLoc), loc));
    }

    private void insertRule(NftTable t, NftChain ch, NftRuleBuilder.Staged st, int index, Long keep, NftLoc cmdLoc,
                            java.util.function.Function<NftLoc, NftError> enoent) throws NftError {
        NftRule r = NftRuleBuilder.finish(rs, ns, t, ch, st, cmdLoc, keep, enoent);
        ch.rules().add(index, r);
        rs.journal(() -> ch.rules().remove(r));
        String invalid = NftValidate.table(t);
        if (invalid != null) {
            // the kernel validates at commit, fails, and replays the batch validating each rule:
            // the replay takes the anonymous sets' and the rule's handles once more
            for (io.netemu.stack.netfilter.nft.NftStmt s : r.stmts()) {
                if ((s instanceof io.netemu.stack.netfilter.nft.NftMatch m
                        && m.rhs() instanceof io.netemu.stack.netfilter.nft.NftMatch.SetRef ref && ref.set().anonymous())
                        || s instanceof io.netemu.stack.netfilter.nft.NftVMap) {
                    t.allocHandle();
                }
            }
            t.allocHandle();
            throw kernel(invalid, cmdLoc);
        }
    }

    private void addSet(NftTable t, Name name, NftAst.SetBody b, boolean create) throws NftError {
        NftSet s = t.set(name.text());
        if (s != null) {
            if (create) {
                throw kernel("File exists", name.loc());
            }
        } else {
            s = new NftSet(name.text(), t.allocHandle(), b.type(), b.typeof(), b.flags(), b.autoMerge(), false, b.size(),
                    b.comment());
            t.putSet(s);
            rs.journal(() -> t.removeSet(name.text()));
        }
        if (b.elements() != null) {
            NftSetOps.add(rs, ns, s, b.elements(), false);
        }
    }

    /** Every rule of a table that jumps to {@code c} (the kernel's chain use count). */
    static boolean referenced(NftTable t, NftChain c) {
        for (NftChain other : t.chains()) {
            for (NftRule r : other.rules()) {
                if (r.targets(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<NftRule> copy(List<NftRule> l) { return new ArrayList<>(l); }
}
