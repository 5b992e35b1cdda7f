package io.netemu.ebpf.xdp;

import io.netemu.ebpf.vm.AddressSpace;
import io.netemu.ebpf.vm.Interpreter;
import io.netemu.ebpf.vm.LoadedProgram;
import io.netemu.ebpf.vm.ProgramTable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * An XDP program attached to one NIC: runs it on each received frame as a driver does. The
 * program sees the frame as if in a page-sized buffer behind {@link XdpMd#HEADROOM} bytes of
 * headroom, with the kernel's tailroom reserve at the end, so adjust_head, adjust_meta and
 * adjust_tail have the room and the limits they have in the kernel. It reads the caller's frame
 * in place; the frame is copied into that buffer only before the program's first write into the
 * packet or its first adjust, so a program that only looks (drop, pass) never copies it.
 *
 * <p>The runner keeps its interpreter, buffer and the outcome of the last run between frames, so
 * {@link #runFrame} allocates nothing: a changed frame stays in the runner's buffer, for the
 * caller to copy before the next run. It is not thread-safe: one
 * runner per attachment, used by the NIC actor that owns it. Maps may be shared with runners on
 * other threads.
 */
public final class XdpProgramRunner implements XdpHook {
    private static final long U32 = 0xffffffffL;
    private static final int ABORTED = 0, DROP = 1, REDIRECT = 4; // enum xdp_action, XdpAction's ordinals
    private static final long CTX_ADDRESS = AddressSpace.address(AddressSpace.CTX, 0);
    private static final VarHandle CTX_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

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

    /** The caller's frame while the program reads it in place (null once copied into buf, and between runs). */
    private byte[] lentFrame;
    private int lentOffset;
    private final Runnable unshare = this::unshare;

    // the last run's outcome, as the accessors give it
    private byte[] outFrame;
    private int outOffset, outLength, outRedirectIfindex;
    private String outRedirectNetns, outTrace;

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
    public int runFrame(byte[] frame, int offset, int length, int ingressIfindex, int rxQueue, XdpEnv env) {
        int needed = XdpMd.HEADROOM + length + XdpMd.SHARED_INFO_SIZE;
        if (buf.length < needed) buf = new byte[needed];
        meta = data = XdpMd.HEADROOM;
        dataEnd = XdpMd.HEADROOM + length;
        hardEnd = Math.max(XdpMd.FRAME_SIZE, needed) - XdpMd.SHARED_INFO_SIZE;
        adjusted = false;
        redirectIfindex = 0;
        redirectNetns = null;
        this.env = env;
        // what the caller gets unless the program changed the frame
        outFrame = frame;
        outOffset = offset;
        outLength = length;
        outRedirectIfindex = 0;
        outRedirectNetns = null;
        outTrace = null;
        CTX_INT.set(ctx, XdpMd.INGRESS_IFINDEX, ingressIfindex);
        CTX_INT.set(ctx, XdpMd.RX_QUEUE_INDEX, rxQueue);
        publishGeometry();
        // the program reads the caller's frame in place; the first write or adjust copies it into buf
        lentFrame = frame;
        lentOffset = offset;
        vm.memory().lendPacket(frame, offset - XdpMd.HEADROOM, offset, offset + length, unshare);

        boolean exited = vm.run(program, CTX_ADDRESS, 0);
        this.env = null;
        lentFrame = null;
        if (!exited) return aborted(vm.trapMessage());
        long r0 = vm.r0() & U32; // the kernel's bpf_prog_run_xdp returns a u32
        if (r0 > REDIRECT) return aborted("invalid XDP action " + r0 + " (bpf_warn_invalid_xdp_action: the frame is dropped)");
        int action = (int) r0;
        if (action <= DROP) return action;
        if (action == REDIRECT) {
            if (redirectIfindex == 0) return aborted("XDP_REDIRECT without a redirect target (xdp_do_redirect fails)");
            outRedirectIfindex = redirectIfindex;
            outRedirectNetns = redirectNetns;
        }
        if (adjusted || vm.memory().packetWritten) {
            // the frame as the program left it, in this runner's buffer until the next run
            outFrame = this.buf;
            outOffset = data;
            outLength = dataEnd - data;
        }
        return action;
    }

    private int aborted(String trace) {
        outTrace = trace;
        return ABORTED;
    }

    @Override public byte[] frameArray() { return outFrame; }

    @Override public int frameOffset() { return outOffset; }

    @Override public int frameLength() { return outLength; }

    @Override public int redirectIfindex() { return outRedirectIfindex; }

    @Override public String redirectNetns() { return outRedirectNetns; }

    @Override public String trace() { return outTrace; }

    /** Publishes the geometry to xdp_md and to the packet region's bounds after a change (the frame in buf). */
    private void packetMoved() {
        publishGeometry();
        vm.memory().setRegion(AddressSpace.PACKET, buf, 0, meta, dataEnd, true);
    }

    private void publishGeometry() {
        CTX_INT.set(ctx, XdpMd.DATA, (int) (AddressSpace.PACKET_BASE + data));
        CTX_INT.set(ctx, XdpMd.DATA_END, (int) (AddressSpace.PACKET_BASE + dataEnd));
        CTX_INT.set(ctx, XdpMd.DATA_META, (int) (AddressSpace.PACKET_BASE + meta));
    }

    /**
     * Copies the lent frame into buf behind the headroom and makes buf the packet region, at the
     * same positions: before the program's first write into the packet or the first adjust.
     * Nothing happens once the frame is the runner's.
     */
    private void unshare() {
        byte[] f = lentFrame;
        if (f == null) return;
        lentFrame = null;
        // meta == data until an adjust, and adjusts unshare first: the frame is data .. data_end
        System.arraycopy(f, lentOffset, buf, data, dataEnd - data);
        packetMoved();
    }

    // ---- the adjust helpers, with bpf_xdp_adjust_head/meta/tail's checks

    static final int EINVAL = 22, EACCES = 13;

    long adjustHead(int delta) {
        int metalen = data - meta;
        int newData = data + delta;
        if (newData < XdpMd.XDP_FRAME_SIZE + metalen || newData > dataEnd - XdpMd.ETH_HLEN) return -EINVAL;
        unshare();
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
        unshare();
        meta = newMeta;
        adjusted = true;
        packetMoved();
        return 0;
    }

    long adjustTail(int delta) {
        int newEnd = dataEnd + delta;
        if (newEnd > hardEnd || newEnd < data + XdpMd.ETH_HLEN) return -EINVAL;
        unshare();
        if (delta > 0) java.util.Arrays.fill(buf, dataEnd, newEnd, (byte) 0); // no old bytes may leak
        dataEnd = newEnd;
        adjusted = true;
        packetMoved();
        return 0;
    }
}
