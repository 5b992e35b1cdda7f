package io.netemu.ebpf.sys;

/**
 * Names of programs and maps as the kernel keeps them (bpf_obj_name_cpy): BPF_OBJ_NAME_LEN is
 * 16 bytes with the terminating NUL, so at most 15 characters survive; libbpf cuts longer
 * function names before sending them, so a long name shows truncated, not refused.
 */
public final class ObjName {
    public static final int MAX = 15;

    private ObjName() {}

    public static String of(String name) {
        if (name == null) {
            return "";
        }
        return name.length() > MAX ? name.substring(0, MAX) : name;
    }
}
