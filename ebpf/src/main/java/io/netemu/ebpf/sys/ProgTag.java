package io.netemu.ebpf.sys;

import io.netemu.ebpf.isa.Insn;
import io.netemu.ebpf.isa.Opcodes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The program tag {@code bpftool prog show} and {@code ip link} print: bpf_prog_calc_tag
 * (kernel/bpf/core.c) hashes the instructions as user space sent them, with the imm of both
 * slots of a map-loading ld_imm64 zeroed (a map fd or index says nothing about the program),
 * and keeps the first 8 bytes. Linux 6.18 hashes with SHA-256 (older kernels used SHA-1): the
 * kernel netemu is compared with gives drop_icmp.o the tag f7d7210978e15283, and so does this.
 * The same object gets the same tag on every load, on Linux and here.
 */
public final class ProgTag {
    private ProgTag() {}

    public static String of(long[] insns) {
        byte[] raw = new byte[insns.length * 8];
        boolean wasLdMap = false;
        for (int i = 0; i < insns.length; i++) {
            long w = insns[i];
            if (!wasLdMap && Insn.opcode(w) == Opcodes.LDDW
                    && (Insn.src(w) == Opcodes.PSEUDO_MAP_FD || Insn.src(w) == Opcodes.PSEUDO_MAP_VALUE)) {
                wasLdMap = true;
                w = Insn.withImm(w, 0);
            } else if (wasLdMap && (w & 0xffffffffL) == 0) {
                // the second slot: code, registers and offset all zero; its imm (a value offset) goes too
                wasLdMap = false;
                w = 0;
            } else {
                wasLdMap = false;
            }
            for (int b = 0; b < 8; b++) {
                raw[i * 8 + b] = (byte) (w >>> (8 * b));
            }
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(raw);
            StringBuilder sb = new StringBuilder(16);
            for (int i = 0; i < 8; i++) {
                sb.append(String.format("%02x", d[i] & 0xff));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
