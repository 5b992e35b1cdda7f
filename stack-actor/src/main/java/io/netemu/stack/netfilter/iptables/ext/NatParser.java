package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtOpt;
import io.netemu.stack.netfilter.iptables.XtParse;
import io.netemu.stack.netfilter.iptables.XtTarget;
import java.util.List;

/** libxt_NAT.c, libxt_MASQUERADE.c and libxt_REDIRECT.c parse: --to-source / --to-destination ADDR[-ADDR][:PORT[-PORT]], --to-ports, --random, --random-fully, --persistent. */
public final class NatParser implements XtExtParser<XtTarget> {
    private final String kind;
    private boolean haveTo;
    private boolean haveAddr;
    private int minAddr;
    private int maxAddr;
    private boolean havePorts;
    private int minPort;
    private int maxPort;
    private boolean random;
    private boolean randomFully;
    private boolean persistent;

    public NatParser(String kind) {
        this.kind = kind;
    }

    private String toOption() {
        return switch (kind) {
            case "SNAT" -> "to-source";
            case "DNAT" -> "to-destination";
            default -> "to-ports";
        };
    }

    @Override
    public List<XtOpt> options() {
        return switch (kind) {
            case "SNAT" -> List.of(new XtOpt("to-source", 1), new XtOpt("random", 0), new XtOpt("random-fully", 0),
                    new XtOpt("persistent", 0));
            case "DNAT" -> List.of(new XtOpt("to-destination", 1), new XtOpt("random", 0), new XtOpt("persistent", 0));
            case "MASQUERADE" -> List.of(new XtOpt("to-ports", 1), new XtOpt("random", 0), new XtOpt("random-fully", 0));
            default -> List.of(new XtOpt("to-ports", 1), new XtOpt("random", 0));
        };
    }

    @Override
    public void parse(String option, boolean invert, List<String> args, RuleSoFar rule) {
        switch (option) {
            case "random" -> random = true;
            case "random-fully" -> randomFully = true;
            case "persistent" -> persistent = true;
            default -> {
                if (haveTo) {
                    throw new XtError(kind + ": option \"--" + option + "\" can only be used once.\n");
                }
                haveTo = true;
                String a = args.get(0);
                if (option.equals("to-ports")) {
                    ports(a, rule);
                } else {
                    to(a, rule);
                }
            }
        }
    }

    private void to(String arg, RuleSoFar rule) {
        int colon = arg.indexOf(':');
        String addr = colon < 0 ? arg : arg.substring(0, colon);
        if (colon >= 0) {
            ports(arg.substring(colon + 1), rule);
        }
        if (addr.isEmpty()) {
            return;
        }
        int dash = addr.indexOf('-');
        String lo = dash < 0 ? addr : addr.substring(0, dash);
        String hi = dash < 0 ? addr : addr.substring(dash + 1);
        Integer a = XtParse.ipaddr(lo, false);
        if (a == null) {
            throw new XtError("Bad IP address \"" + lo + "\"");
        }
        Integer b = XtParse.ipaddr(hi, false);
        if (b == null) {
            throw new XtError("Bad IP address \"" + hi + "\"");
        }
        haveAddr = true;
        minAddr = a;
        maxAddr = b;
    }

    private void ports(String s, RuleSoFar rule) {
        int p = rule.proto();
        if (rule.protoInverted() || (p != 6 && p != 17 && p != 136 && p != 132 && p != 33)) {
            throw new XtError("Need TCP, UDP, SCTP or DCCP with port specification");
        }
        int dash = s.indexOf('-');
        String lo = dash < 0 ? s : s.substring(0, dash);
        long a = XtParse.strtoui(lo, 0, 65535);
        if (a < 0) {
            throw new XtError("Port `" + lo + "' not valid");
        }
        long b = a;
        if (dash >= 0) {
            String hi = s.substring(dash + 1);
            b = XtParse.strtoui(hi, 0, 65535);
            if (b < 0) {
                throw new XtError("Port `" + hi + "' not valid");
            }
            if (b < a) {
                throw new XtError("Port range `" + hi + "' funky");
            }
        }
        havePorts = true;
        minPort = (int) a;
        maxPort = (int) b;
    }

    @Override
    public XtTarget build(RuleSoFar rule) {
        if (!haveTo && (kind.equals("SNAT") || kind.equals("DNAT"))) {
            throw new XtError(kind + ": option \"--" + toOption() + "\" must be specified\n");
        }
        return new NatTarget(kind, haveAddr, minAddr, maxAddr, havePorts, minPort, maxPort, random, randomFully,
                persistent);
    }
}
