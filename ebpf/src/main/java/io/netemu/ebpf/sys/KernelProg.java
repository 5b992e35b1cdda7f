package io.netemu.ebpf.sys;

import io.netemu.ebpf.vm.LoadedProgram;

/**
 * A loaded program as the kernel keeps it ({@code struct bpf_prog} and its aux): the id, name,
 * tag and load time that {@code bpftool prog show} and {@code ip link} print, the maps it
 * holds, and the program the VM runs. It lives while someone holds it: the loader until it
 * is done, each attachment, each pin ({@link BpfSys} counts).
 *
 * @param loadTimeNs   nanoseconds since the lab's boot (bpf_prog_info.load_time)
 * @param loadedAtSecs the wall clock at load, in seconds since the epoch (bpftool's loaded_at)
 * @param xlatedBytes  the instructions' size as netemu runs them: netemu does not rewrite a
 *                     program after verification, so this is the loaded size (Linux reports the
 *                     rewritten one, a little longer when context accesses are converted)
 * @param btfId        the id of the object's BTF, 0 when it has none
 */
public record KernelProg(int id, String name, String type, String tag, boolean gpl, long loadTimeNs,
                         long loadedAtSecs, int xlatedBytes, int[] mapIds, int btfId, LoadedProgram program) {

    /** bpf_prog_size: the program's pages, as memlock counts them. */
    public long memlock() {
        long bytes = 72L + xlatedBytes; // struct bpf_prog's head, then the instructions
        return (bytes + 4095) / 4096 * 4096;
    }
}
