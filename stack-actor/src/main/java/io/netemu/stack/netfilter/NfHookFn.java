package io.netemu.stack.netfilter;

/** A function registered at a hook (struct nf_hook_ops's hook). */
@FunctionalInterface
public interface NfHookFn {
    NfVerdict hook(NfPacket p);
}
