package io.netemu.ebpf.xdp;

import io.netemu.ebpf.vm.AddressSpace;
import io.netemu.ebpf.vm.Interpreter;
import io.netemu.ebpf.vm.LoadedProgram;
import io.netemu.ebpf.vm.ProgramTable;

/**
 * An XDP program attached to one NIC: runs it on each received frame as a driver does. The frame
 * is copied into a page-sized buffer behind {@link XdpMd#HEADROOM} bytes of headroom, with the
 * kernel's tailroom reserve at the end, so adjust_head, adjust_meta and adjust_tail have the
 * room and the limits they have in the kernel.
 *
 * <p>The runner keeps its interpreter and buffer between frames, so a run allocates only its
 * result (and a copy of the frame when the program changed it). It is not thread-safe: one
 * runner per attachment, used by the NIC actor that owns it. Maps may be shared with runners on
 * other threads.
 */
public final class XdpProgramRunner implements XdpHook {
    private static final long U32 = 0xffffffffL;
    private static final XdpAction[] ACTIONS = XdpAction.values(); // XdpAction.of copies values() per call

    private final LoadedProgram program;
    private final Interpreter vm;
    private final byte[] ctx = new byte[XdpMd.SIZE];
    private byte[] buf = new byte[XdpMd.FRAME_SIZE];

    // the frame's geometry during a run, as indexes into buf
    int meta, data, dataEnd, hardEnd;
    boolean adjusted;
    /** bpf_redirect's or bpf_redirect_map's target; 0 when none was set this run. */
    int redirectIfindex;
    /** The namespace a devmap entry was written for (null: the program's own). */
    String redirectNetns;
    XdpEnv env;

    public XdpProgramRunner(LoadedProgram program, ProgramTable programs) {
        this(program, programs, Interpreter.DEFAULT_MAX_INSTRUCTIONS);
    }

    public XdpProgramRunner(LoadedProgram program, ProgramTable programs, long maxInstructions) {
        this.program = program;
        this.vm = new Interpreter(XdpHelpers.table(this, programs), maxInstructions);
        vm.memory().setRegion(AddressSpace.CTX, ctx, 0, 0, XdpMd.SIZE, false); // xdp_md is read-only
    }

    @Override
    public int progId() { return program.id; }

    public LoadedProgram program() { return program; }

    @Override
    public XdpResult run(byte[] frame, int offset, int length, int ingressIfindex, int rxQueue, XdpEnv env) {
        int needed = XdpMd.HEADROOM + length + XdpMd.SHARED_INFO_SIZE;
        if (buf.length < needed) buf = new byte[needed];
        System.arraycopy(frame, offset, buf, XdpMd.HEADROOM, length);
        meta = data = XdpMd.HEADROOM;
        dataEnd = XdpMd.HEADROOM + length;
        hardEnd = Math.max(XdpMd.FRAME_SIZE, needed) - XdpMd.SHARED_INFO_SIZE;
        adjusted = false;
        redirectIfindex = 0;
        redirectNetns = null;
        this.env = env;
        putCtx(XdpMd.INGRESS_IFINDEX, ingressIfindex);
        putCtx(XdpMd.RX_QUEUE_INDEX, rxQueue);
        packetMoved();

        boolean exited = vm.run(program, AddressSpace.address(AddressSpace.CTX, 0), 0);
        this.env = null;
        if (!exited) return result(XdpAction.ABORTED, frame, offset, length, vm.trapMessage());
        long r0 = vm.r0() & U32; // the kernel's bpf_prog_run_xdp returns a u32
        XdpAction action = r0 < ACTIONS.length ? ACTIONS[(int) r0] : null;
        if (action == null) {
            return result(XdpAction.ABORTED, frame, offset, length,
                    "invalid XDP action " + r0 + " (bpf_warn_invalid_xdp_action: the frame is dropped)");
        }
        if (action == XdpAction.REDIRECT && redirectIfindex == 0) {
            return result(XdpAction.ABORTED, frame, offset, length, "XDP_REDIRECT without a redirect target (xdp_do_redirect fails)");
        }
        if (action == XdpAction.DROP || action == XdpAction.ABORTED) return result(action, frame, offset, length, null);
        if (!adjusted && !vm.memory().packetWritten) return result(action, frame, offset, length, null);
        byte[] out = java.util.Arrays.copyOfRange(buf, data, dataEnd);
        return result(action, out, 0, out.length, null);
    }

    private XdpResult result(XdpAction action, byte[] frame, int offset, int length, String trace) {
        int target = action == XdpAction.REDIRECT ? redirectIfindex : 0;
        return new XdpResult(action, frame, offset, length, target,
                action == XdpAction.REDIRECT ? redirectNetns : null, trace);
    }

    /** Publishes the geometry to xdp_md and to the packet region's bounds after a change. */
    private void packetMoved() {
        putCtx(XdpMd.DATA, (int) (AddressSpace.PACKET_BASE + data));
        putCtx(XdpMd.DATA_END, (int) (AddressSpace.PACKET_BASE + dataEnd));
        putCtx(XdpMd.DATA_META, (int) (AddressSpace.PACKET_BASE + meta));
        vm.memory().setRegion(AddressSpace.PACKET, buf, 0, meta, dataEnd, true);
    }

    private void putCtx(int at, int v) {
        ctx[at] = (byte) v;
        ctx[at + 1] = (byte) (v >>> 8);
        ctx[at + 2] = (byte) (v >>> 16);
        ctx[at + 3] = (byte) (v >>> 24);
    }

    // ---- the adjust helpers, with bpf_xdp_adjust_head/meta/tail's checks

    static final int EINVAL = 22, EACCES = 13;

    long adjustHead(int delta) {
        int metalen = data - meta;
        int newData = data + delta;
        if (newData < XdpMd.XDP_FRAME_SIZE + metalen || newData > dataEnd - XdpMd.ETH_HLEN) return -EINVAL;
        if (metalen > 0) System.arraycopy(buf, meta, buf, meta + delta, metalen);
        meta += delta;
        data = newData;
        adjusted = true;
        packetMoved();
        return 0;
    }

    long adjustMeta(int delta) {
        int newMeta = meta + delta;
        if (newMeta < XdpMd.XDP_FRAME_SIZE || newMeta > data) return -EINVAL;
        int metalen = data - newMeta;
        if ((metalen & 3) != 0 || metalen > XdpMd.MAX_META) return -EACCES;
        meta = newMeta;
        adjusted = true;
        packetMoved();
        return 0;
    }

    long adjustTail(int delta) {
        int newEnd = dataEnd + delta;
        if (newEnd > hardEnd || newEnd < data + XdpMd.ETH_HLEN) return -EINVAL;
        if (delta > 0) java.util.Arrays.fill(buf, dataEnd, newEnd, (byte) 0); // no old bytes may leak
        dataEnd = newEnd;
        adjusted = true;
        packetMoved();
        return 0;
    }
}
