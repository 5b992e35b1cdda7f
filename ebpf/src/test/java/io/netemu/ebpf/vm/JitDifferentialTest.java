package io.netemu.ebpf.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netemu.ebpf.asm.Assembler;
import io.netemu.ebpf.isa.Insn;
import io.netemu.ebpf.map.BpfMap;
import io.netemu.ebpf.xdp.XdpTestPrograms;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random programs run JITed and interpreted must end the same way: the same r0, or the same trap
 * (reason and instruction index). ALU of every kind with the immediates where edge cases live,
 * forward jumps (and backward ones under a small budget), stack accesses in and out of bounds,
 * lddw, the odd invalid instruction or unknown helper.
 */
class JitDifferentialTest {
    private static final int[] EDGE = {0, 1, -1, 2, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 255, 0x7fff, 0x8000, 0xffff,
        Integer.MAX_VALUE, Integer.MIN_VALUE, -7};
    private static final int[] ALU_OPS = {0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0, 0xb0, 0xc0};
    private static final int[] JMP_OPS = {0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0};

    /** One instruction before layout: lddw takes two slots, jumps name an instruction, not a slot. */
    private record Ins(long word, long hiWord, int jumpTo) {}

    @Test
    void randomProgramsEndTheSameJitedAndInterpreted() {
        Random rnd = new Random(0x5eed_b9f);
        for (int round = 0; round < 4000; round++) {
            boolean backward = rnd.nextInt(4) == 0;
            long budget = backward || rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(300) : 100_000;
            LoadedProgram p = new LoadedProgram("fuzz" + round, program(rnd, backward), new BpfMap[0], 1);
            assertNotNull(p.compiled(), "compiles");
            long r1 = rnd.nextBoolean() ? imm(rnd) : rnd.nextLong(), r2 = rnd.nextLong();
            Interpreter jit = new Interpreter(MapHelpers.install(new HelperTable()), budget).jit(true);
            Interpreter interp = new Interpreter(MapHelpers.install(new HelperTable()), budget).jit(false);
            boolean a = jit.run(p, r1, r2), b = interp.run(p, r1, r2);
            String what = "round " + round + ", budget " + budget + ", r1 " + r1 + ", " + dump(p);
            assertEquals(b, a, what + ": " + interp.trapMessage() + " vs " + jit.trapMessage());
            assertEquals(interp.trapMessage(), jit.trapMessage(), what);
            if (a) assertEquals(interp.r0(), jit.r0(), what);
        }
    }

    @Test
    void theDropIcmpProgramCompiles() {
        LoadedProgram p = new LoadedProgram("drop_icmp", Assembler.assemble(XdpTestPrograms.DROP_ICMP), new BpfMap[0], 1);
        assertNotNull(p.compiled());
    }

    private static String dump(LoadedProgram p) {
        StringBuilder b = new StringBuilder("insns");
        for (long w : p.insns) b.append(String.format(" %016x", w));
        return b.toString();
    }

    private static int imm(Random rnd) { return rnd.nextBoolean() ? EDGE[rnd.nextInt(EDGE.length)] : rnd.nextInt(); }

    private static long[] program(Random rnd, boolean backward) {
        List<Ins> list = new ArrayList<>();
        for (int r : new int[] {0, 3, 4, 5, 6, 7, 8, 9}) {
            if (rnd.nextInt(3) > 0) list.add(lddw(r, rnd.nextBoolean() ? imm(rnd) : rnd.nextLong()));
        }
        int n = 3 + rnd.nextInt(30);
        int first = list.size();
        for (int k = 0; k < n; k++) list.add(random(rnd, first, first + n, list.size(), backward));
        list.add(new Ins(Insn.encode(0x95, 0, 0, 0, 0), -1, -1));
        // layout: slot of each instruction, then jump offsets
        int[] slot = new int[list.size() + 1];
        int s = 0;
        for (int k = 0; k < list.size(); k++) { slot[k] = s; s += list.get(k).hiWord != -1 ? 2 : 1; }
        slot[list.size()] = s;
        long[] out = new long[s];
        for (int k = 0; k < list.size(); k++) {
            Ins in = list.get(k);
            long w = in.word;
            if (in.jumpTo >= 0) {
                int rel = slot[in.jumpTo] - (slot[k] + 1);
                w = (w & ~0xffff0000L) | ((rel & 0xffffL) << 16);
            }
            out[slot[k]] = w;
            if (in.hiWord != -1) out[slot[k] + 1] = in.hiWord;
        }
        return out;
    }

