package io.netemu.node.cmd.ethtool;

import static io.netemu.node.cmd.ethtool.FeatureTable.NAMES;
import static io.netemu.node.cmd.ethtool.FeatureTable.on;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.ethtool.FeatureTable.Legacy;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.NicConfig.Features;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ethtool -k/-K DEV}: netdev features, as ethtool 6.1 shows and sets them over netlink.
 *
 * <p>State kept in {@link Features} per device: under a feature's kernel name its <em>active</em>
 * value where it differs from the kind's default (what a data path would obey), and under
 * {@code wanted:NAME} the requested value where the kernel's fix-ups keep it from being active
 * (e.g. TSO while scatter-gather is off: shown "off [requested on]", back on with SG). Only
 * features the kind can change are kept.
 *
 * <p>-K follows ethtool's nl_sfeatures and the kernel's ethnl_set_features: legacy names (gro,
 * tso, tx...) stand for every kernel name their pattern matches; features the device cannot
 * change stay as they are; the reply lists what differs from the request ("[requested on]") and
 * what changed unasked ("[not requested]"), and when no requested feature got its value the
 * command fails with "Could not change any device features" (status 1).
 */
final class EthtoolFeatures {
    static final String WANTED = "wanted:";

    private EthtoolFeatures() {}

    static CommandResult show(NetNs ns, String name) {
        NetDev d = ns.devs().byName(name);
        if (d == null) {
            throw Nl.noDevice(1);
        }
        long hw = FeatureTable.hw(d.kind());
        long wanted = wanted(d);
        long active = active(ns, d);
        int[] legacyOf = new int[NAMES.size()];
        for (int i = 0; i < NAMES.size(); i++) {
            legacyOf[i] = -1;
            for (int j = 0; j < FeatureTable.LEGACY.size() && !NAMES.get(i).isEmpty(); j++) {
                if (FeatureTable.matches(NAMES.get(i), FeatureTable.LEGACY.get(j).pattern())) {
                    legacyOf[i] = j;
                    break;
                }
            }
        }
        StringBuilder out = new StringBuilder("Features for " + d.name() + ":\n");
        // the legacy flags first, each with the features it stands for; then the others in bit order
        for (int j = 0; j < FeatureTable.LEGACY.size(); j++) {
            Legacy l = FeatureTable.LEGACY.get(j);
            if (l.shortName().equals("ufo")) {
                continue; // no kernel with netlink has UFO
            }
            List<Integer> members = new ArrayList<>();
            boolean any = false;
            for (int i = 0; i < NAMES.size(); i++) {
                if (legacyOf[i] == j) {
                    members.add(i);
                    any |= on(active, i);
                }
            }
            if (members.size() != 1) {
                out.append(l.longName()).append(": ").append(any ? "on" : "off").append('\n');
            }
            for (int i : members) {
                line(out, members.size() == 1 ? l.longName() : "\t" + NAMES.get(i), i, hw, wanted, active);
            }
        }
        for (int i = 0; i < NAMES.size(); i++) {
            if (!NAMES.get(i).isEmpty() && legacyOf[i] < 0) {
                line(out, NAMES.get(i), i, hw, wanted, active);
            }
        }
        return CommandResult.ok(out.toString());
    }

    private static void line(StringBuilder out, String label, int i, long hw, long wanted, long active) {
        String suffix = "";
        if (!on(hw, i) || on(FeatureTable.NEVER_CHANGE, i)) {
            suffix = " [fixed]";
        } else if (on(active, i) != on(wanted, i)) {
            suffix = on(wanted, i) ? " [requested on]" : " [requested off]";
        }
        out.append(label).append(": ").append(on(active, i) ? "on" : "off").append(suffix).append('\n');
    }

