package io.netemu.node.cmd;

import io.netemu.stack.route.CNum;
import java.util.List;
import java.util.function.Function;

/**
 * Work a command asks of the world outside its own namespace: other namespaces, their
 * devices, the lab's directory of namespace names. A command cannot wait for other actors, so
 * it records these in {@link NetnsOps} and returns; the namespace actor then carries them out
 * in order, and the command's exit status and output are completed by theirs (the first that
 * fails ends the command). Each op says what iproute2 prints when the namespace it names does
 * not exist ({@link #missing}).
 */
public sealed interface NetnsOp {
    /** What the command prints and exits with when the namespace {@code name} does not exist. */
    CommandResult missing(String name);

    /** {@code ip netns add NAME}: a new namespace, {@code lo} down, kernel defaults. */
    record Add(String name) implements NetnsOp {
        public CommandResult missing(String n) { throw new UnsupportedOperationException(); }

        /** The name is taken. */
        public CommandResult exists() {
            return CommandResult.fail(1, "Cannot create namespace file \"/run/netns/" + name + "\": File exists");
        }
    }

    /** {@code ip netns del NAME}; {@code name == null}: {@code ip -all netns del}. */
    record Delete(String name) implements NetnsOp {
        public CommandResult missing(String n) {
            return CommandResult.fail(1, "Cannot remove namespace file \"/run/netns/" + n + "\": No such file or directory");
        }
    }

    /** {@code ip netns list}: {@code render} turns the names, in creation order, into the output. */
    record ListNames(Function<List<String>, CommandResult> render) implements NetnsOp {
        public CommandResult missing(String n) { throw new UnsupportedOperationException(); }
    }

    /** {@code ip netns identify}: {@code render} gets the names this namespace has (usually one). */
    record Identify(Function<List<String>, CommandResult> render) implements NetnsOp {
        public CommandResult missing(String n) { throw new UnsupportedOperationException(); }
    }

    /** {@code ip netns pids NAME}: no processes run in netemu's namespaces, so nothing is listed. */
    record Pids(String name) implements NetnsOp {
        public CommandResult missing(String n) {
            return CommandResult.fail(1, "Cannot open network namespace: No such file or directory");
        }
    }

    /** {@code ip netns exec NAME CMD...} and {@code ip -n NAME ...}: one command line run in NAME. */
    record Exec(String name, List<String> argv) implements NetnsOp {
        public CommandResult missing(String n) {
            return CommandResult.fail(255, "Cannot open network namespace \"" + n + "\": No such file or directory");
        }
    }

    /** {@code ip -all netns exec CMD...}: in every named namespace, each output headed {@code \nnetns: NAME\n}. */
    record ExecAll(List<String> argv) implements NetnsOp {
        public CommandResult missing(String n) { throw new UnsupportedOperationException(); }
    }

    /**
     * {@code ip link set DEV netns NAME [name NEW] [up]}: the device leaves for NAME, closed,
     * without its addresses and routes; {@code newName} and {@code up} apply there (do_setlink
     * moves first). The request's other attributes were applied here before.
     */
    record LinkMove(String dev, String target, String newName, Boolean up) implements NetnsOp {
        public CommandResult missing(String n) { return invalidNetns(n); }
    }

    /**
     * {@code ip link add ... type veth peer ...}: a veth pair. An end's {@code netns} is null
     * for this namespace; its name is null for the kernel's pick ({@code veth%d}).
     */
    record VethAdd(VethEnd dev, VethEnd peer) implements NetnsOp {
        public CommandResult missing(String n) { return invalidNetns(n); }
    }

    /** One end of a {@link VethAdd}; null fields take the kernel's defaults (random MAC, 1500, 1000). */
    record VethEnd(String name, String netns, Long mac, Integer mtu, Integer txqlen, String alias, boolean up) {}

    /** {@code ip link del DEV} of a veth: both ends vanish, wherever the peer lives. */
    record VethDelete(String dev) implements NetnsOp {
        public CommandResult missing(String n) { throw new UnsupportedOperationException(); }
    }

    /**
     * iproute2's answer to a {@code netns} argument that names no namespace. A word get_integer
     * reads as a number is taken for a PID instead ({@code IFLA_NET_NS_PID}); no process runs in
     * netemu, so the kernel finds none: ESRCH, as {@code ip link set X netns 999999} answers.
     */
    static CommandResult invalidNetns(String name) {
        Long pid = CNum.strtol(name);
        if (pid != null && pid >= Integer.MIN_VALUE && pid <= Integer.MAX_VALUE) {
            return CommandResult.fail(2, "RTNETLINK answers: No such process");
        }
        return CommandResult.fail(255, "Error: argument \"" + name + "\" is wrong: Invalid \"netns\" value\n\n");
    }
}
