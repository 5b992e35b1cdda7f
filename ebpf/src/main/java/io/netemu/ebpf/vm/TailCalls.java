package io.netemu.ebpf.vm;

import io.netemu.ebpf.isa.HelperId;
import io.netemu.ebpf.map.BpfMap;
import io.netemu.ebpf.map.MapType;
import io.netemu.ebpf.map.ValueRef;

/**
 * bpf_tail_call(ctx, prog_array, index): continues in the program a PROG_ARRAY slot names,
 * without coming back. The slot's value is read as a u32 program id and resolved through a
 * {@link ProgramTable}. When there is nothing to jump to (index out of range, empty slot, no such
 * program, {@link Interpreter#MAX_TAIL_CALLS} reached) the call returns an error and the program
 * goes on with its next instruction, as in the kernel.
 */
public final class TailCalls {
    private TailCalls() {}

    static final int EINVAL = 22, ENOENT = 2, E2BIG = 7;

    public static HelperTable install(HelperTable table, ProgramTable programs) {
        return table.set(HelperId.TAIL_CALL, (vm, ctx, handle, index, r4, r5) -> call(vm, programs, ctx, handle, index));
    }

    static long call(Interpreter vm, ProgramTable programs, long ctx, long handle, long index) {
        BpfMap map = MapHelpers.map(vm, handle);
        if (map.spec().type() != MapType.PROG_ARRAY) throw new Trap("bpf_tail_call on a " + map.spec().type().bpftoolName + " map");
        long i = index & 0xffffffffL; // the kernel takes the index as u32
        if (i >= map.spec().maxEntries()) return -EINVAL;
        byte[] key = {(byte) i, (byte) (i >>> 8), (byte) (i >>> 16), (byte) (i >>> 24)};
        ValueRef v = map.lookup(key, 0);
        if (v == null) return -ENOENT;
        byte[] a = v.array();
        int o = v.offset();
        int id = (a[o] & 0xff) | (a[o + 1] & 0xff) << 8 | (a[o + 2] & 0xff) << 16 | (a[o + 3] & 0xff) << 24;
        LoadedProgram target = programs.byId(id);
        if (target == null) return -ENOENT;
        return vm.tailCall(target, ctx) ? 0 : -E2BIG;
    }
}
