package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftAst.Name;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.nft.NftBaseChain;
import io.netemu.stack.netfilter.nft.NftChain;
import io.netemu.stack.netfilter.nft.NftFamily;
import io.netemu.stack.netfilter.nft.NftTable;
import java.util.List;

/**
 * {@code add|create chain} (chain_evaluate and nf_tables_newchain / nf_tables_updchain): a new
 * chain takes a handle; a hook spec needs a known hook and a priority valid there; nat chains
 * only at the hooks NAT runs; an existing chain may change its policy, not its hook.
 */
final class NftChainOps {
    private final NftExec x;

    NftChainOps(NftExec x) {
        this.x = x;
    }

    static NftAst.ChainBody withoutRules(NftAst.ChainBody b) {
        return new NftAst.ChainBody(b.hook(), b.policyDrop(), b.comment(), List.of());
    }

    void addChain(NftTable t, Name name, NftAst.ChainBody body, boolean create, NftLoc cmdLoc) throws NftError {
        NftChain ch = t.chain(name.text());
        if (ch != null && create) {
            throw NftExec.kernel("File exists", name.loc());
        }
        NftBaseChain base = body == null || body.hook() == null ? null : baseChain(t, body, cmdLoc);
        if (ch == null) {
            ch = new NftChain(t, name.text(), t.allocHandle(), base);
            t.putChain(ch);
            x.rs().journal(() -> t.removeChain(name.text()));
        } else if (base != null || (body != null && body.policyDrop() != null)) {
            NftBaseChain old = ch.base();
            if (old == null || (base != null && (old.hook() != base.hook() || old.priority() != base.priority()
                    || !old.type().equals(base.type())))) {
                throw NftExec.kernel("Device or resource busy", name.loc());
            }
            NftChain chain = ch;
            chain.setBase(old.withPolicy(body.policyDrop() != null ? body.policyDrop() : old.policyDrop()));
            x.rs().journal(() -> chain.setBase(old));
        }
        if (body != null && body.comment() != null) {
            NftChain chain = ch;
            String old = ch.comment();
            ch.setComment(body.comment());
            x.rs().journal(() -> chain.setComment(old));
        }
        if (body != null) {
            for (NftAst.Rule r : body.rules()) {
                x.insertRule(t, ch, r, ch.rules().size(), null, cmdLoc);
            }
        }
    }

    private NftBaseChain baseChain(NftTable t, NftAst.ChainBody body, NftLoc cmdLoc) throws NftError {
        NftAst.Hook h = body.hook();
        NfHook hook = NftPrio.hook(t.family(), h.hook().text());
        if (hook == null) {
            throw new NftError("unknown chain hook", h.hook().loc());
        }
        int prio;
        if (h.prio().name() == null) {
            prio = (int) h.prio().offset();
        } else {
            Integer v = NftPrio.value(h.prio().name(), h.prio().offset(), hook);
            if (v == null) {
                throw new NftError("invalid priority expression value in this context.", h.prio().loc());
            }
            prio = v;
        }
        String type = h.type().text();
        boolean ok = switch (type) {
            case "filter" -> true;
            case "nat" -> hook != NfHook.FORWARD && t.family() != NftFamily.ARP && t.family() != NftFamily.BRIDGE;
            case "route" -> hook == NfHook.LOCAL_OUT && t.family() != NftFamily.INET;
            default -> throw NftExec.kernel("No such file or directory", h.type().loc());
        };
        if (!ok) {
            throw NftExec.kernel("Operation not supported", cmdLoc);
        }
        return new NftBaseChain(type, hook, prio, Boolean.TRUE.equals(body.policyDrop()));
    }
}