    /** Reads and writes {@link io.netemu.stack.dev.NicConfig#features()}. */
    static CommandResult set(NetNs ns, String name, List<String> args) {
        long reqMask = 0;
        long reqVal = 0;
        // the WANTED bitset's entries as ethtool writes them: where an unknown name would sit
        int offset = Nl.afterHeader(name, true) + 8;
        String unknown = null;
        int unknownAt = 0;
        for (int i = 0; i < args.size(); i += 2) {
            if (args.get(i).equals("--")) {
                break;
            }
            if (i + 1 >= args.size() || !(args.get(i + 1).equals("on") || args.get(i + 1).equals("off"))) {
                String flag = i + 1 < args.size() ? args.get(i + 1) : "(null)";
                // nlctx->param is never set for -K: glibc prints the null pointer
                throw new CommandExit(1, "ethtool (-K): flag '" + flag + "' for parameter '(null)' is not followed by 'on' or 'off'");
            }
            boolean val = args.get(i + 1).equals("on");
            for (String bitName : expand(args.get(i))) {
                int idx = NAMES.indexOf(bitName);
                if (idx < 0 || bitName.isEmpty()) {
                    if (unknown == null) {
                        unknown = bitName;
                        unknownAt = offset + 4;
                    }
                } else {
                    reqMask |= 1L << idx;
                    reqVal = val ? reqVal | (1L << idx) : reqVal & ~(1L << idx);
                }
                offset += 4 + Nl.strAttr(bitName) + (val ? 4 : 0);
            }
        }
        NetDev d = ns.devs().byName(name);
        if (d == null) {
            throw Nl.noDevice(92);
        }
        if (unknown != null) {
            throw Nl.extack(92, "bit name not found", unknownAt, Nl.EOPNOTSUPP);
        }
        if ((reqMask & FeatureTable.NEVER_CHANGE) != 0) { // not in NETIF_F_ETHTOOL_BITS
            throw new CommandExit(92, "netlink error: attempt to change non-ethtool features\nnetlink error: " + Nl.EINVAL);
        }
        long hw = FeatureTable.hw(d.kind());
        long oldActive = active(ns, d);
        long newWanted = ((wanted(d) & ~reqMask) | (reqVal & reqMask)) & hw;
        long newActive = active(ns, d, newWanted);
        store(ns, d, newWanted, newActive);
        long wantedDiff = reqMask & (reqVal ^ newActive);
        long activeDiff = oldActive ^ newActive;
        StringBuilder out = new StringBuilder();
        if (wantedDiff != 0 || (activeDiff & ~reqMask) != 0) {
            out.append("Actual changes:\n");
            for (int i = 0; i < NAMES.size(); i++) {
                if (!on(wantedDiff, i) && !on(activeDiff, i)) {
                    continue;
                }
                out.append(NAMES.get(i)).append(": ");
                if (on(wantedDiff, i)) {
                    out.append(on(reqVal, i) ? "off [requested on]" : "on [requested off]");
                } else {
                    out.append(on(newActive, i) ? "on" : "off").append(on(reqMask, i) ? "" : " [not requested]");
                }
                out.append('\n');
            }
        }
        if (wantedDiff == reqMask) {
            return new CommandResult(1, out.toString(), "Could not change any device features\n");
        }
        return CommandResult.ok(out.toString());
    }

    /** fill_legacy_flag: a legacy name stands for the kernel names its pattern matches (maybe none), else the name itself. */
    private static List<String> expand(String arg) {
        for (Legacy l : FeatureTable.LEGACY) {
            if (arg.equals(l.shortName()) || arg.equals(l.longName())) {
                return NAMES.stream().filter(n -> !n.isEmpty() && FeatureTable.matches(n, l.pattern())).toList();
            }
        }
        return List.of(arg);
    }

    /** The features the user wants on (dev->wanted_features): changeable bits only. */
    static long wanted(NetDev d) {
        long hw = FeatureTable.hw(d.kind());
        long w = FeatureTable.defaults(d.kind()) & hw;
        Map<String, Boolean> kept = d.nic().features().on();
        for (int i = 0; i < NAMES.size(); i++) {
            if (!on(hw, i)) {
                continue;
            }
            Boolean v = kept.getOrDefault(WANTED + NAMES.get(i), kept.get(NAMES.get(i)));
            if (v != null) {
                w = v ? w | (1L << i) : w & ~(1L << i);
            }
        }
        return w;
    }

    static long active(NetNs ns, NetDev d) {
        return active(ns, d, wanted(d));
    }

    /** dev->features: the fixed bits, the wanted changeable ones, a bridge's ports folded in, the kernel's fix-ups. */
    private static long active(NetNs ns, NetDev d, long wanted) {
        long hw = FeatureTable.hw(d.kind());
        long f = (FeatureTable.defaults(d.kind()) & ~hw) | (wanted & hw);
        if (d.kind() == DevKind.BRIDGE) {
            List<Long> ports = ns.devs().ports(d.ifindex()).stream().map(p -> active(ns, p)).toList();
            f = FeatureTable.bridgeWithPorts(f, ports);
        }
        return FeatureTable.fix(f);
    }

    private static void store(NetNs ns, NetDev d, long wanted, long active) {
        long hw = FeatureTable.hw(d.kind());
        long dflt = FeatureTable.defaults(d.kind());
        Map<String, Boolean> kept = new HashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            if (!on(hw, i)) {
                continue;
            }
            if (on(active, i) != on(dflt, i)) {
                kept.put(NAMES.get(i), on(active, i));
            }
            if (on(wanted, i) != on(active, i)) {
                kept.put(WANTED + NAMES.get(i), on(wanted, i));
            }
        }
        Features f = new Features(kept);
        if (!f.equals(d.nic().features())) {
            ns.setNic(d, d.nic().withFeatures(f));
        }
    }
}
