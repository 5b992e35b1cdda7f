package io.netemu.cli.console;

import io.netemu.node.cmd.CommandResult;
import io.netemu.topologies.lab.Endpoint;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LinkSpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's commands, as Mininet's CLI has them: {@code NODE COMMAND...} runs a command on
 * a node (a bare node name among its words stands for that node's first address), and
 * {@code nodes}, {@code links}, {@code dump}, {@code link NODE:IFACE up|down}, {@code crash NODE},
 * {@code restart NODE}, {@code help}, {@code exit}. Independent of the terminal: the line
 * editor (or a plain reader when stdin is not a terminal) feeds it lines.
 */
public final class ConsoleShell {
    /** A console command's timeout: long enough for a long ping, short enough that a forgotten {@code -c} ends. */
    static final long COMMAND_TIMEOUT_NANOS = 3_600_000_000_000L;

    static final List<String> BUILTINS = List.of("nodes", "links", "dump", "link", "crash", "restart", "help", "exit", "quit");

    private static final Pattern INET = Pattern.compile("\\binet (\\d+\\.\\d+\\.\\d+\\.\\d+)/");

    private final LabSession session;
    private final Lab lab;
    private final PrintStream out;
    private final PrintStream err;
    /** What this console did (and the scenario's link steps, when it runs one): the lab actor does not answer queries. */
    private final Set<String> downNodes = new HashSet<>();
    private final Set<Integer> downLinks = new HashSet<>();
    private boolean exitRequested;

    public ConsoleShell(LabSession session, Lab lab, PrintStream out, PrintStream err) {
        this.session = session;
        this.lab = lab;
        this.out = out;
        this.err = err;
    }

    public boolean exitRequested() {
        return exitRequested;
    }

    Lab lab() {
        return lab;
    }

    /** A scenario step changed a link (console with {@code --scenario}). */
    public void linkChanged(Endpoint e, boolean up) {
        lab.links().stream().filter(l -> l.has(e)).findFirst().map(lab.links()::indexOf)
                .ifPresent(i -> { if (up) { downLinks.remove(i); } else { downLinks.add(i); } });
    }

    /** A scenario step crashed or restarted a node. */
    public void nodeChanged(String node, boolean up) {
        if (up) {
            downNodes.remove(node);
        } else {
            downNodes.add(node);
        }
    }

    /** Runs one line; its exit status (0 for an empty line). */
    public int execute(String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return 0;
        }
        String[] words = text.split("\\s+");
        String first = words[0];
        if (lab.nodes().containsKey(first)) {
            if (words.length == 1) {
                return fail("usage: " + first + " COMMAND [ARGS...], e.g. " + first + " ip addr");
            }
            return print(session.run(first, resolveNodes(text.substring(first.length()).strip()), COMMAND_TIMEOUT_NANOS));
        }
        return switch (first) {
            case "exit", "quit" -> {
                exitRequested = true;
                yield 0;
            }
            case "help", "?" -> help();
            case "nodes" -> nodes();
            case "links" -> links();
            case "dump" -> dump();
            case "link" -> link(words);
            case "crash", "restart" -> node(first, words);
            default -> {
                err.println("*** unknown command: " + first + " (a node name or one of " + String.join(", ", BUILTINS)
                        + "; try help)");
                yield 127;
            }
        };
    }

    /** Mininet's substitution: a word that names a node becomes that node's first IPv4 address (other than loopback). */
    String resolveNodes(String command) {
        List<String> out = new ArrayList<>();
        for (String w : command.split(" ", -1)) {
            String addr = lab.nodes().containsKey(w) ? firstAddress(w) : null;
            out.add(addr != null ? addr : w);
        }
        return String.join(" ", out);
    }

    private String firstAddress(String node) {
        if (downNodes.contains(node)) {
            return null;
        }
        CommandResult r = session.run(node, "ip -4 -o addr show", 10_000_000_000L);
        Matcher m = INET.matcher(r.stdout());
        while (m.find()) {
            if (!m.group(1).startsWith("127.")) {
                return m.group(1);
            }
        }
        return null;
    }

    private int help() {
        out.println("""
                Commands:
                  NODE COMMAND [ARGS...]   run a command on a node, e.g. h1 ping -c 1 h2 (a node name stands for its first address)
                  nodes                    the lab's nodes
                  links                    the lab's links and their state
                  dump                     nodes, their interfaces and addresses
                  link NODE:IFACE up|down  restore or cut the cable at that interface (both ends)
                  crash NODE               crash a node: its namespace and state vanish, its links lose carrier
                  restart NODE             boot a node again from the lab file
                  help                     this text
                  exit, quit, Ctrl-D       leave (the lab stops)""");
        return 0;
    }

    private int nodes() {
        List<String> names = new ArrayList<>();
        for (String n : lab.nodes().keySet()) {
            names.add(downNodes.contains(n) ? n + " (down)" : n);
        }
        out.println("available nodes are:");
        out.println(String.join(" ", names));
        return 0;
    }

    private int links() {
        for (int i = 0; i < lab.links().size(); i++) {
            out.println(lab.links().get(i) + " (" + linkState(i) + ")");
        }
        return 0;
    }

    private String linkState(int i) {
        LinkSpec l = lab.links().get(i);
        List<String> why = new ArrayList<>();
        if (downLinks.contains(i)) {
            why.add("down");
        }
        for (Endpoint e : List.of(l.a(), l.b())) {
            if (downNodes.contains(e.node()) && !why.contains(e.node() + " crashed")) {
                why.add(e.node() + " crashed");
            }
        }
        return why.isEmpty() ? "up" : String.join(", ", why);
    }

    private int dump() {
        for (var n : lab.nodes().values()) {
            if (downNodes.contains(n.name())) {
                out.println(n.name() + " (" + n.kind() + "): down");
                continue;
            }
            out.println(n.name() + " (" + n.kind() + "):");
            CommandResult r = session.run(n.name(), "ip -br addr", 10_000_000_000L);
            for (String l : r.stdout().split("\n")) {
                if (!l.isBlank()) {
                    out.println("  " + l.stripTrailing());
                }
            }
        }
        return 0;
    }

    private int link(String[] words) {
        if (words.length != 3 || !(words[2].equals("up") || words[2].equals("down"))) {
            return fail("usage: link NODE:IFACE up|down");
        }
        Endpoint e;
        try {
            e = Endpoint.parse(words[1]);
        } catch (IllegalArgumentException ex) {
            return fail("link: " + ex.getMessage());
        }
        if (lab.linkOf(e).isEmpty()) {
            return fail("link: no link has the interface " + e + " (see links)");
        }
        boolean up = words[2].equals("up");
        int status = print(session.setLink(e, up));
        if (status == 0) {
            linkChanged(e, up);
        }
        return status;
    }

    private int node(String action, String[] words) {
        if (words.length != 2 || !lab.nodes().containsKey(words[1])) {
            return fail("usage: " + action + " NODE, one of " + String.join(" ", lab.nodes().keySet()));
        }
        String node = words[1];
        CommandResult r = action.equals("crash") ? session.crash(node) : session.restart(node);
        int status = print(r);
        if (status == 0) {
            nodeChanged(node, action.equals("restart"));
        }
        return status;
    }

    private int print(CommandResult r) {
        out.print(r.stdout());
        out.flush();
        err.print(r.stderr());
        err.flush();
        return r.exit();
    }

    private int fail(String message) {
        err.println(message);
        return 1;
    }
}
