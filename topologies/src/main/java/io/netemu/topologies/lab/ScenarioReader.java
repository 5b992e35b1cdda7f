package io.netemu.topologies.lab;

import io.netemu.topologies.lab.StepSpec.ActionStep;
import io.netemu.topologies.lab.StepSpec.LinkStep;
import io.netemu.topologies.lab.StepSpec.RunStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads {@code scenario}: each step is exactly one of run, link (+ state) or action, checked against the topology. */
final class ScenarioReader {

    static final Set<String> STEP_KEYS = Set.of("at", "node", "run", "timeout", "expect", "link", "state", "action",
            "every", "until", "member", "members");
    static final Set<String> EXPECT_KEYS = Set.of("exit", "stdout");
    private static final List<String> KINDS = List.of("run", "link", "action");
    private static final List<String> STATES = List.of("up", "down");
    private static final List<String> ACTIONS = List.of(ActionStep.CRASH, ActionStep.RESTART);
    private static final List<String> MEMBER_ACTIONS = List.of(StepSpec.MemberStep.KILL);
    private static final List<String> GROUP_ACTIONS = List.of(StepSpec.MemberStep.PARTITION, StepSpec.MemberStep.HEAL);

    private final Diagnostics diag;
    private final Map<String, NodeSpec> nodes;
    private final Set<Endpoint> endpoints;

    private ScenarioReader(Diagnostics diag, Map<String, NodeSpec> nodes, Set<Endpoint> endpoints) {
        this.diag = diag;
        this.nodes = nodes;
        this.endpoints = endpoints;
    }

    static List<StepSpec> read(Diagnostics diag, YamlMap lab, Map<String, NodeSpec> nodes, Set<Endpoint> endpoints) {
        ScenarioReader r = new ScenarioReader(diag, nodes, endpoints);
        List<StepSpec> steps = new ArrayList<>();
        SequenceNode seq = lab.sequence("scenario", "a list of steps");
        if (seq != null) {
            for (Node item : seq.getValue()) {
                if (item instanceof MappingNode m) {
                    StepSpec step = r.step(m);
                    if (step != null) {
                        steps.add(step);
                    }
                } else {
                    diag.error(item, "scenario step: expected a mapping with at and one of run, link or action, found "
                            + YamlMap.describe(item));
                }
            }
        }
        return steps;
    }

    private StepSpec step(MappingNode m) {
        YamlMap map = YamlMap.read(diag, m, "scenario step", STEP_KEYS, false);
        int errors = diag.errorCount();
        List<String> kinds = KINDS.stream().filter(k -> map.get(k) != null).toList();
        Long at = map.duration("at");
        Expect expect = expect(map);
        Repeat repeat = RepeatReader.read(diag, map, orZero(at), at != null || map.get("at") == null);
        String kind = null;
        if (kinds.size() == 1) {
            kind = kinds.get(0);
        } else {
            String found = kinds.isEmpty()
                    ? (map.get("state") != null ? "state without link" : "none")
                    : String.join(" and ", kinds);
            diag.error(m, "scenario step: expected exactly one of run, link (with state) or action, found " + found);
        }
        misplaced(map, "node", kind, Set.of("run", "action"), "run and action steps");
        misplaced(map, "timeout", kind, Set.of("run"), "run steps");
        misplaced(map, "state", kind, Set.of("link"), "link steps");
        misplaced(map, "member", kind, Set.of("action"), "action steps");
        misplaced(map, "members", kind, Set.of("action"), "action steps");
        StepSpec step = kind == null ? null : switch (kind) {
            case "run" -> run(map, at, expect, m, repeat);
            case "link" -> link(map, at, expect, m, repeat);
            default -> map.get("member") != null || map.get("members") != null
                    ? memberAction(map, at, expect, m, repeat) : action(map, at, expect, m, repeat);
        };
        return diag.errorCount() == errors ? step : null;
    }

    private RunStep run(YamlMap map, Long at, Expect expect, MappingNode m, Repeat repeat) {
        String node = node(map, "run");
        String command = map.string("run", "a command");
        if (command != null) {
            NodeReader.checkCommand(diag, map.get("run"), "run", command);
        }
        Long timeout = map.duration("timeout");
        if (timeout != null && timeout == 0) {
            diag.error(map.get("timeout"), "timeout \"" + YamlMap.text(map.get("timeout")) + "\": expected a duration above 0");
        }
        return node == null || command == null ? null
                : new RunStep(orZero(at), node, command, timeout == null ? StepSpec.DEFAULT_TIMEOUT_NANOS : timeout,
                        expect, Diagnostics.line(m), repeat);
    }

    private LinkStep link(YamlMap map, Long at, Expect expect, MappingNode m, Repeat repeat) {
        Endpoint link = linkEndpoint(map);
        String state = map.string("state", "up or down");
        if (map.get("state") == null) {
            map.require("state", "a link step sets the link up or down");
        } else if (state != null && !STATES.contains(state)) {
            diag.error(map.get("state"), "state \"" + state + "\": expected up or down" + Diagnostics.suggest(state, STATES));
            state = null;
        }
        return link == null || state == null ? null
                : new LinkStep(orZero(at), link, state.equals("up"), expect, Diagnostics.line(m), repeat);
    }

