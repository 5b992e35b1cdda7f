package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import java.util.List;

/** One object of {@code ip} (link, address, route, neigh): runs {@code args} after the object word. */
public interface IpObject {
    CommandResult run(IpOptions opts, List<String> args, NetNs ns);
}
