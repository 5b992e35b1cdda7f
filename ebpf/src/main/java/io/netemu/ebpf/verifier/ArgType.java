package io.netemu.ebpf.verifier;

/** What a helper accepts in one argument register, as the kernel's {@code enum bpf_arg_type}. */
enum ArgType {
    /** Any initialised value. */
    ANYTHING,
    /** A map from ld_imm64 (r = map[...]). */
    CONST_MAP_PTR,
    /** Memory holding key_size initialised bytes of the map in the CONST_MAP_PTR argument. */
    PTR_TO_MAP_KEY,
    /** Memory holding value_size initialised bytes of that map. */
    PTR_TO_MAP_VALUE,
    PTR_TO_CTX,
    /** Readable memory whose size the next argument gives. */
    PTR_TO_MEM,
    /** Like PTR_TO_MEM, or NULL with a zero size. */
    PTR_TO_MEM_OR_NULL,
    /** A bounded size for the memory in the previous argument, not zero. */
    CONST_SIZE,
    CONST_SIZE_OR_ZERO
}
