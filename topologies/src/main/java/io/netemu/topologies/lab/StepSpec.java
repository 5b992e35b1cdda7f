package io.netemu.topologies.lab;

import java.util.Objects;

/**
 * One scenario step, in file order. {@code atNanos} counts from the end of boot; {@code expect}
 * is null when the step has none; {@code line} is where the step starts; {@code repeat} is null
 * for a step that runs once, else its {@code every}/{@code until} (and, on the copies the runner
 * makes, which repetition this is).
 */
public sealed interface StepSpec permits StepSpec.RunStep, StepSpec.LinkStep, StepSpec.ActionStep, StepSpec.MemberStep {

    /** A {@code run} step's timeout when it sets none. */
    long DEFAULT_TIMEOUT_NANOS = 60_000_000_000L;

    long atNanos();

    Expect expect();

    int line();

    Repeat repeat();

    /** The {@code k}-th repetition of this repeating step: the same step at {@code at + k every}. */
    default StepSpec repetition(int k) {
        Repeat r = java.util.Objects.requireNonNull(repeat(), "not a repeating step");
        long at = atNanos() + k * r.everyNanos();
        Repeat nth = new Repeat(r.everyNanos(), r.untilNanos(), k);
        return switch (this) {
            case RunStep s -> new RunStep(at, s.node(), s.command(), s.timeoutNanos(), s.expect(), s.line(), nth);
            case LinkStep s -> new LinkStep(at, s.link(), s.up(), s.expect(), s.line(), nth);
            case ActionStep s -> new ActionStep(at, s.node(), s.action(), s.expect(), s.line(), nth);
            case MemberStep s -> new MemberStep(at, s.members(), s.action(), s.expect(), s.line(), nth);
        };
    }

    /** The steps as they run: each step once, or each repetition of a repeating one, in file order. */
    static java.util.List<StepSpec> expand(java.util.List<StepSpec> steps) {
        java.util.List<StepSpec> out = new java.util.ArrayList<>();
        for (StepSpec s : steps) {
            if (s.repeat() == null) {
                out.add(s);
            } else {
                long n = s.repeat().count(s.atNanos());
                for (int k = 0; k < n; k++) {
                    out.add(s.repetition(k));
                }
            }
        }
        return out;
    }

    /** Runs {@code command} on {@code node}; killed (exit 124) after {@code timeoutNanos}. */
    record RunStep(long atNanos, String node, String command, long timeoutNanos, Expect expect, int line, Repeat repeat)
            implements StepSpec {
        public RunStep {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(command, "command");
        }

        /** A step that runs once. */
        public RunStep(long atNanos, String node, String command, long timeoutNanos, Expect expect, int line) {
            this(atNanos, node, command, timeoutNanos, expect, line, null);
        }
    }

    /** Sets the carrier of the cable at {@code link} (both of its ends) up or down. */
    record LinkStep(long atNanos, Endpoint link, boolean up, Expect expect, int line, Repeat repeat) implements StepSpec {
        public LinkStep {
            Objects.requireNonNull(link, "link");
        }

        /** A step that runs once. */
        public LinkStep(long atNanos, Endpoint link, boolean up, Expect expect, int line) {
            this(atNanos, link, up, expect, line, null);
        }
    }

    /** {@code crash} or {@code restart} of a node. */
    record ActionStep(long atNanos, String node, String action, Expect expect, int line, Repeat repeat)
            implements StepSpec {
        public static final String CRASH = "crash";
        public static final String RESTART = "restart";

        public ActionStep {
            Objects.requireNonNull(node, "node");
            if (!CRASH.equals(action) && !RESTART.equals(action)) {
                throw new IllegalArgumentException("action must be crash or restart, not " + action);
            }
        }

        /** A step that runs once. */
        public ActionStep(long atNanos, String node, String action, Expect expect, int line) {
            this(atNanos, node, action, expect, line, null);
        }
    }

    /**
     * A fault of the cluster itself: {@code kill} of one member (the hard way), or a
     * {@code partition} (or {@code heal}) between {@code members} and all the others.
     */
    record MemberStep(long atNanos, java.util.List<String> members, String action, Expect expect, int line, Repeat repeat)
            implements StepSpec {
        public static final String KILL = "kill";
        public static final String PARTITION = "partition";
        public static final String HEAL = "heal";

        public MemberStep {
            members = java.util.List.copyOf(members);
            if (!KILL.equals(action) && !PARTITION.equals(action) && !HEAL.equals(action)) {
                throw new IllegalArgumentException("member action must be kill, partition or heal, not " + action);
            }
        }
    }
}
