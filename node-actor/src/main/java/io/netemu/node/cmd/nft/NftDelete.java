package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftAst.Cmd;
import io.netemu.stack.netfilter.nft.NftChain;
import io.netemu.stack.netfilter.nft.NftRule;
import io.netemu.stack.netfilter.nft.NftRuleset;
import io.netemu.stack.netfilter.nft.NftSet;
import io.netemu.stack.netfilter.nft.NftTable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code delete}, {@code flush} and {@code rename} (nf_tables_deltable, nf_tables_delchain,
 * nf_tables_delrule, nf_tables_delset, element deletion): objects in use refuse to go (EBUSY),
 * missing ones answer ENOENT.
 */
final class NftDelete {
    private NftDelete() {}

    static void run(NftExec x, Cmd c) throws NftError {
        NftRuleset rs = x.rs();
        switch (c.obj()) {
            case TABLE -> {
                NftTable t;
                if (c.table().table() == null) {
                    t = rs.tableByHandle(c.family(), c.pos().value());
                    if (t == null) {
                        throw NftExec.kernel("No such file or directory", c.pos().loc());
                    }
                } else {
                    t = x.tableKernel(c.table());
                }
                rs.removeTable(t);
            }
            case CHAIN -> {
                NftTable t = x.tableKernel(c.table());
                NftChain ch;
                NftLoc loc;
                if (c.name() == null) {
                    ch = t.chainByHandle(c.pos().value());
                    loc = c.pos().loc();
                    if (ch == null) {
                        throw NftExec.kernel("No such file or directory", loc);
                    }
                } else {
                    ch = x.chainKernel(t, c.name());
                    loc = c.name().loc();
                }
                if (NftExec.referenced(t, ch)) {
                    throw NftExec.kernel("Device or resource busy", loc);
                }
                int i = t.chainIndex(ch.name());
                t.removeChain(ch.name());
                rs.journal(() -> t.restoreChain(ch, i));
            }
            case RULE -> {
                NftChain ch = x.ruleChain(c.table(), c.name());
                int i = ch.indexOf(c.pos().value());
                if (i < 0) {
                    throw NftExec.kernel("No such file or directory", c.pos().loc());
                }
                NftRule r = ch.rules().remove(i);
                rs.journal(() -> ch.rules().add(i, r));
            }
            case SET -> {
                NftTable t = x.tableKernel(c.table());
                NftSet s = c.name() == null ? t.setByHandle(c.pos().value()) : t.set(c.name().text());
                NftLoc loc = c.name() == null ? c.pos().loc() : c.name().loc();
                if (s == null) {
                    throw NftExec.kernel("No such file or directory", loc);
                }
                for (NftChain ch : t.chains()) {
                    for (NftRule r : ch.rules()) {
                        if (r.uses(s)) {
                            throw NftExec.kernel("Device or resource busy", loc);
                        }
                    }
                }
                int i = t.setIndex(s.name());
                t.removeSet(s.name());
                rs.journal(() -> t.restoreSet(s, i));
            }
            case ELEMENT -> {
                NftTable t = x.tableUser(c.table());
                NftSet s = t.set(c.name().text());
                if (s == null) {
                    throw new NftError("No such file or directory" + NftFuzzy.setHint(rs, c.name().text()), c.name().loc());
                }
                NftSetOps.delete(rs, x.ns(), s, c.elems());
            }
            default -> throw new NftError("unsupported command", c.loc());
        }
    }

    static void flush(NftExec x, Cmd c) throws NftError {
        NftRuleset rs = x.rs();
        switch (c.obj()) {
            case RULESET -> {
                for (NftTable t : new ArrayList<>(rs.tables())) {
                    if (c.family() == null || t.family() == c.family()) {
                        rs.removeTable(t);
                    }
                }
            }
            case TABLE -> {
                NftTable t = x.tableKernel(c.table());
                for (NftChain ch : t.chains()) {
                    flushChain(rs, ch);
                }
            }
            case CHAIN -> flushChain(rs, x.chainKernel(x.tableKernel(c.table()), c.name()));
            case SET -> {
                NftTable t = x.tableKernel(c.table());
                NftSet s = t.set(c.name().text());
                if (s == null) {
                    throw NftExec.kernel("No such file or directory", c.name().loc());
                }
                long[][] ranges = s.ranges().snapshot();
                long[] exact = s.exact().sorted();
                List<String> strings = s.stringsSorted();
                s.flush();
                rs.journal(() -> {
                    s.ranges().restore(ranges);
                    for (long v : exact) {
                        s.addExact(v);
                    }
                    strings.forEach(s::addString);
                });
            }
            default -> throw new NftError("unsupported command", c.loc());
        }
    }

    private static void flushChain(NftRuleset rs, NftChain ch) {
        List<NftRule> old = new ArrayList<>(ch.rules());
        ch.rules().clear();
        rs.journal(() -> ch.rules().addAll(old));
    }

    static void rename(NftExec x, Cmd c) throws NftError {
        NftTable t = x.tableKernel(c.table());
        NftChain ch = x.chainKernel(t, c.name());
        String from = ch.name();
        String to = c.newName().text();
        if (t.chain(to) != null) {
            throw NftExec.kernel("File exists", c.newName().loc());
        }
        int i = t.chainIndex(from);
        t.removeChain(from);
        ch.setName(to);
        t.restoreChain(ch, i);
        x.rs().journal(() -> {
            t.removeChain(to);
            ch.setName(from);
            t.restoreChain(ch, i);
        });
    }
}
