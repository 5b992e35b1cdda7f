package io.netemu.stack.ip;

/** IP_MTU_DISCOVER modes: DONT never sets DF; WANT sets DF but fragments locally when needed; DO sets DF and fails with EMSGSIZE. */
public enum Pmtudisc {
    DONT, WANT, DO;

    public static Pmtudisc of(String iputilsWord) {
        return switch (iputilsWord) {
            case "do", "probe" -> DO;
            case "dont" -> DONT;
            default -> WANT;
        };
    }
}
