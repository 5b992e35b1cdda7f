package io.netemu.node.cmd;

import io.netemu.stack.NetNs;
import java.util.List;

/**
 * A command that runs to completion at once inside a namespace (ip, sysctl, bridge...), in the
 * namespace actor's context. {@code argv.get(0)} is the program name. Commands that take time
 * (ping) are actors of their own, not this.
 */
public interface Command {
    CommandResult run(List<String> argv, NetNs ns);
}
