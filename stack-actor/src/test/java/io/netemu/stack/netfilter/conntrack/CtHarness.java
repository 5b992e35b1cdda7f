package io.netemu.stack.netfilter.conntrack;

import io.netemu.packet.SkBuff;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.Netfilter;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfStackOps;
import io.netemu.stack.netfilter.NfVerdict;
import io.netemu.stack.sys.Sysctls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One namespace's netfilter with conntrack loaded and a fake stack: a clock the test moves, the
 * kernel log as a list, source addresses per device. Runs packets through the hooks in the order
 * the data path does (ip_rcv, ip_forward, ip_output).
 */
final class CtHarness implements NfStackOps {
    static final long SEC = 1_000_000_000L;
    final Netfilter nf = new Netfilter();
    final Sysctls sysctl = new Sysctls();
    final Conntrack ct;
    final List<String> klog = new ArrayList<>();
    final Map<String, Integer> addrs = new HashMap<>();
    long now = 1000 * SEC;
    /** The last packet context of the last run (null if it was dropped). */
    NfPacket last;

    CtHarness() {
        ct = Conntrack.ensure(nf, sysctl);
    }

    static NetDev dev(int ifindex, String name) { return new NetDev(ifindex, name, DevKind.VETH, 0x020000000000L + ifindex, 1500); }

    CtHarness addr(NetDev d, String a) {
        addrs.put(d.name(), Pkts.ip(a));
        return this;
    }

    void advance(long seconds) { now += seconds * SEC; }

    /** Runs the hooks in turn on the packet, as NfOps.run does; the skb as it leaves, or null if dropped. */
    SkBuff run(SkBuff skb, NetDev in, NetDev out, NfHook... hooks) {
        for (NfHook h : hooks) {
            NfPacket p = new NfPacket(skb, h, h == NfHook.POST_ROUTING || h == NfHook.LOCAL_OUT ? null : in,
                    h == NfHook.PRE_ROUTING || h == NfHook.LOCAL_IN ? null : out, this);
            NfVerdict v = nf.run(p);
            if (v != NfVerdict.ACCEPT) {
                last = null;
                return null;
            }
            skb = p.result();
            last = p;
        }
        return skb;
    }

    SkBuff forward(SkBuff skb, NetDev in, NetDev out) {
        return run(skb, in, out, NfHook.PRE_ROUTING, NfHook.FORWARD, NfHook.POST_ROUTING);
    }

    SkBuff input(SkBuff skb, NetDev in) {
        return run(skb, in, null, NfHook.PRE_ROUTING, NfHook.LOCAL_IN);
    }

    SkBuff output(SkBuff skb, NetDev out) {
        return run(skb, null, out, NfHook.LOCAL_OUT, NfHook.POST_ROUTING);
    }

    /** The only connection in the table. */
    Conn only() {
        List<Conn> l = ct.entries(now);
        if (l.size() != 1) {
            throw new AssertionError("expected one entry, got " + l);
        }
        return l.get(0);
    }

    @Override
    public void sendIcmpError(SkBuff offending, int type, int code) {}

    @Override
    public void sendTcpReset(SkBuff offending) {}

    @Override
    public void klog(String line) { klog.add(line); }

    @Override
    public int selectSource(NetDev dev, int dst) {
        return dev == null ? 0x7F000001 : addrs.getOrDefault(dev.name(), 0);
    }

    @Override
    public long now() { return now; }
}
