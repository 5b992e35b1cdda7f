package io.netemu.ebpf.isa;

/** Helper function numbers from the kernel's {@code enum bpf_func_id} (uapi/linux/bpf.h). */
public final class HelperId {
    private HelperId() {}

    public static final int MAP_LOOKUP_ELEM = 1;
    public static final int MAP_UPDATE_ELEM = 2;
    public static final int MAP_DELETE_ELEM = 3;
    public static final int KTIME_GET_NS = 5;
    public static final int TRACE_PRINTK = 6;
    public static final int GET_PRANDOM_U32 = 7;
    public static final int GET_SMP_PROCESSOR_ID = 8;
    public static final int TAIL_CALL = 12;
    public static final int REDIRECT = 23;
    public static final int CSUM_DIFF = 28;
    public static final int XDP_ADJUST_HEAD = 44;
    public static final int REDIRECT_MAP = 51;
    public static final int XDP_ADJUST_META = 54;
    public static final int XDP_ADJUST_TAIL = 65;
    public static final int FIB_LOOKUP = 69;
}
