package io.netemu.ebpf.map;

/**
 * BPF_MAP_CREATE refused a spec. The kernel only says EINVAL, E2BIG or ENOTSUPP; the message
 * also names the field and what would be accepted, because the person reading it wrote the
 * spec in C and cannot ask the kernel why.
 */
public final class MapCreateException extends RuntimeException {
    /** The kernel's ENOTSUPP (524), which lru_hash returns for BPF_F_NO_PREALLOC. */
    public static final int ENOTSUPP = 524;

    private final int errno;

    public MapCreateException(int errno, String message) {
        super(message);
        this.errno = errno;
    }

    /** The positive errno the syscall would have failed with (EINVAL, E2BIG, ENOMEM, ENOTSUPP). */
    public int errno() {
        return errno;
    }
}