    private static Ins lddw(int r, long v) {
        return new Ins(Insn.encode(0x18, r, 0, 0, (int) v), Insn.encode(0, 0, 0, 0, (int) (v >>> 32)), -1);
    }

    private static Ins random(Random rnd, int first, int end, int here, boolean backward) {
        int dst = rnd.nextInt(10), src = rnd.nextInt(11);
        int kind = rnd.nextInt(100);
        if (kind < 45) { // ALU / ALU64
            int cls = rnd.nextBoolean() ? 0x07 : 0x04;
            int op = ALU_OPS[rnd.nextInt(ALU_OPS.length)];
            boolean reg = op != 0x80 && rnd.nextBoolean();
            int off = 0;
            if ((op == 0x30 || op == 0x90) && rnd.nextBoolean()) off = 1; // sdiv / smod
            if (op == 0xb0 && reg && rnd.nextInt(3) == 0) off = new int[] {8, 16, 32}[rnd.nextInt(3)]; // movsx
            return new Ins(Insn.encode(cls | op | (reg ? 8 : 0), dst, reg ? src : 0, off, imm(rnd)), -1, -1);
        }
        if (kind < 50) { // byte swaps
            int opc = new int[] {0xd4, 0xdc, 0xd7}[rnd.nextInt(3)];
            return new Ins(Insn.encode(opc, dst, 0, 0, new int[] {16, 32, 64}[rnd.nextInt(3)]), -1, -1);
        }
        if (kind < 75) { // a conditional jump or ja, forward (or backward when the budget is small)
            int target = backward && rnd.nextInt(3) == 0 ? first + rnd.nextInt(here - first + 1) : here + 1 + rnd.nextInt(end - here + 1);
            if (rnd.nextInt(8) == 0) return new Ins(Insn.encode(0x05, 0, 0, 0, 0), -1, target);
            int cls = rnd.nextBoolean() ? 0x05 : 0x06;
            boolean reg = rnd.nextBoolean();
            return new Ins(Insn.encode(cls | JMP_OPS[rnd.nextInt(JMP_OPS.length)] | (reg ? 8 : 0), dst, reg ? src : 0, 0, imm(rnd)), -1, target);
        }
        if (kind < 87) { // stack (or a random register: mostly traps) loads and stores
            int size = new int[] {0x00, 0x08, 0x10, 0x18}[rnd.nextInt(4)];
            int base = rnd.nextInt(5) == 0 ? src : 10;
            int off = -8 * rnd.nextInt(70) + (rnd.nextInt(6) == 0 ? rnd.nextInt(8) : 0);
            return switch (rnd.nextInt(4)) {
                case 0 -> new Ins(Insn.encode(0x61 | size, dst, base, off, 0), -1, -1);
                case 1 -> new Ins(Insn.encode(0x81 | size, dst, base, off, 0), -1, -1); // MEMSX (dw: invalid)
                case 2 -> new Ins(Insn.encode(0x62 | size, base, 0, off, imm(rnd)), -1, -1);
                default -> new Ins(Insn.encode(0x63 | size, base, src, off, 0), -1, -1);
            };
        }
        if (kind < 92) return lddw(dst, rnd.nextLong());
        if (kind < 95) { // atomics on the stack
            int a = new int[] {0x00, 0x40, 0x50, 0xa0, 0x01, 0x41, 0xe1, 0xf1}[rnd.nextInt(8)];
            return new Ins(Insn.encode(rnd.nextBoolean() ? 0xdb : 0xc3, 10, src, -8 * (1 + rnd.nextInt(8)), a), -1, -1);
        }
        if (kind < 97) return new Ins(Insn.encode(0x85, 0, 0, 0, rnd.nextInt(4)), -1, -1); // helpers (1-3 exist)
        return new Ins(Insn.encode(rnd.nextInt(256), dst, src, rnd.nextInt(), imm(rnd)), -1, -1); // anything
    }
}
