package io.netemu.ebpf.btf;

/** A .BTF section that cannot be read, or a question about a type it cannot answer. */
public class BtfException extends RuntimeException {
    public BtfException(String message) { super(message); }
}
