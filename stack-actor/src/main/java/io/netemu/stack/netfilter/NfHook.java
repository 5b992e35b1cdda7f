package io.netemu.stack.netfilter;

/** The five IPv4 netfilter hooks (NF_INET_*), where the data path hands packets to registered functions. */
public enum NfHook {
    PRE_ROUTING, LOCAL_IN, FORWARD, LOCAL_OUT, POST_ROUTING;

    /** The name iptables uses for the built-in chain at this hook. */
    public String chainName() {
        return switch (this) {
            case PRE_ROUTING -> "PREROUTING";
            case LOCAL_IN -> "INPUT";
            case FORWARD -> "FORWARD";
            case LOCAL_OUT -> "OUTPUT";
            case POST_ROUTING -> "POSTROUTING";
        };
    }

    /** The name nft uses in {@code hook NAME}. */
    public String nftName() {
        return switch (this) {
            case PRE_ROUTING -> "prerouting";
            case LOCAL_IN -> "input";
            case FORWARD -> "forward";
            case LOCAL_OUT -> "output";
            case POST_ROUTING -> "postrouting";
        };
    }
}
