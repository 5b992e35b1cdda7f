package io.netemu.stack.netfilter;

import io.netemu.packet.SkBuff;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.conntrack.Conn;

/**
 * A packet on its way through one hook: the fields hook functions read and change. NAT may
 * replace {@link #skb} with a rewritten buffer and set {@link #dstChanged} (the caller then routes
 * again); conntrack attaches the connection and the packet's state in it.
 */
public final class NfPacket {
    /** The packet, data at its IPv4 header; a function that writes must first take {@code skb.writable()}. */
    public SkBuff skb;
    public final NfHook hook;
    /** Input device (null for locally generated packets). */
    public final NetDev in;
    /** Output device (null before routing: PRE_ROUTING, LOCAL_IN). */
    public final NetDev out;
    /** skb->mark; the caller stores it back into the skb's metadata. */
    public int mark;
    /** The conntrack entry ({@code skb->_nfct}), or null: untracked, or conntrack not in use. */
    public Conn ct;
    /** The packet's conntrack state as matches read it (ctinfo); null when not tracked. */
    public CtState ctState;
    /** Set by NAT when the destination changed: the data path must look up the route again. */
    public boolean dstChanged;
    public final NfStackOps ops;

    public NfPacket(SkBuff skb, NfHook hook, NetDev in, NetDev out, NfStackOps ops) {
        this.skb = skb;
        this.hook = hook;
        this.in = in;
        this.out = out;
        this.ops = ops;
        this.mark = skb.meta().mark();
        if (skb.meta().nfct() instanceof NfctTag t) {
            this.ct = t.ct();
            this.ctState = t.state();
        }
    }

    /** The packet as it leaves the hook: the skb with its mark and conntrack tag updated. */
    public SkBuff result() {
        SkBuff s = skb;
        Object tag = s.meta().nfct();
        NfctTag now = ct == null && ctState == null ? null
                : tag instanceof NfctTag t && t.ct() == ct && t.state() == ctState ? t : new NfctTag(ct, ctState);
        if (now != tag || mark != s.meta().mark()) {
            s = s.withMeta(s.meta().withMark(mark).withNfct(now));
        }
        return s;
    }

    /** The conntrack states a rule can match ({@code --ctstate}, {@code ct state}). */
    public enum CtState { NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED }
}
