package io.netemu.stack.netfilter.nft;

import java.util.ArrayList;
import java.util.List;

/** A chain (struct nft_chain): regular, or a base chain attached to a hook; rules in order. */
public final class NftChain {
    private final NftTable table;
    private String name;
    private final long handle;
    private NftBaseChain base;
    private String comment;
    private final List<NftRule> rules = new ArrayList<>();

    public NftChain(NftTable table, String name, long handle, NftBaseChain base) {
        this.table = table;
        this.name = name;
        this.handle = handle;
        this.base = base;
    }

    public NftTable table() { return table; }
    public String name() { return name; }
    /** {@code rename chain}: the table re-files the chain under its new name. */
    public void setName(String n) { this.name = n; }
    public long handle() { return handle; }
    public NftBaseChain base() { return base; }
    public void setBase(NftBaseChain b) { this.base = b; }
    public String comment() { return comment; }
    public void setComment(String c) { this.comment = c; }
    /** The rules, mutable: the ruleset's commands edit it in place. */
    public List<NftRule> rules() { return rules; }

    /** The index of the rule with {@code handle}, or -1. */
    public int indexOf(long handle) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).handle() == handle) {
                return i;
            }
        }
        return -1;
    }
}
