package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.node.cmd.NetnsOp;
import io.netemu.node.cmd.NetnsOps;
import io.netemu.stack.NetNs;
import io.netemu.stack.NetnsIds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code ip netns}: do_netns (ip/ipnetns.c, iproute2 6.1). The namespace names (/run/netns)
 * belong to the lab, not to this namespace, so each command makes iproute2's own checks here
 * and records the rest as a {@link NetnsOp} for the namespace actor. Exit statuses are
 * iproute2's: {@code return -1} is 1, {@code exit(-1)} and usage() 255.
 */
final class IpNetns {
    /** NAME_MAX: the longest file name /run/netns takes. */
    private static final int NAME_MAX = 255;

    private final NetnsOps ops;
    /** {@code ip -all}: exec and delete act on every namespace, and names go unchecked. */
    private final boolean all;

    IpNetns(NetnsOps ops, boolean all) {
        this.ops = ops;
        this.all = all;
    }

    CommandResult run(IpOptions opts, List<String> args, NetNs ns) {
        try {
            command(opts, args, ns);
            return CommandResult.ok("");
        } catch (CommandExit e) {
            return e.result("");
        }
    }

    /** do_netns: the words are matched in its order ({@code ip netns s} lists, {@code se} is set). */
    private void command(IpOptions opts, List<String> args, NetNs ns) {
        if (args.isEmpty()) {
            list(opts, ns);
            return;
        }
        // checked before the command is even known: "ip netns frob a/b" is an invalid name too
        if (!all && args.size() > 1 && invalidName(args.get(1))) {
            throw CommandExit.usage("Invalid netns name \"" + args.get(1) + "\"");
        }
        String w = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (m(w, "list") || m(w, "show") || m(w, "lst")) {
            list(opts, ns);
        } else if (m(w, "list-id")) {
            throw IpCommand.unsupported("\"ip netns list-id\" (netemu assigns nsids only to veth peers' namespaces)");
        } else if (m(w, "help")) {
            throw CommandExit.usage(IpUsage.NETNS);
        } else if (m(w, "add")) {
            add(rest);
        } else if (m(w, "set")) {
            throw IpCommand.unsupported("\"ip netns set\"");
        } else if (m(w, "delete")) {
            delete(rest);
        } else if (m(w, "identify")) {
            identify(rest, ns);
        } else if (m(w, "pids")) {
            pids(rest);
        } else if (m(w, "exec")) {
            exec(rest);
        } else if (m(w, "monitor")) {
            throw IpCommand.unsupported("\"ip netns monitor\"");
        } else if (m(w, "attach")) {
            throw IpCommand.unsupported("\"ip netns attach\" (netemu's namespaces run no processes)");
        } else {
            throw CommandExit.usage("Command \"" + w + "\" is unknown, try \"ip netns help\".");
        }
    }

    /** netns_list: the lab's names, each with the id this namespace has for it (as {@code ip link} shows it). */
    private void list(IpOptions opts, NetNs ns) {
        ops.add(new NetnsOp.ListNames(names -> listing(opts, ns, names)));
    }

    /** The output of {@code ip netns list} for {@code names}, read from {@code ns} when the names are known. */
    static CommandResult listing(IpOptions opts, NetNs ns, List<String> names) {
        NetnsIds ids = ns.netnsIds(); // RTM_GETNSID reads ids, it allocates none
        Printer p = new Printer(opts);
        p.begin();
        for (String name : names) {
            p.openObject(null);
            p.any("name", name, name);
            Integer id = ids.get(name);
            if (id != null) {
                p.anyNum("id", id, " (id: " + id + ")");
            }
            p.fp("\n");
            p.closeObject();
        }
        p.end();
        return CommandResult.ok(p.output());
    }

    /** netns_add: only the name is checked here; the directory answers "File exists". */
    private void add(List<String> rest) {
        if (rest.isEmpty()) {
            throw CommandExit.fail("No netns name specified");
        }
        String name = rest.get(0); // further words are ignored, as iproute2 ignores them
        if (all && invalidName(name)) {
            throw CommandExit.fail("Cannot create namespace file \"/run/netns/" + name + "\": " + createError(name));
        }
        ops.add(new NetnsOp.Add(name));
    }

    /** Under {@code -all} nothing stops a bad name before open(O_CREAT|O_EXCL), which fails so. */
    private static String createError(String name) {
        if (name.isEmpty()) {
            return "Is a directory";
        }
        if (name.equals(".") || name.equals("..")) {
            return "File exists";
        }
        return bytes(name) > NAME_MAX ? "File name too long" : "No such file or directory";
    }

    /** netns_delete; {@code -all} deletes every namespace, whatever name follows. */
    private void delete(List<String> rest) {
        if (all) {
            ops.add(new NetnsOp.Delete(null));
            return;
        }
        if (rest.isEmpty()) {
            throw CommandExit.fail("No netns name specified");
        }
        ops.add(new NetnsOp.Delete(rest.get(0)));
    }

    /**
     * netns_identify: without a PID, this namespace's name. The last name the directory lists
     * for it wins (each match overwrites the one before); none prints an empty line. netemu runs
     * no processes, so no PID has a namespace file in /proc.
     */
    private void identify(List<String> rest, NetNs ns) {
        if (rest.size() > 1) {
            throw CommandExit.fail("extra arguments specified");
        }
        if (rest.size() == 1) {
            String pid = rest.get(0);
            if (!pid.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw CommandExit.fail("Specified string '" + pid + "' is not a pid");
            }
            throw CommandExit.fail("Cannot open network namespace: No such file or directory");
        }
        ops.add(new NetnsOp.Identify(names -> CommandResult.ok((names.isEmpty() ? "" : names.getLast()) + "\n")));
    }

    /** netns_pids: no process runs in a netemu namespace, so a name that exists lists nothing. */
    private void pids(List<String> rest) {
        if (rest.isEmpty()) {
            throw CommandExit.fail("No netns name specified");
        }
        if (rest.size() > 1) {
            throw CommandExit.fail("extra arguments specified");
        }
        String name = rest.get(0);
        if (all && (name.isEmpty() || name.equals(".") || name.equals(".."))) {
            return; // -all let the directory itself through: its inode is no process's namespace
        }
        ops.add(new NetnsOp.Pids(name));
    }

    /** netns_exec: {@code -all} runs the command in every namespace, each output headed by its name. */
    private void exec(List<String> rest) {
        if (rest.isEmpty() && !all) {
            throw CommandExit.fail("No netns name specified");
        }
        if (rest.size() < (all ? 1 : 2)) {
            throw CommandExit.fail("No command specified");
        }
        if (all) {
            ops.add(new NetnsOp.ExecAll(List.copyOf(rest)));
        } else {
            ops.add(new NetnsOp.Exec(rest.get(0), List.copyOf(rest.subList(1, rest.size()))));
        }
    }

    /** invalid_name: empty, longer than NAME_MAX, a '/', or "." and "..". */
    private static boolean invalidName(String name) {
        return name.isEmpty() || bytes(name) > NAME_MAX || name.indexOf('/') >= 0 || name.equals(".")
                || name.equals("..");
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean m(String w, String word) {
        return IprouteArgs.matches(w, word);
    }
}
