package io.netemu.ebpf.xdp;

import io.netemu.ebpf.isa.HelperId;
import io.netemu.ebpf.map.BpfMap;
import io.netemu.ebpf.map.DevMap;
import io.netemu.ebpf.map.DevMapEntry;
import io.netemu.ebpf.map.MapType;
import io.netemu.ebpf.map.ValueRef;
import io.netemu.ebpf.vm.AddressSpace;
import io.netemu.ebpf.vm.HelperTable;
import io.netemu.ebpf.vm.Interpreter;
import io.netemu.ebpf.vm.MapHelpers;
import io.netemu.ebpf.vm.ProgramTable;
import io.netemu.ebpf.vm.TailCalls;
import io.netemu.ebpf.vm.Trap;

/**
 * The helpers an XDP program may call (the kernel's xdp_func_proto, the part netemu offers),
 * bound to one {@link XdpProgramRunner}: they change its frame and redirect target, and reach
 * the world through the {@link XdpEnv} of the run in progress.
 */
final class XdpHelpers {
    private XdpHelpers() {}

    static final int EINVAL = 22;
    /** BPF_F_BROADCAST and BPF_F_EXCLUDE_INGRESS: accepted by bpf_redirect_map beside the action bits. */
    private static final long REDIRECT_MAP_FLAGS = 1 << 3 | 1 << 4;
    private static final long ACTION_MASK = 3; // XDP_ABORTED | XDP_DROP | XDP_PASS | XDP_TX
    static final int BPF_FIB_LOOKUP_SIZE = 64;

    static HelperTable table(XdpProgramRunner x, ProgramTable programs) {
        HelperTable t = MapHelpers.install(new HelperTable());
        TailCalls.install(t, programs);
        t.set(HelperId.KTIME_GET_NS, (vm, a, b, c, d, e) -> x.env.ktimeNs());
        t.set(HelperId.GET_PRANDOM_U32, (vm, a, b, c, d, e) -> x.env.prandomU32() & 0xffffffffL);
        t.set(HelperId.GET_SMP_PROCESSOR_ID, (vm, a, b, c, d, e) -> 0);
        t.set(HelperId.TRACE_PRINTK, (vm, fmt, size, a1, a2, a3) -> tracePrintk(x, vm, fmt, size, a1, a2, a3));
        t.set(HelperId.CSUM_DIFF, XdpHelpers::csumDiff);
        t.set(HelperId.REDIRECT, (vm, ifindex, flags, c, d, e) -> {
            if (flags != 0) return XdpAction.ABORTED.ordinal();
            x.redirectIfindex = (int) ifindex;
            return XdpAction.REDIRECT.ordinal();
        });
        t.set(HelperId.REDIRECT_MAP, (vm, handle, key, flags, d, e) -> redirectMap(x, vm, handle, key, flags));
        t.set(HelperId.XDP_ADJUST_HEAD, (vm, ctx, delta, c, d, e) -> x.adjustHead((int) delta));
        t.set(HelperId.XDP_ADJUST_META, (vm, ctx, delta, c, d, e) -> x.adjustMeta((int) delta));
        t.set(HelperId.XDP_ADJUST_TAIL, (vm, ctx, delta, c, d, e) -> x.adjustTail((int) delta));
        t.set(HelperId.FIB_LOOKUP, (vm, ctx, params, plen, flags, e) -> {
            if (plen < BPF_FIB_LOOKUP_SIZE) return -EINVAL; // the kernel reads and writes sizeof(*params) only
            AddressSpace m = vm.memory();
            int i = m.write(params, BPF_FIB_LOOKUP_SIZE);
            return x.env.fibLookup(m.arrayOf(params), i, (int) flags);
        });
        return t;
    }

    private static long redirectMap(XdpProgramRunner x, Interpreter vm, long handle, long key, long flags) {
        BpfMap map = MapHelpers.map(vm, handle);
        MapType type = map.spec().type();
        if (type != MapType.DEVMAP && type != MapType.DEVMAP_HASH) {
            throw new Trap("bpf_redirect_map on a " + type.bpftoolName + " map (netemu offers devmap and devmap_hash)");
        }
        if ((flags & ~(ACTION_MASK | REDIRECT_MAP_FLAGS)) != 0) return XdpAction.ABORTED.ordinal();
        DevMapEntry e = ((DevMap) map).target((int) key); // the key is passed by value, as a u32
        if (e == null) return flags & ACTION_MASK; // the kernel's fallback action for a missing key
        x.redirectIfindex = e.ifindex();
        x.redirectNetns = e.netns();
        return XdpAction.REDIRECT.ordinal();
    }

    private static long tracePrintk(XdpProgramRunner x, Interpreter vm, long fmt, long size, long a1, long a2, long a3) {
        AddressSpace m = vm.memory();
        if (size <= 0 || size > 1 << 16) return -EINVAL;
        int n = (int) size;
        int i = m.read(fmt, n);
        byte[] a = m.arrayOf(fmt);
        if (a[i + n - 1] != 0) return -EINVAL; // the kernel wants the terminating NUL inside fmt_size
        String text = TracePrintk.format(a, i, n, new long[] {a1, a2, a3}, m);
        if (text == null) return -EINVAL;
        x.env.trace(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        return text.length();
    }

    private static long csumDiff(Interpreter vm, long from, long fromSize, long to, long toSize, long seed) {
        long fs = fromSize & 0xffffffffL, ts = toSize & 0xffffffffL;
        if (((fs | ts) & 3) != 0 || fs + ts > CsumDiff.MAX_BYTES) return -EINVAL;
        AddressSpace m = vm.memory();
        byte[] fa = null, ta = null;
        int fi = 0, ti = 0;
        if (fs > 0) { fi = m.read(from, (int) fs); fa = m.arrayOf(from); }
        if (ts > 0) { ti = m.read(to, (int) ts); ta = m.arrayOf(to); }
        return CsumDiff.sum(fa, fi, (int) fs, ta, ti, (int) ts, seed);
    }
}
