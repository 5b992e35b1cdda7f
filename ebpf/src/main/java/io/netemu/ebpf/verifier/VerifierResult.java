package io.netemu.ebpf.verifier;

/**
 * An accepted program: how many instructions the walk over all paths processed (the number
 * {@code bpftool prog load} reports as "processed N insns"), and the log it wrote.
 */
public record VerifierResult(int insnsProcessed, String log) {}
