package io.netemu.node.bpf;

import io.netemu.ebpf.sys.BpfSys;
import io.netemu.ebpf.sys.KernelProg;
import io.netemu.ebpf.xdp.XdpHook;
import io.netemu.ebpf.xdp.XdpProgramRunner;

/**
 * Makes the runner a device attachment uses: the VM over the loaded program, with tail calls
 * resolved through the lab's tables (a prog_array holds program ids; the program a tail call
 * reaches is whatever has that id when the call runs, none once it is freed).
 */
final class XdpRunners {
    private XdpRunners() {}

    static XdpHook runner(BpfSys sys, int id) {
        KernelProg p = sys.prog(id);
        return p == null ? null : new XdpProgramRunner(p.program(), sys::program);
    }
}
