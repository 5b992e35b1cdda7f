package io.netemu.stack.netfilter.iptables;

/** The standard targets ACCEPT, DROP and RETURN (XT_STANDARD_TARGET with a verdict, xt_standard_target). */
public record XtVerdict(String name, int verdict) implements XtTarget {
    public static final XtVerdict ACCEPT = new XtVerdict("ACCEPT", XtTarget.ACCEPT);
    public static final XtVerdict DROP = new XtVerdict("DROP", XtTarget.DROP);
    public static final XtVerdict RETURN = new XtVerdict("RETURN", XtTarget.RETURN);

    /** The standard verdict called {@code name}, or null. */
    public static XtVerdict of(String name) {
        return switch (name) {
            case "ACCEPT" -> ACCEPT;
            case "DROP" -> DROP;
            case "RETURN" -> RETURN;
            default -> null;
        };
    }

    @Override
    public int target(XtPkt p) { return verdict; }

    @Override
    public void print(StringBuilder sb, boolean numeric) {}

    @Override
    public void save(StringBuilder sb) { sb.append(" -j ").append(name); }
}
