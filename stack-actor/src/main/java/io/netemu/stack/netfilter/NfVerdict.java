package io.netemu.stack.netfilter;

/** What a hook function decides for a packet (NF_ACCEPT, NF_DROP, NF_STOLEN). */
public enum NfVerdict {
    /** Continue with the next hook function, then the data path. */
    ACCEPT,
    /** Drop the packet (counted by the caller as a netfilter drop). */
    DROP,
    /** The function took the packet (e.g. REJECT answered it); the data path stops without counting a drop. */
    STOLEN
}
