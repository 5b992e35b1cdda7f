package io.netemu.topologies.run;

/** Progress of a run as it happens (the CLI prints it); called from the lab actor, one call at a time. */
public interface RunListener {
    default void bootStarted(String lab, int nodes, int links) {}

    default void nodeBooted(String node, int booted, int total) {}

    default void bootEnded(long bootMs) {}

    /** The lab spans cluster members: the placement's summary line and node → member. */
    default void placed(String summary, java.util.Map<String, String> memberOf) {}

    /** {@code routing: shortest-path} computed {@code routes} routes before the boot, in {@code millis}. */
    default void routesComputed(int routes, long millis) {}

    /** Step {@code index} (file order) started {@code startedMs} after the end of boot. */
    default void stepStarted(int index, io.netemu.topologies.lab.StepSpec step, long startedMs) {}

    default void stepEnded(StepResult result) {}

    RunListener NONE = new RunListener() {};
}
