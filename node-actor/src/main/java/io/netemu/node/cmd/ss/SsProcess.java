package io.netemu.node.cmd.ss;

import io.netemu.device.NsInbound;
import io.netemu.device.time.NetTime;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.nc.Services;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.sock.Sock;
import io.netemu.node.sock.SockMsg;
import io.netemu.packet.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * {@code ss} (iproute2 6.1) and {@code nstat}: the namespace lists its socket actors, each answers
 * with its rows (a listener with its queued connections), and the table is printed as ss prints it
 * to a pipe. Options: -t -u -a -l -n -i -H and a {@code state} filter; {@code nstat -a -z} prints the
 * TCP and UDP counters.
 */
public final class SsProcess extends AbstractBehavior<Object> {
    /** The wait for sockets that stopped meanwhile. */
    public enum Timeout { INSTANCE }

    private static final Set<String> CONN = Set.of("ESTAB", "SYN-SENT", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT",
            "LAST-ACK", "CLOSING");

    private final List<String> argv;
    private final ActorRef<CommandResult> replyTo;
    private final List<Sock.SockRow> rows = new ArrayList<>();
    private int awaiting = -1;
    private boolean tcp;
    private boolean udp;
    private boolean all;
    private boolean listening;
    private boolean numeric;
    private boolean info;
    private boolean header = true;
    private Set<String> states;

    private SsProcess(ActorContext<Object> ctx, List<String> argv, ActorRef<NsInbound> ns, ActorRef<CommandResult> replyTo) {
        super(ctx);
        this.argv = argv;
        this.replyTo = replyTo;
        ns.tell(new NamespaceActor.SockList(ctx.getSelf().narrow()));
    }

    public static Behavior<Object> create(List<String> argv, ActorRef<NsInbound> ns, ActorRef<CommandResult> replyTo) {
        return Behaviors.setup(ctx -> new SsProcess(ctx, argv, ns, replyTo));
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder().onAnyMessage(this::onMessage).build();
    }

