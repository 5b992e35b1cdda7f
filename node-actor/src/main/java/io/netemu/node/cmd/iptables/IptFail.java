package io.netemu.node.cmd.iptables;

/**
 * A command iptables started but could not do. {@code kernel} false: the nft_strerror path
 * ({@code iptables: No chain/target/match by that name.}, exit 1, "Run `dmesg'" after EINVAL);
 * true: the kernel refused the batch ({@code  RULE_APPEND failed (Invalid argument): rule in chain INPUT}, exit 4).
 */
final class IptFail extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean kernel;
    final boolean einval;

    private IptFail(String message, boolean kernel, boolean einval) {
        super(message, null, false, false);
        this.kernel = kernel;
        this.einval = einval;
    }

    static IptFail noChain() { return new IptFail("No chain/target/match by that name", false, false); }

    static IptFail of(String message) { return new IptFail(message, false, false); }

    static IptFail einval(String message) { return new IptFail(message, false, true); }

    /** A kernel refusal: {@code op} such as RULE_APPEND, {@code errno} its strerror, {@code what} "rule in chain X". */
    static IptFail kernel(String op, String errno, String what) {
        return new IptFail(" " + op + " failed (" + errno + "): " + what, true, false);
    }
}
