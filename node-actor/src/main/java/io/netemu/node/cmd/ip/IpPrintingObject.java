package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.stack.NetNs;
import java.util.List;

/**
 * The shape do_iplink and do_ipaddr share: no words list; otherwise the first word picks the
 * command. Output goes through one {@link Printer} (text or JSON); a {@link CommandExit} ends
 * the command with what was printed so far on stdout and its message after any warnings.
 */
abstract class IpPrintingObject implements IpObject {
    @Override
    public final CommandResult run(IpOptions opts, List<String> args, NetNs ns) {
        return run(IpCtx.of(opts), args, ns);
    }

    /** With the context the global options made ({@code -f}, {@code -h}, {@code -iec}). */
    final CommandResult run(IpCtx ctx, List<String> args, NetNs ns) {
        Printer p = new Printer(ctx.opts());
        StringBuilder err = new StringBuilder();
        try {
            IprouteArgs a = new IprouteArgs(args);
            if (!a.has()) {
                list(ctx, a, ns, p);
            } else {
                String w = a.cur();
                a.skip();
                command(w, ctx, a, ns, p, err);
            }
            return new CommandResult(0, p.output(), err.toString());
        } catch (CommandExit e) {
            return new CommandResult(e.status(), p.output(), err + e.stderr());
        }
    }

    /** {@code show} (and no words at all): the listing, filtered by the words in {@code a}. */
    abstract void list(IpCtx ctx, IprouteArgs a, NetNs ns, Printer p);

    /** The command {@code w}, with {@code a} at the word after it; warnings go to {@code err}. */
    abstract void command(String w, IpCtx ctx, IprouteArgs a, NetNs ns, Printer p, StringBuilder err);
}
