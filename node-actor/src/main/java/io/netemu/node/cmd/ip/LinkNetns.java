package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.NetnsOp;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;

/**
 * {@code ip link set DEV netns NS [name NEW] [up] ...}: do_setlink moves the device first
 * (__dev_change_net_namespace) and applies the rest there. The move is the namespace actor's
 * ({@link NetnsOp.LinkMove}); what would refuse it is checked here first, so that a refused move
 * changes nothing. The name and up-state go with the op; the request's other attributes stay
 * in it, to be applied here before the device leaves.
 */
final class LinkNetns {
    private LinkNetns() {}

    /** The move {@code r} asks of {@code d}; {@code r} is left without its new name and up-state. */
    static NetnsOp.LinkMove take(LinkRequest r, NetDev d) {
        String target = r.netns;
        if (target.isEmpty() || target.equals(".") || target.equals("..")) {
            // netns_get_fd opened a directory: the kernel finds no namespace behind the fd
            throw CommandExit.kernel("RTNETLINK answers: Invalid argument");
        }
        if (d.kind() == DevKind.LOOPBACK || d.kind() == DevKind.BRIDGE) {
            throw CommandExit.kernel("Error: The interface netns is immutable."); // dev->netns_local (Linux 6.18 extack)
        }
        if (r.master != null) {
            // the master's ifindex was looked up here, but do_setlink would apply it in the target
            throw IpCommand.unsupported("\"master\" or \"nomaster\" with \"netns\"");
        }
        String newName = null;
        if (r.renames()) {
            if (!IpParse.kernelValidName(r.name)) {
                throw CommandExit.kernel("RTNETLINK answers: Invalid argument");
            }
            newName = r.name;
        }
        NetnsOp.LinkMove move = new NetnsOp.LinkMove(d.name(), target, newName, r.up);
        r.name = r.dev;
        r.up = null;
        return move;
    }
}
