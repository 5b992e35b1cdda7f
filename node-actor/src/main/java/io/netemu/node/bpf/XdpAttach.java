package io.netemu.node.bpf;

import io.netemu.device.xdp.XdpMode;
import io.netemu.ebpf.sys.KernelProg;

/**
 * One device's attached program as the namespace lists it: what {@code ip link} and
 * {@code bpftool net} print. The program's facts are a snapshot (they never change after load).
 */
public record XdpAttach(int ifindex, XdpMode mode, KernelProg prog) {}
