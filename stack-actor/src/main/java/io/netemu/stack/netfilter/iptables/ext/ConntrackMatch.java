package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.NfPacket.CtState;
import io.netemu.stack.netfilter.iptables.XtCheck;
import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtOpt;
import io.netemu.stack.netfilter.iptables.XtPkt;
import java.util.List;
import java.util.Locale;

/**
 * {@code -m conntrack --ctstate} and {@code -m state --state} (xt_conntrack.c conntrack_mt's state
 * part, xt_state.c; libxt_conntrack.c and libxt_state.c print and save): the packet's conntrack
 * state in a set. A packet conntrack did not see is INVALID, as nf_ct_get returning NULL makes it.
 */
public record ConntrackMatch(boolean stateMatch, int states, boolean invert) implements XtMatch {
    static final int INVALID = 1;
    static final int NEW = 2;
    static final int RELATED = 4;
    static final int ESTABLISHED = 8;
    static final int UNTRACKED = 16;
    static final int SNAT = 32;
    static final int DNAT = 64;
    /** The order libxt_conntrack's print_state writes them. */
    private static final String[] NAMES = {"INVALID", "NEW", "RELATED", "ESTABLISHED", "UNTRACKED", "SNAT", "DNAT"};

    @Override
    public String name() { return stateMatch ? "state" : "conntrack"; }

    @Override
    public boolean match(XtPkt p) {
        CtState s = p.nf.ctState;
        int bit = s == null ? INVALID : switch (s) {
            case NEW -> NEW;
            case ESTABLISHED -> ESTABLISHED;
            case RELATED -> RELATED;
            case INVALID -> INVALID;
            case UNTRACKED -> UNTRACKED;
        };
        return ((states & bit) != 0) ^ invert;
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        sb.append(invert ? " !" : "").append(stateMatch ? " state " : " ctstate ");
        names(sb);
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(invert ? " !" : "").append(stateMatch ? " --state " : " --ctstate ");
        names(sb);
    }

    private void names(StringBuilder sb) {
        boolean first = true;
        for (int i = 0; i < NAMES.length; i++) {
            if ((states & (1 << i)) != 0) {
                sb.append(first ? "" : ",").append(NAMES[i]);
                first = false;
            }
        }
    }

    @Override
    public void check(XtCheck c) {
        c.needConntrack();
    }

    /** libxt_conntrack.c / libxt_state.c: --ctstate or --state with a comma-separated list, case-insensitive. */
    public static final class Parser implements XtExtParser<XtMatch> {
        private final boolean state;
        private int states = -1;
        private boolean invert;

        public Parser(boolean state) {
            this.state = state;
        }

        @Override
        public List<XtOpt> options() {
            return List.of(new XtOpt(state ? "state" : "ctstate", 1));
        }

        @Override
        public void parse(String option, boolean inv, List<String> args, RuleSoFar rule) {
            String n = state ? "state" : "conntrack";
            if (states >= 0) {
                throw new XtError(n + ": option \"--" + option + "\" can only be used once.\n");
            }
            states = 0;
            invert = inv;
            String arg = args.get(0);
            int at = 0;
            while (true) {
                int comma = arg.indexOf(',', at);
                String word = comma < 0 ? arg.substring(at) : arg.substring(at, comma);
                int bit = bit(word, state);
                if (bit == 0) {
                    throw new XtError((state ? "Bad state \"" : "Bad ctstate \"") + arg.substring(at) + "\"");
                }
                states |= bit;
                if (comma < 0) {
                    break;
                }
                at = comma + 1;
            }
        }

        private static int bit(String w, boolean state) {
            return switch (w.toUpperCase(Locale.ROOT)) {
                case "INVALID" -> INVALID;
                case "NEW" -> NEW;
                case "RELATED" -> RELATED;
                case "ESTABLISHED" -> ESTABLISHED;
                case "UNTRACKED" -> UNTRACKED;
                case "SNAT" -> state ? 0 : SNAT;
                case "DNAT" -> state ? 0 : DNAT;
                default -> 0;
            };
        }

        @Override
        public XtMatch build(RuleSoFar rule) {
            if (states < 0) {
                throw new XtError(state ? "state: option \"--state\" must be specified\n"
                        : "conntrack: At least one option is required");
            }
            return new ConntrackMatch(state, states, invert);
        }
    }
}
