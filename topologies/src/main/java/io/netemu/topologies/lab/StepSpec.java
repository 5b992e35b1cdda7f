package io.netemu.topologies.lab;

import java.util.Objects;

/**
 * One scenario step, in file order. {@code atNanos} counts from the end of boot; {@code expect}
 * is null when the step has none; {@code line} is where the step starts.
 */
public sealed interface StepSpec permits StepSpec.RunStep, StepSpec.LinkStep, StepSpec.ActionStep {

    /** A {@code run} step's timeout when it sets none. */
    long DEFAULT_TIMEOUT_NANOS = 60_000_000_000L;

    long atNanos();

    Expect expect();

    int line();

    /** Runs {@code command} on {@code node}; killed (exit 124) after {@code timeoutNanos}. */
    record RunStep(long atNanos, String node, String command, long timeoutNanos, Expect expect, int line)
            implements StepSpec {
        public RunStep {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(command, "command");
        }
    }

    /** Sets the carrier of the cable at {@code link} (both of its ends) up or down. */
    record LinkStep(long atNanos, Endpoint link, boolean up, Expect expect, int line) implements StepSpec {
        public LinkStep {
            Objects.requireNonNull(link, "link");
        }
    }

    /** {@code crash} or {@code restart} of a node. */
    record ActionStep(long atNanos, String node, String action, Expect expect, int line) implements StepSpec {
        public static final String CRASH = "crash";
        public static final String RESTART = "restart";

        public ActionStep {
            Objects.requireNonNull(node, "node");
            if (!CRASH.equals(action) && !RESTART.equals(action)) {
                throw new IllegalArgumentException("action must be crash or restart, not " + action);
            }
        }
    }
}
