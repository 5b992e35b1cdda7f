package io.netemu.node.cmd.tc;

import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import java.util.List;

/**
 * {@code tc} (iproute2 6.1): the {@code qdisc} object for a device's root netem qdisc
 * ({@link TcQdisc}). Other objects (class, filter, action...) are refused as not supported yet.
 */
public final class TcCommand implements Command {
    static final String USAGE = """
            Usage:	tc [ OPTIONS ] OBJECT { COMMAND | help }
            	tc [-force] -batch filename
            where  OBJECT := { qdisc | class | filter | chain |
            		    action | monitor | exec }
                   OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[aw] |
            		    -o[neline] | -j[son] | -p[retty] | -c[olor]
            		    -b[atch] [filename] | -n[etns] name | -N[umeric] |
            		     -nm | -nam[es] | { -cf | -conf } path
            		     -br[ief] }
            """;

    @Override
    public CommandResult run(List<String> argv, NetNs ns) {
        StringBuilder out = new StringBuilder();
        try {
            int i = 1;
            boolean stats = false;
            boolean details = false;
            while (i < argv.size() && argv.get(i).startsWith("-") && argv.get(i).length() > 1) {
                String o = argv.get(i).startsWith("--") ? argv.get(i).substring(1) : argv.get(i);
                if (matches(o, "-stats") || matches(o, "-statistics")) {
                    stats = true;
                } else if (matches(o, "-details")) {
                    details = true;
                } else if (matches(o, "-help")) {
                    return new CommandResult(0, "", USAGE);
                } else {
                    throw unsupported("tc option \"" + argv.get(i) + "\"");
                }
                i++;
            }
            if (i >= argv.size()) {
                return new CommandResult(255, "", USAGE);
            }
            String obj = argv.get(i);
            List<String> rest = argv.subList(i + 1, argv.size());
            if (matches(obj, "qdisc")) {
                new TcQdisc(ns, stats, details, out).run(rest);
            } else if (matches(obj, "help")) {
                return new CommandResult(0, "", USAGE);
            } else if (matches(obj, "class") || matches(obj, "filter") || matches(obj, "chain")
                    || matches(obj, "actions") || matches(obj, "monitor") || matches(obj, "exec")) {
                throw unsupported("tc " + obj);
            } else {
                throw CommandExit.usage("Object \"" + obj + "\" is unknown, try \"tc help\".");
            }
            return CommandResult.ok(out.toString());
        } catch (CommandExit e) {
            return e.result(out.toString());
        }
    }

    /** iproute2's matches(): {@code arg} is a non-empty prefix of {@code word}. */
    static boolean matches(String arg, String word) {
        return !arg.isEmpty() && word.startsWith(arg);
    }

    /** The project's answer for what netemu does not emulate (exit 2), as {@code ip} gives it. */
    static CommandExit unsupported(String what) {
        return CommandExit.kernel("Error: netemu: " + what + " is not supported yet.");
    }
}
