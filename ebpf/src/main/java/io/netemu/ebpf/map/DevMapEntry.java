package io.netemu.ebpf.map;

/**
 * One devmap target as bpf_redirect_map needs it. The ifindex means a device in {@code netns},
 * the namespace of whoever wrote the entry (the kernel resolves it there at update time), which
 * need not be the namespace of the program that redirects through it.
 *
 * @param ifindex the target device's ifindex in {@code netns}
 * @param progId  the id of the program to run on the target (the 8-byte value form), 0 for none
 * @param netns   the name of the namespace the updater was in; null when unknown (the map owner's)
 * @param value   the value bytes a lookup returns: {@code struct bpf_devmap_val}'s first 4 or 8 bytes
 */
public record DevMapEntry(int ifindex, int progId, String netns, ValueRef value) {}
