package io.netemu.topologies.report;

import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.StepResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The run's faults and what they did to each link, from the steps' results: a link step cuts or
 * restores a cable when it starts; a crash takes a node down when it starts; a restart takes it
 * down when it starts and up when its boot ended (the step's end). A link is {@code up}, cut
 * ({@code down}) or {@code node-down} when a node at either end is down (it comes back up with
 * the node unless its cable is cut, as LabActor rejoins it).
 */
public final class Timeline {
    private Timeline() {}

    public static final String UP = "up";
    public static final String DOWN = "down";
    public static final String NODE_DOWN = "node-down";

    /** A fault step: {@code kind} link or node, {@code target} the link end or node, {@code event} down/up/crash/restart. */
    public record Fault(int step, long atMs, long endedMs, String kind, String target, String event, int exit) {}

    /** One link's state changes: {@code state[k]} from {@code tMs[k]} on; the first is at 0. */
    public record LinkStates(int link, long[] tMs, String[] state) {
        public String stateAt(long t) {
            String s = state[0];
            for (int k = 0; k < tMs.length && tMs[k] <= t; k++) {
                s = state[k];
            }
            return s;
        }
    }

    public static List<Fault> faults(List<StepResult> steps) {
        List<Fault> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepResult r = steps.get(i);
            if (r == null) {
                continue;
            }
            if (r.step() instanceof StepSpec.LinkStep l) {
                out.add(new Fault(i, r.startedMs(), r.endedMs(), "link", l.link().toString(), l.up() ? UP : DOWN, r.exit()));
            } else if (r.step() instanceof StepSpec.ActionStep a) {
                out.add(new Fault(i, r.startedMs(), r.endedMs(), "node", a.node(), a.action(), r.exit()));
            }
        }
        out.sort(Comparator.comparingLong(Fault::atMs));
        return out;
    }

    private record Change(long t, String kind, String target, boolean up) {}

    public static List<LinkStates> linkStates(List<Telemetry.Link> links, List<Fault> faults) {
        List<Change> changes = new ArrayList<>();
        for (Fault f : faults) {
            if (f.kind().equals("link")) {
                changes.add(new Change(f.atMs(), "link", f.target(), f.event().equals(UP)));
            } else {
                changes.add(new Change(f.atMs(), "node", f.target(), false));
                if (f.event().equals(StepSpec.ActionStep.RESTART) && f.exit() == 0) {
                    changes.add(new Change(f.endedMs(), "node", f.target(), true));
                }
            }
        }
        changes.sort(Comparator.comparingLong(Change::t));
        int n = links.size();
        boolean[] cut = new boolean[n];
        Set<String> nodesDown = new HashSet<>();
        List<List<Long>> times = new ArrayList<>();
        List<List<String>> states = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            times.add(new ArrayList<>(List.of(0L)));
            states.add(new ArrayList<>(List.of(UP)));
        }
        for (Change c : changes) {
            if (c.kind().equals("link")) {
                for (int l = 0; l < n; l++) {
                    if (links.get(l).a().equals(c.target()) || links.get(l).b().equals(c.target())) {
                        cut[l] = !c.up();
                    }
                }
            } else if (c.up()) {
                nodesDown.remove(c.target());
            } else {
                nodesDown.add(c.target());
            }
            for (int l = 0; l < n; l++) {
                Telemetry.Link link = links.get(l);
                String s = nodesDown.contains(node(link.a())) || nodesDown.contains(node(link.b())) ? NODE_DOWN
                        : cut[l] ? DOWN : UP;
                List<String> st = states.get(l);
                if (!st.getLast().equals(s)) {
                    List<Long> ts = times.get(l);
                    if (ts.getLast() == c.t()) { // two changes at one instant: the later one stands
                        ts.removeLast();
                        st.removeLast();
                    }
                    if (st.isEmpty() || !st.getLast().equals(s)) {
                        ts.add(c.t());
                        st.add(s);
                    }
                }
            }
        }
        List<LinkStates> out = new ArrayList<>(n);
        for (int l = 0; l < n; l++) {
            out.add(new LinkStates(l, times.get(l).stream().mapToLong(Long::longValue).toArray(),
                    states.get(l).toArray(String[]::new)));
        }
        return out;
    }

    static String node(String endpoint) {
        int colon = endpoint.indexOf(':');
        return colon < 0 ? endpoint : endpoint.substring(0, colon);
    }
}
