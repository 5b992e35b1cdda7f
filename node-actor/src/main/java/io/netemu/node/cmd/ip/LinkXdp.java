package io.netemu.node.cmd.ip;

import io.netemu.ebpf.elf.BpfObject;
import io.netemu.ebpf.elf.BpfObjectException;
import io.netemu.ebpf.elf.BpfObjectLoader;
import io.netemu.ebpf.elf.ProgramSpec;
import io.netemu.ebpf.sys.BpfError;
import io.netemu.ebpf.sys.BpfSys;
import io.netemu.ebpf.sys.KernelProg;
import io.netemu.node.bpf.NsXdp;
import io.netemu.node.bpf.XdpAttachError;
import io.netemu.node.cmd.CommandExit;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The XDP part of {@code ip link set}: the program is loaded while the command line is parsed
 * (iproute2 loads it in xdp_parse, before it looks the device up, so a bad object fails first
 * and a missing device costs a program id), then attached by do_setlink's IFLA_XDP. Messages and
 * exit statuses are iproute2 6.1's with libbpf 1.1. {@code verbose} is accepted; the libbpf
 * debug lines real ip prints with it are not reproduced.
 */
final class LinkXdp {
    private LinkXdp() {}

    /** The program the request names, with one reference for the caller; null for {@code off}. */
    static KernelProg load(XdpArgs x, BpfSys sys, Path cwd) {
        if (x.off()) {
            return null;
        }
        if (x.pinned() != null) {
            Object o = sys.pinned(x.pinned());
            if (o == null) {
                throw CommandExit.usage("Couldn't retrieve pinned program '" + x.pinned() + "': No such file or directory");
            }
            if (!(o instanceof KernelProg p) || !sys.hold(p.id())) {
                throw CommandExit.kernel("RTNETLINK answers: Invalid argument");
            }
            return p;
        }
        byte[] elf;
        try {
            elf = Files.readAllBytes(cwd.resolve(x.file()));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw CommandExit.usage("Cannot initialize ELF context!");
        }
        BpfObject obj;
        try {
            obj = BpfObjectLoader.load(elf, x.file());
        } catch (BpfObjectException e) {
            throw CommandExit.usage("Cannot initialize ELF context!");
        }
        ProgramSpec spec = obj.programs().stream().filter(p -> p.section().equals(x.section())).findFirst().orElse(null);
        if (spec == null) {
            throw CommandExit.usage("object file doesn't contain sec " + x.section());
        }
        try {
            return sys.load(obj, spec, x.file(), x.offload());
        } catch (BpfError e) {
            throw CommandExit.usage(String.join("\n", e.log()));
        }
    }

    /**
     * IFLA_XDP: attach or detach. Without {@code -force} an attached program is not replaced
     * (XDP_FLAGS_UPDATE_IF_NOEXIST). The caller's reference to {@code prog} is released here,
     * whatever happens: the attachment holds its own.
     */
    static void apply(XdpArgs x, KernelProg prog, NetDev d, NetNs ns, BpfSys sys, boolean force) {
        try {
            NsXdp xdp = NsXdp.of(ns);
            if (x.offload()) {
                if (prog != null) {
                    throw new XdpAttachError(BpfError.EINVAL, null);
                }
                return; // no program is ever offloaded: nothing to take off
            }
            if (prog == null) {
                xdp.detach(sys, d, x.mode());
            } else {
                xdp.attach(sys, d, prog, x.mode(), !force);
            }
        } catch (XdpAttachError e) {
            throw CommandExit.kernel(e.extack() != null ? "Error: " + e.extack() + "."
                    : "RTNETLINK answers: " + BpfError.strerror(e.errno()));
        } finally {
            if (prog != null) {
                sys.release(prog.id());
            }
        }
    }
}
