package io.netemu.ebpf.asm;

/** A line the assembler cannot encode, with its 1-based line number. */
public final class AsmException extends IllegalArgumentException {
    public final int line;

    public AsmException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }
}
