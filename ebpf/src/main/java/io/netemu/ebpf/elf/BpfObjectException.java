package io.netemu.ebpf.elf;

/**
 * An object file that cannot be loaded. Messages name the file, and the section, symbol or map
 * at fault, because they are shown to the user as ip or bpftool show libbpf's complaints.
 */
public class BpfObjectException extends RuntimeException {
    public BpfObjectException(String message) { super(message); }

    public BpfObjectException(String message, Throwable cause) { super(message, cause); }
}
