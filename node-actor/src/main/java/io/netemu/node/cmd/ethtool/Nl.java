package io.netemu.node.cmd.ethtool;

import io.netemu.node.cmd.CommandExit;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How ethtool 6.1 reports a netlink request the kernel refused: the extack message with the
 * offset of the attribute it names ({@code netlink error: MSG (offset N)}), then the errno
 * ({@code netlink error: Invalid argument}). The offsets are those of the request ethtool
 * builds, so they are computed as it lays the message out.
 */
final class Nl {
    static final String EINVAL = "Invalid argument";
    static final String EOPNOTSUPP = "Operation not supported";
    static final String ENODEV = "No such device";
    static final String ERANGE = "Numerical result out of range";

    private Nl() {}

    /** The device lookup in the request header failed (ETHTOOL_A_HEADER_DEV_NAME sits at 24). */
    static CommandExit noDevice(int status) {
        return new CommandExit(status, "netlink error: no device matches name (offset 24)\nnetlink error: " + ENODEV);
    }

    /** The kernel said only an errno (no extack). */
    static CommandExit errno(int status, String errno) {
        return new CommandExit(status, "netlink error: " + errno);
    }

    /** An extack message about the attribute at {@code offset} (none when {@code offset < 0}: the attribute was not sent). */
    static CommandExit extack(int status, String msg, int offset, String errno) {
        String where = offset < 0 ? "" : " (offset " + offset + ")";
        return new CommandExit(status, "netlink error: " + msg + where + "\nnetlink error: " + errno);
    }

    /**
     * The device a NIC request (rings, channels, coalescing) is about: a missing one is the
     * header's "no device", anything but a veth has no such ethtool ops ("Operation not supported").
     */
    static NetDev nic(NetNs ns, String name, int status) {
        NetDev d = ns.devs().byName(name);
        if (d == null) {
            throw noDevice(status);
        }
        if (d.kind() != DevKind.VETH) {
            throw errno(status, EOPNOTSUPP);
        }
        return d;
    }

    /** A get request takes no parameters (ethtool checks this before sending anything). */
    static void noParams(List<String> args) {
        if (!args.isEmpty()) {
            throw new CommandExit(1, "ethtool: unexpected parameter '" + args.get(0) + "'");
        }
    }

    static int align4(int n) { return (n + 3) & ~3; }

    /** A NUL-terminated string attribute's length on the wire. */
    static int strAttr(String s) { return 4 + align4(s.getBytes(StandardCharsets.UTF_8).length + 1); }

    /**
     * Where the first attribute after the request header starts: nlmsghdr (16) + genlmsghdr (4)
     * + the header nest (4) + the device name (e.g. 36 for "t10ha", 32 for "va"), plus the
     * header's flags attribute (8) where ethtool sends one ({@code -K}: compact bitsets).
     */
    static int afterHeader(String dev, boolean flags) {
        return 24 + strAttr(dev) + (flags ? 8 : 0);
    }
}
