package io.netemu.stack.netfilter.nft;

/** Table families (NFPROTO_*); only ip and inet tables see packets here (IPv4 only, no bridge or ARP hooks). */
public enum NftFamily {
    IP("ip"), IP6("ip6"), INET("inet"), ARP("arp"), BRIDGE("bridge"), NETDEV("netdev");

    private final String text;

    NftFamily(String text) { this.text = text; }

    public String text() { return text; }

    /** Whether base chains of this family see the emulated (IPv4) traffic. */
    public boolean seesIpv4() { return this == IP || this == INET; }

    public static NftFamily byText(String s) {
        for (NftFamily f : values()) {
            if (f.text.equals(s)) {
                return f;
            }
        }
        return null;
    }
}
