package io.netemu.cli.bench;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The benchmark's hand on a member JVM: spawns the traffic generator or sink there, next to the
 * router namespace it feeds, so the frames the benchmark counts cross only the member link it
 * measures. Started as an extension with the member's actor system, only on members that
 * {@code netemu bench members} starts (their config file lists it, see {@link MembersBench#MEMBER_CONF}),
 * and reached at {@code pekko://netemu@HOST:PORT/system/netemu-bench-agent}.
 */
public final class BenchAgent {
    public static final String NAME = "netemu-bench-agent";

    private BenchAgent() {}

    public sealed interface Command {}

    /** Spawn a generator that sends as {@code cfg} says; answered with {@link Spawned}. */
    public record SpawnGenerator(String name, TrafficEnds.GenConfig cfg, ActorRef<Spawned> replyTo) implements Command {}

    /** Spawn a sink answering ARP for {@code ip} that grants {@code generator} credits per {@code creditBatches} batches of frames. */
    public record SpawnSink(String name, long mac, int ip, int batch, int creditBatches, ActorRef<Object> generator,
                            ActorRef<Spawned> replyTo)
            implements Command {}

    public record Spawned(ActorRef<Object> end) {}

    static Behavior<Command> create() {
        return Behaviors.setup(ctx -> Behaviors.receive(Command.class)
                .onMessage(SpawnGenerator.class, m -> {
                    ActorRef<Object> g = ctx.spawn(TrafficEnds.generator(m.cfg(), new TrafficEnds.Shared()), m.name());
                    m.replyTo().tell(new Spawned(g));
                    return Behaviors.same();
                })
                .onMessage(SpawnSink.class, m -> {
                    ActorRef<Object> s = ctx.spawn(TrafficEnds.sink(m.mac(), m.ip(), m.batch(), m.creditBatches(), m.generator(),
                            new TrafficEnds.Shared()), m.name());
                    m.replyTo().tell(new Spawned(s));
                    return Behaviors.same();
                })
                .build());
    }

    /** Starts the agent with the actor system (listed in pekko.actor.typed.extensions). */
    public static final class Agent implements Extension {
        private static final Id ID = new Id();

        private Agent(ActorSystem<?> system) {
            system.systemActorOf(create(), NAME, Props.empty());
        }

        public static final class Id extends ExtensionId<Agent> {
            /** What Pekko calls to load the extension. */
            public static Id getInstance() {
                return ID;
            }

            @Override
            public Agent createExtension(ActorSystem<?> system) {
                return new Agent(system);
            }
        }
    }
}