    private Behavior<Object> onMessage(Object m) {
        switch (m) {
            case NamespaceActor.SockListing l -> {
                if (argv.get(0).equals("nstat")) {
                    java.util.LinkedHashMap<String, Long> c = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < l.counterNames().size(); i++) {
                        c.put(l.counterNames().get(i), l.counterValues()[i]);
                    }
                    boolean zeros = argv.stream().skip(1).anyMatch(a -> a.startsWith("-") && !a.startsWith("--") && a.contains("z"));
                    if (!zeros) {
                        c.values().removeIf(v -> v == 0);
                    }
                    return done(nstat(c));
                }
                String err = parse();
                if (err != null) {
                    return done(new CommandResult(1, "", err));
                }
                awaiting = l.sockets().size();
                ActorRef<Sock.Rows> self = getContext().getSelf().narrow();
                for (ActorRef<SockMsg> s : l.sockets()) {
                    s.tell(new SockMsg.Snapshot(self));
                }
                // a socket that stops meanwhile never answers: print what came by then
                NetTime.get(getContext().getSystem()).timers().schedule(getContext().getSelf(), Timeout.INSTANCE,
                        50_000_000L);
                if (awaiting == 0) {
                    return done(CommandResult.ok(print()));
                }
            }
            case Sock.Rows r -> {
                rows.addAll(r.rows());
                if (--awaiting == 0) {
                    return done(CommandResult.ok(print()));
                }
            }
            case Timeout t -> { return done(CommandResult.ok(print())); }
            default -> { }
        }
        return this;
    }

    private Behavior<Object> done(CommandResult r) {
        replyTo.tell(r);
        return Behaviors.stopped();
    }

    private String parse() {
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("state") && i + 1 < argv.size()) {
                states = state(argv.get(++i));
                if (states == null) {
                    return "ss: wrong state name: " + argv.get(i) + "\n";
                }
                continue;
            }
            switch (a) {
                case "--tcp" -> tcp = true;
                case "--udp" -> udp = true;
                case "--all" -> all = true;
                case "--listening" -> listening = true;
                case "--numeric" -> numeric = true;
                case "--info" -> info = true;
                case "--no-header" -> header = false;
                default -> {
                    if (!a.startsWith("-") || a.startsWith("--")) {
                        return "ss: unsupported argument " + a + "\n";
                    }
                    for (char c : a.substring(1).toCharArray()) {
                        switch (c) {
                            case 't' -> tcp = true;
                            case 'u' -> udp = true;
                            case 'a' -> all = true;
                            case 'l' -> listening = true;
                            case 'n' -> numeric = true;
                            case 'i' -> info = true;
                            case 'H' -> header = false;
                            case '4', 'p', 'e', 'm', 'o' -> { }
                            default -> {
                                return "ss: invalid option -- '" + c + "'\n";
                            }
                        }
                    }
                }
            }
        }
        if (!tcp && !udp) {
            tcp = udp = true;
        }
        return null;
    }

    private static Set<String> state(String s) {
        return switch (s) {
            case "established" -> Set.of("ESTAB");
            case "syn-sent" -> Set.of("SYN-SENT");
            case "syn-recv" -> Set.of("SYN-RECV");
            case "fin-wait-1" -> Set.of("FIN-WAIT-1");
            case "fin-wait-2" -> Set.of("FIN-WAIT-2");
            case "time-wait" -> Set.of("TIME-WAIT");
            case "closed" -> Set.of("UNCONN");
            case "close-wait" -> Set.of("CLOSE-WAIT");
            case "last-ack" -> Set.of("LAST-ACK");
            case "listening", "listen" -> Set.of("LISTEN", "UNCONN");
            case "closing" -> Set.of("CLOSING");
            case "connected" -> CONN;
            case "all" -> Set.of("ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "UNCONN",
                    "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING");
            default -> null;
        };
    }

    private boolean shown(Sock.SockRow r) {
        if (r.proto() == Sock.TCP ? !tcp : !udp) {
            return false;
        }
        if (states != null) {
            return states.contains(r.state());
        }
        if (all) {
            return true;
        }
        boolean listen = r.state().equals("LISTEN") || r.state().equals("UNCONN");
        return listening ? listen : CONN.contains(r.state());
    }

    private String print() {
        List<Sock.SockRow> list = new ArrayList<>(rows.stream().filter(this::shown).toList());
        // udp before tcp, listeners first, as ss walks the kernel's tables
        list.sort(Comparator.comparingInt((Sock.SockRow r) -> r.proto() == Sock.UDP ? 0 : 1)
                .thenComparingInt(r -> r.state().equals("LISTEN") ? 0 : 1));
        SsTable t = new SsTable(tcp && udp, header);
        for (Sock.SockRow r : list) {
            boolean isUdp = r.proto() == Sock.UDP;
            String proc = "";
            if (info && !isUdp) {
                String line = r.info() != null ? " " + r.info().ssLine()
                        : r.state().equals("LISTEN") ? " " + r.cc() + " cwnd:10" : "";
                proc = "\n\t" + line;
            }
            t.add(isUdp ? "udp" : "tcp", r.state(), q(r.recvQ()), q(r.sendQ()), addr(r.localAddr()) + ":",
                    port(r.localPort(), isUdp), addr(r.remoteAddr()) + ":", port(r.remotePort(), isUdp), proc);
        }
        return t.render();
    }

    private static String q(long v) {
        return String.format("%-6d", v);
    }

    private static String addr(int a) {
        return Ipv4Address.format(a);
    }

    /** resolve_service: {@code *} for 0, a service name unless -n or the port is ephemeral. */
    private String port(int p, boolean isUdp) {
        if (p == 0) {
            return "*";
        }
        String name = numeric || (p >= 32768 && p <= 60999) ? null : Services.name(p, isUdp);
        return name != null ? name : Integer.toString(p);
    }

    private static CommandResult nstat(Map<String, Long> counters) {
        StringBuilder b = new StringBuilder("#kernel\n");
        // nstat reads /proc/net/snmp (Ip, Icmp, Tcp, Udp), then /proc/net/netstat (TcpExt, IpExt)
        List<Map.Entry<String, Long>> order = new ArrayList<>();
        counters.entrySet().stream().filter(e -> e.getKey().startsWith("Ip") && !e.getKey().startsWith("IpExt")).forEach(order::add);
        counters.entrySet().stream().filter(e -> e.getKey().startsWith("Icmp")).forEach(order::add);
        counters.entrySet().stream().filter(e -> e.getKey().startsWith("Tcp") && !e.getKey().startsWith("TcpExt")).forEach(order::add);
        counters.entrySet().stream().filter(e -> e.getKey().startsWith("Udp")).forEach(order::add);
        counters.entrySet().stream().filter(e -> e.getKey().startsWith("TcpExt")).forEach(order::add);
        counters.entrySet().stream().filter(e -> e.getKey().startsWith("IpExt")).forEach(order::add);
        for (Map.Entry<String, Long> e : order) {
            b.append(String.format("%-32s%-16d%6.1f%n", e.getKey(), e.getValue(), 0.0));
        }
        return CommandResult.ok(b.toString());
    }
}
