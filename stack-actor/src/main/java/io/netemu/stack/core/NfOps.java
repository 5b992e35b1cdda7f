package io.netemu.stack.core;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.stack.NetStack;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfStackOps;
import io.netemu.stack.netfilter.NfVerdict;
import io.netemu.stack.route.RouteOutput;

/** The stack as netfilter's targets see it, and the one place the data path runs a hook (NF_HOOK). */
public final class NfOps implements NfStackOps {
    private final NetStack stack;

    public NfOps(NetStack stack) { this.stack = stack; }

    /**
     * Runs {@code hook} on {@code skb} (data at the IP header). Returns the packet context after
     * the hook — its {@code skb} may have been rewritten (NAT) and {@code dstChanged} set — or
     * null when a function dropped (counted) or took the packet. With nothing registered at the
     * hook, returns {@code ACCEPTED} without allocating.
     */
    public NfPacket run(NfHook hook, SkBuff skb, NetDev in, NetDev out) {
        NfPacket p = new NfPacket(skb, hook, in, out, this);
        NfVerdict v = stack.ns().netfilter().run(p);
        if (v == NfVerdict.DROP) {
            stack.counters().drop(StackDrop.NETFILTER_DROP);
            return null;
        }
        if (v == NfVerdict.STOLEN) {
            return null;
        }
        p.skb = p.result();
        return p;
    }

    public boolean active(NfHook hook) {
        return !stack.ns().netfilter().isEmpty(hook);
    }

    @Override
    public void sendIcmpError(SkBuff offending, int type, int code) {
        stack.icmpSend().send(offending, type, code, 0);
    }

    @Override
    public void sendTcpReset(SkBuff offending) {
        stack.ipOutput().tcpResetClosed(offending, Ipv4Packet.of(offending));
    }

    @Override
    public void klog(String line) {
        stack.ns().klog().log(stack.env().now(), line);
    }

    @Override
    public int selectSource(NetDev dev, int dst) {
        if (dev == null) {
            return 0x7F000001;
        }
        return RouteOutput.selectAddr(stack.ns().devs(), stack.ns().addrs(), dev.ifindex(), dst, 0);
    }

    @Override
    public long now() { return stack.env().now(); }
}
