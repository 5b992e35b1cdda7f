package io.netemu.node.cmd.ip;

/**
 * What the global options hand an object: the {@link IpOptions} plus what that record does
 * not carry ({@code -f FAMILY}/{@code -6}/{@code -0}, {@code -h}, {@code -iec}).
 *
 * @param family {@link #UNSPEC}, {@link #INET}, {@link #INET6} or {@link #PACKET} (iproute2's preferred_family)
 */
record IpCtx(IpOptions opts, int family, boolean human, boolean iec) {
    static final int UNSPEC = 0;
    static final int INET = 4;
    static final int INET6 = 6;
    static final int PACKET = 17;

    static IpCtx of(IpOptions o) {
        return new IpCtx(o, o.inet4Only() ? INET : UNSPEC, false, false);
    }

    IpCtx withFamily(int f) {
        return new IpCtx(opts, f, human, iec);
    }
}