    private ActionStep action(YamlMap map, Long at, Expect expect, MappingNode m, Repeat repeat) {
        String node = node(map, "action");
        String action = map.string("action", "crash or restart");
        if (action != null && !ACTIONS.contains(action)) {
            diag.error(map.get("action"), "action \"" + action + "\": expected crash or restart"
                    + Diagnostics.suggest(action, ACTIONS));
            action = null;
        }
        return node == null || action == null ? null : new ActionStep(orZero(at), node, action, expect, Diagnostics.line(m), repeat);
    }

    /**
     * {@code member: NAME, action: kill} or {@code members: [A, B], action: partition|heal}. Member
     * names are checked when the lab runs: the cluster's members are not known before.
     */
    private StepSpec memberAction(YamlMap map, Long at, Expect expect, MappingNode m, Repeat repeat) {
        if (map.get("node") != null) {
            diag.error(map.get("node"), "scenario step: node and member(s) together; an action acts on a node or on members");
            return null;
        }
        if (map.get("member") != null && map.get("members") != null) {
            diag.error(map.get("members"), "scenario step: member and members together; use member: NAME with kill, "
                    + "members: [A, B] with partition or heal");
            return null;
        }
        boolean one = map.get("member") != null;
        List<String> names = new ArrayList<>();
        if (one) {
            String name = map.string("member", "the name of a cluster member, e.g. member-2");
            if (name != null) {
                names.add(name);
            }
        } else if (map.get("members") instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
            for (Node n : seq.getValue()) {
                if (n instanceof org.snakeyaml.engine.v2.nodes.ScalarNode sc && !sc.getValue().isBlank()) {
                    names.add(sc.getValue());
                } else {
                    diag.error(n, "members: expected member names, found " + YamlMap.describe(n));
                }
            }
        } else {
            diag.error(map.get("members"), "members: expected a list of member names, e.g. [member-1, member-2]");
        }
        List<String> allowed = one ? MEMBER_ACTIONS : GROUP_ACTIONS;
        String action = map.string("action", String.join(" or ", allowed));
        if (action != null && !allowed.contains(action)) {
            diag.error(map.get("action"), "action \"" + action + "\": expected " + String.join(" or ", allowed)
                    + (one ? " for member: (partition and heal take members: [A, B])"
                           : " for members: (kill takes member: NAME)"));
            action = null;
        }
        return names.isEmpty() || action == null ? null
                : new StepSpec.MemberStep(orZero(at), names, action, expect, Diagnostics.line(m), repeat);
    }

    /** The step's node, which must exist; {@code kind} says which step needs it. */
    private String node(YamlMap map, String kind) {
        if (map.get("node") == null) {
            map.require("node", (kind.equals("action") ? "an " : "a ") + kind + " step names the node it acts on");
            return null;
        }
        String node = map.string("node", "a node name");
        if (node != null && !nodes.containsKey(node)) {
            diag.error(map.get("node"), "node \"" + node + "\": no node " + node + " in topology.nodes"
                    + Diagnostics.suggest(node, nodes.keySet()));
            return null;
        }
        return node;
    }

    /** The endpoint a link step names: it must be an end of some link. */
    private Endpoint linkEndpoint(YamlMap map) {
        String text = map.string("link", "an endpoint \"NODE:IFACE\" such as \"r1:eth0\"");
        if (text == null) {
            return null;
        }
        Node at = map.get("link");
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            diag.error(at, "link \"" + text + "\": expected NODE:IFACE, the endpoint of a link, e.g. \"r1:eth0\"");
            return null;
        }
        Endpoint e = new Endpoint(text.substring(0, colon), text.substring(colon + 1));
        if (!nodes.containsKey(e.node())) {
            diag.error(at, "link \"" + text + "\": no node " + e.node() + " in topology.nodes"
                    + Diagnostics.suggest(e.node(), nodes.keySet()));
            return null;
        }
        if (!endpoints.contains(e)) {
            List<String> own = endpoints.stream().filter(x -> x.node().equals(e.node())).map(Endpoint::toString).toList();
            diag.error(at, "link \"" + text + "\": node " + e.node() + " has no such interface in links"
                    + Diagnostics.suggest(text, own));
            return null;
        }
        return e;
    }

    private Expect expect(YamlMap step) {
        MappingNode m = step.mapping("expect", "a mapping with exit and/or stdout, e.g. {exit: 0}");
        if (m == null) {
            return null;
        }
        YamlMap map = YamlMap.read(diag, m, "expect", EXPECT_KEYS, false);
        Long exit = map.integer("exit", 0, 255, "an exit status from 0 to 255");
        String stdout = map.string("stdout", "text that stdout must contain");
        if (map.get("exit") == null && map.get("stdout") == null) {
            diag.error(m, "expect: expected exit and/or stdout, e.g. {exit: 0}, found neither");
            return null;
        }
        return exit == null && stdout == null ? null : new Expect(exit == null ? null : exit.intValue(), stdout);
    }

    /** A key that only some kinds of step take, set on another kind. */
    private void misplaced(YamlMap map, String key, String kind, Set<String> kinds, String which) {
        if (kind != null && !kinds.contains(kind) && map.get(key) != null) {
            String article = kind.equals("action") ? "an " : "a ";
            diag.error(map.keyNode(key), "scenario step: \"" + key + "\" applies only to " + which
                    + ", not to " + article + kind + " step");
        }
    }

    static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
