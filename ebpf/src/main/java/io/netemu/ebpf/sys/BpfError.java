package io.netemu.ebpf.sys;

import java.util.List;

/**
 * A BPF system call failed. {@code errno} is the positive error number the kernel returned;
 * {@code log} holds the lines libbpf prints to stderr on the way ("libbpf: prog 'x': BPF
 * program load failed: Permission denied", the verifier log...), which ip and bpftool show
 * before their own last word.
 */
public final class BpfError extends Exception {
    public static final int ENOENT = 2, E2BIG = 7, EBADF = 9, EACCES = 13, EBUSY = 16, EEXIST = 17,
            EINVAL = 22, ENOSPC = 28, EPERM = 1, EOPNOTSUPP = 95;

    private final int errno;
    private final List<String> log;
    /** Why, in netemu's words, when the kernel's errno alone does not say. */
    private final Kind kind;

    /** What failed, so callers print their own tool's message for it. */
    public enum Kind { OPEN, ELF, SECTION, MAP_CREATE, VERIFIER, OTHER }

    public BpfError(Kind kind, int errno, String message, List<String> log) {
        super(message, null, false, false);
        this.kind = kind;
        this.errno = errno;
        this.log = List.copyOf(log);
    }

    public int errno() { return errno; }

    public List<String> log() { return log; }

    public Kind kind() { return kind; }

    /** strerror(errno) for the errors the BPF calls here return. */
    public static String strerror(int errno) {
        return switch (errno) {
            case EPERM -> "Operation not permitted";
            case ENOENT -> "No such file or directory";
            case E2BIG -> "Argument list too long";
            case EBADF -> "Bad file descriptor";
            case EACCES -> "Permission denied";
            case EBUSY -> "Device or resource busy";
            case EEXIST -> "File exists";
            case EINVAL -> "Invalid argument";
            case ENOSPC -> "No space left on device";
            case EOPNOTSUPP -> "Operation not supported";
            case 12 -> "Cannot allocate memory";
            case 524 -> "Unknown error 524";
            default -> "Unknown error " + errno;
        };
    }
}
