package io.netemu.node.bpf;

/**
 * dev_xdp_attach refused: {@code extack} is the kernel's message (null when it sets none),
 * {@code errno} the positive error. ip prints "Error: EXTACK." and exits 2; bpftool prints
 * "libbpf: Kernel error message: EXTACK" then its own line, and exits with -errno.
 */
public final class XdpAttachError extends Exception {
    private final int errno;
    private final String extack;

    public XdpAttachError(int errno, String extack) {
        super(extack, null, false, false);
        this.errno = errno;
        this.extack = extack;
    }

    public int errno() { return errno; }

    public String extack() { return extack; }
}
