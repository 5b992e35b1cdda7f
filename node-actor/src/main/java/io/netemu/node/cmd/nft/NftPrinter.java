package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftAst.Cmd;
import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.nft.NftChain;
import io.netemu.stack.netfilter.nft.NftFamily;
import io.netemu.stack.netfilter.nft.NftRule;
import io.netemu.stack.netfilter.nft.NftRuleset;
import io.netemu.stack.netfilter.nft.NftSet;
import io.netemu.stack.netfilter.nft.NftTable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nft list ...} output as nft 1.0.6 prints it (do_command_list, table_print, chain_print,
 * set_print in nftables src/rule.c): tabs, a blank line between the objects of a table, base
 * chains' {@code type ... hook ... priority ...; policy ...;} line, {@code # handle N} with -a.
 */
final class NftPrinter {
    /** Output options: -a, -s, -t, -n, -y, -p. */
    record Opts(boolean handles, boolean stateless, boolean terse, boolean numeric, boolean numericPrio,
                boolean numericProto) {}

    private final NftRuleset rs;
    private final Opts o;
    private final NftStmtPrinter stmts;

    NftPrinter(NftRuleset rs, NetNs ns, Opts o) {
        this.rs = rs;
        this.o = o;
        this.stmts = new NftStmtPrinter(o, ns);
    }

    private String handle(long h) {
        return o.handles() ? " # handle " + h : "";
    }

    /** Runs a {@code list} command. */
    void list(Cmd c, StringBuilder out) throws NftError {
        switch (c.obj()) {
            case RULESET -> {
                for (NftTable t : tables(c.family())) {
                    table(t, out);
                }
            }
            case TABLES -> {
                for (NftTable t : tables(c.family())) {
                    out.append("table ").append(t.family().text()).append(' ').append(t.name()).append('\n');
                }
            }
            case CHAINS, SETS -> {
                for (NftTable t : tables(c.family())) {
                    header(t, out);
                    if (c.obj() == NftAst.Obj.CHAINS) {
                        for (NftChain ch : t.chains()) {
                            chainDecl(ch, out);
                            out.append("\t}\n");
                        }
                    } else {
                        for (NftSet s : t.sets()) {
                            set(s, out);
                        }
                    }
                    out.append("}\n");
                }
            }
            case TABLE -> table(find(c), out);
            case CHAIN -> {
                NftTable t = find(c);
                NftChain ch = t.chain(c.name().text());
                if (ch == null) {
                    throw new NftError("No such file or directory", c.name().loc());
                }
                header(t, out);
                chain(ch, out);
                out.append("}\n");
            }
            case SET -> {
                NftTable t = find(c);
                NftSet s = t.set(c.name().text());
                if (s == null) {
                    throw new NftError("No such file or directory", c.name().loc());
                }
                header(t, out);
                set(s, out);
                out.append("}\n");
            }
            default -> throw new NftError("unsupported command", c.loc());
        }
    }

    private NftTable find(Cmd c) throws NftError {
        NftTable t = rs.table(c.family(), c.table().table().text());
        if (t == null) {
            // list commands fetch only the object asked for: no "did you mean" here
            throw new NftError("No such file or directory", c.table().table().loc());
        }
        return t;
    }

    private List<NftTable> tables(NftFamily f) {
        List<NftTable> l = new ArrayList<>();
        for (NftTable t : rs.tables()) {
            if (f == null || t.family() == f) {
                l.add(t);
            }
        }
        return l;
    }

    /** "table FAM NAME {"; the table's handle shows only when the table itself is listed. */
    private void header(NftTable t, StringBuilder out, boolean withHandle) {
        out.append("table ").append(t.family().text()).append(' ').append(t.name()).append(" {")
                .append(withHandle ? handle(t.handle()) : "").append('\n');
    }

    private void header(NftTable t, StringBuilder out) {
        header(t, out, false);
    }

    void table(NftTable t, StringBuilder out) {
        header(t, out, true);
        String delim = "";
        if (t.dormant()) {
            out.append("\tflags dormant\n");
            delim = "\n";
        }
        if (t.comment() != null) {
            out.append("\tcomment \"").append(t.comment()).append("\"\n");
            delim = "\n";
        }
        for (NftSet s : t.sets()) {
            out.append(delim);
            set(s, out);
            delim = "\n";
        }
        for (NftChain c : t.chains()) {
            out.append(delim);
            chain(c, out);
            delim = "\n";
        }
        out.append("}\n");
    }

    private void chainDecl(NftChain c, StringBuilder out) {
        out.append("\tchain ").append(c.name()).append(" {").append(handle(c.handle())).append('\n');
        if (c.comment() != null) {
            out.append("\t\tcomment \"").append(c.comment()).append("\"\n");
        }
        if (c.base() != null) {
            out.append("\t\ttype ").append(c.base().type()).append(" hook ").append(c.base().hook().nftName())
                    .append(" priority ")
                    .append(NftPrio.format(c.base().priority(), c.base().hook(), o.numeric() || o.numericPrio()))
                    .append("; policy ").append(c.base().policyDrop() ? "drop" : "accept").append(";\n");
        }
    }

    void chain(NftChain c, StringBuilder out) {
        chainDecl(c, out);
        for (NftRule r : c.rules()) {
            out.append("\t\t").append(stmts.rule(r, c.table().family())).append(handle(r.handle())).append('\n');
        }
        out.append("\t}\n");
    }

    void set(NftSet s, StringBuilder out) {
        out.append("\tset ").append(s.name()).append(" {").append(handle(s.handle())).append('\n');
        if (s.typeof() != null) {
            out.append("\t\ttypeof ").append(s.typeof().text()).append('\n');
        } else {
            out.append("\t\ttype ").append(s.type().nftName()).append('\n');
        }
        List<String> flags = new ArrayList<>();
        if ((s.flags() & NftSet.F_CONSTANT) != 0) {
            flags.add("constant");
        }
        if ((s.flags() & NftSet.F_INTERVAL) != 0) {
            flags.add("interval");
        }
        if ((s.flags() & NftSet.F_TIMEOUT) != 0) {
            flags.add("timeout");
        }
        if ((s.flags() & NftSet.F_DYNAMIC) != 0) {
            flags.add("dynamic");
        }
        if (!flags.isEmpty()) {
            out.append("\t\tflags ").append(String.join(",", flags)).append('\n');
        }
        if (s.sizeLimit() != 0 && (s.flags() & NftSet.F_CONSTANT) == 0) {
            out.append("\t\tsize ").append(s.sizeLimit()).append('\n');
        }
        if (s.autoMerge()) {
            out.append("\t\tauto-merge\n");
        }
        if (s.comment() != null) {
            out.append("\t\tcomment \"").append(s.comment()).append("\"\n");
        }
        if (!o.terse() && s.count() > 0) {
            out.append("\t\telements = ").append(stmts.elements(s, false)).append('\n');
        }
        out.append("\t}\n");
    }
}
