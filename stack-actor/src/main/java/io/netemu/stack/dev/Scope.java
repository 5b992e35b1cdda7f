package io.netemu.stack.dev;

/** RT_SCOPE_* values and the names iproute2 prints for them. */
public final class Scope {
    public static final int UNIVERSE = 0;
    public static final int SITE = 200;
    public static final int LINK = 253;
    public static final int HOST = 254;
    public static final int NOWHERE = 255;

    private Scope() {}

    public static String name(int scope) {
        return switch (scope) {
            case UNIVERSE -> "global";
            case SITE -> "site";
            case LINK -> "link";
            case HOST -> "host";
            case NOWHERE -> "nowhere";
            default -> Integer.toString(scope);
        };
    }

    /** Parses {@code global|site|link|host|nowhere|NUMBER}; -1 if not a scope. */
    public static int parse(String s) {
        return switch (s) {
            case "global", "universe" -> UNIVERSE;
            case "site" -> SITE;
            case "link" -> LINK;
            case "host" -> HOST;
            case "nowhere" -> NOWHERE;
            default -> {
                try {
                    int v = Integer.parseInt(s);
                    yield v >= 0 && v <= 255 ? v : -1;
                } catch (NumberFormatException e) {
                    yield -1;
                }
            }
        };
    }
}
