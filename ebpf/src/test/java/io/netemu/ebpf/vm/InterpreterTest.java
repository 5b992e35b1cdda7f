package io.netemu.ebpf.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.ebpf.asm.AsmException;
import io.netemu.ebpf.asm.Assembler;
import io.netemu.ebpf.map.BpfMap;
import io.netemu.ebpf.map.MapSpec;
import io.netemu.ebpf.map.MapType;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class InterpreterTest {

    private static LoadedProgram prog(String asm, BpfMap... maps) {
        return new LoadedProgram("t", Assembler.assemble(asm), maps, 1);
    }

    private static Interpreter vm() { return new Interpreter(MapHelpers.install(new HelperTable()), 100_000); }

    private static String trap(String asm, BpfMap... maps) {
        Interpreter vm = vm();
        assertFalse(vm.run(prog(asm, maps), 0, 0), "expected a trap");
        return vm.trapMessage();
    }

    @Test
    void invalidAccessesTrapWithTheInstructionIndex() {
        assertTrue(trap("mov %r1, 0\nldxw %r0, [%r1+0]\nexit").matches("insn 1 of t: .*null pointer dereference"), trap("mov %r1, 0\nldxw %r0, [%r1+0]\nexit"));
        assertTrue(trap("ldxdw %r0, [%r10+0]\nexit").contains("outside the stack bounds"));
        assertTrue(trap("ldxdw %r0, [%r10-520]\nexit").contains("outside the stack bounds"));
        TestMaps.Array a = new TestMaps.Array("a", 8, 1);
        assertTrue(trap("lddw %r1, map:0\nldxw %r0, [%r1+0]\nexit", a).contains("a map handle is not memory"));
        assertTrue(trap("mov %r0, 0\n").contains("no exit"));
        assertTrue(trap("call 99\nexit").contains("unknown helper 99"));
        assertTrue(trap("ja -1\nexit").contains("more than 100000 instructions"));
        assertTrue(trap("mov %r0, 1\nlock add [%r10-3], %r0\nexit").contains("misaligned atomic"));
        long[] bad = {0x00000000000000ffL, 0x95};
        Interpreter vm = vm();
        assertFalse(vm.run(new LoadedProgram("bad", bad, new BpfMap[0], 2), 0, 0));
        assertTrue(vm.trapMessage().contains("insn 0 of bad"), vm.trapMessage());
    }

    @Test
    void boundsCheckSuperinstructionRunsAsItsThreeSlots() {
        // mov/add/jgt fused in slot 1; slot 2 (the add) is also a jump target, reached from slot 6
        String asm = """
                mov %r2, 100
                mov %r3, %r1
                add %r3, 14
                jgt %r3, %r2, big
                mov %r0, %r3
                jeq %r4, 0, again
                exit
                again:
                mov %r4, 1
                ja -7
                big:
                mov %r0, 999
                exit
                """;
        Interpreter vm = vm();
        assertTrue(vm.run(prog(asm), 10, 0), vm.trapMessage());
        assertEquals(38, vm.r0()); // 10 + 14, then + 14 again through the jump into the add
        assertTrue(vm.run(prog(asm), 90, 0));
        assertEquals(999, vm.r0());
        for (String op : new String[] {"jge", "jlt", "jle"}) { // the other fused comparisons, both ways
            String cmp = "mov %r2, 24\nmov %r3, %r1\nadd %r3, 14\n" + op + " %r3, %r2, yes\nmov %r0, 0\nexit\nyes:\nmov %r0, 1\nexit";
            for (long r1 : new long[] {9, 10, 11, -20}) {
                long x = r1 + 14;
                boolean want = switch (op) {
                    case "jge" -> Long.compareUnsigned(x, 24) >= 0;
                    case "jlt" -> Long.compareUnsigned(x, 24) < 0;
                    default -> Long.compareUnsigned(x, 24) <= 0;
                };
                assertTrue(vm.run(prog(cmp), r1, 0));
                assertEquals(want ? 1 : 0, vm.r0(), op + " " + r1);
            }
        }
        // the instruction budget still counts every slot, and runs out where it would unfused
        String five = "mov %r2, 0\nmov %r3, %r1\nadd %r3, 14\njgt %r3, %r2, +0\nexit";
        for (int budget = 1; budget <= 5; budget++) {
            Interpreter small = new Interpreter(new HelperTable(), budget);
            assertEquals(budget == 5, small.run(prog(five), 0, 0), "budget " + budget);
            if (budget < 5) assertEquals(budget, small.trapPc(), small.trapMessage());
        }
        Interpreter small = new Interpreter(new HelperTable(), 3);
        assertFalse(small.run(prog(five), 0, 0));
        assertTrue(small.trapMessage().contains("more than 3 instructions"), small.trapMessage());
    }

    @Test
    void callsNestAtMostEightFrames() {
        String recurse = "mov %r0, 0\ncall local f\nexit\nf:\nadd %r1, 1\njge %r1, DEPTH, done\ncall local f\ndone:\nmov %r0, %r1\nexit\n";
        Interpreter vm = vm();
        assertTrue(vm.run(prog(recurse.replace("DEPTH", "7")), 0, 0), vm.trapMessage());
        assertEquals(7, vm.r0());
        assertTrue(trap(recurse.replace("DEPTH", "8")).contains("call depth"));
    }

    @Test
    void eachFrameHasItsOwnStackAndCallerFramesStayReachable() {
        String asm = """
                stdw [%r10-8], 11
                mov %r1, %r10
                add %r1, -8
                call local f
                ldxdw %r1, [%r10-8]
                add %r0, %r1
                exit
                f:
                stdw [%r10-8], 5
                ldxdw %r0, [%r1+0]
                stdw [%r1+0], 100
                exit
                """;
        Interpreter vm = vm();
        assertTrue(vm.run(prog(asm), 0, 0), vm.trapMessage());
        assertEquals(111, vm.r0()); // the callee read 11 through the pointer and wrote 100 there
    }

    @Test
    void callxOnAFunctionAddressIsALocalCall() {
        long[] insns = Assembler.assemble("lddw %r2, 0\ncall %r2\nexit\nmov %r0, 42\nexit");
        insns[0] = io.netemu.ebpf.isa.Insn.encode(0x18, 2, 4 /* PSEUDO_FUNC */, 0, 3); // slot 0 + 1 + 3 = 4
        Interpreter vm = vm();
        assertTrue(vm.run(new LoadedProgram("x", insns, new BpfMap[0], 1), 0, 0), vm.trapMessage());
        assertEquals(42, vm.r0());
    }

    @Test
    void mapHelpersLookupUpdateDeleteAndLiveValues() {
        TestMaps.Hash h = new TestMaps.Hash(MapType.HASH, "h", 4, 8, 4);
        String asm = """
                stw [%r10-4], 7
                stdw [%r10-16], 40
                lddw %r1, map:0
                mov %r2, %r10
                add %r2, -4
                mov %r3, %r10
                add %r3, -16
                mov %r4, 0
                call 2
                lddw %r1, map:0
                mov %r2, %r10
                add %r2, -4
                call 1
                jeq %r0, 0, miss
                mov %r1, 2
                lock add [%r0+0], %r1
                ldxdw %r0, [%r0+0]
                exit
                miss:
                mov %r0, -1
                exit
                """;
        Interpreter vm = vm();
        assertTrue(vm.run(prog(asm, h), 0, 0), vm.trapMessage());
        assertEquals(42, vm.r0());
        assertEquals(42, h.lookup(TestMaps.le32(7), 0).array()[0]);
        String del = "stw [%r10-4], 7\nlddw %r1, map:0\nmov %r2, %r10\nadd %r2, -4\ncall 3\nexit";
        assertTrue(vm.run(prog(del, h), 0, 0));
        assertEquals(0, vm.r0());
        assertTrue(vm.run(prog(del, h), 0, 0));
        assertEquals(-BpfMap.ENOENT, vm.r0());
    }

    @Test
    void globalDataIsValueZeroAndRodataIsReadOnly() {
        TestMaps.Array data = new TestMaps.Array(".data", 16, 1);
        TestMaps.Array rodata = new TestMaps.Array(".rodata", 16, 1, MapSpec.F_RDONLY_PROG);
        rodata.store[8] = 9;
        Interpreter vm = vm();
        assertTrue(vm.run(prog("lddw %r1, mapval:1:8\nldxb %r0, [%r1+0]\nlddw %r2, mapval:0:4\nstxb [%r2+0], %r0\nexit", data, rodata), 0, 0), vm.trapMessage());
        assertEquals(9, vm.r0());
        assertEquals(9, data.store[4]);
        assertTrue(trap("lddw %r1, mapval:0:0\nstb [%r1+0], 1\nexit", rodata).contains("read-only"));
        assertTrue(trap("lddw %r1, mapval:0:12\nldxdw %r0, [%r1+0]\nexit", rodata).contains("outside the map value bounds"));
    }

    @Test
    void atomicsOnASharedValueAreAtomicAcrossThreads() throws Exception {
        TestMaps.Array counters = new TestMaps.Array("c", 8, 1);
        LoadedProgram p = prog("lddw %r1, mapval:0:0\nmov %r2, 1\nlock add [%r1+0], %r2\nmov %r0, 0\nexit", counters);
        int threads = 4, runs = 20_000;
        CountDownLatch go = new CountDownLatch(1);
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> {
                Interpreter vm = vm();
                try { go.await(); } catch (InterruptedException e) { return; }
                for (int i = 0; i < runs; i++) vm.run(p, 0, 0);
            });
            ts[t].start();
        }
        go.countDown();
        for (Thread t : ts) t.join();
        assertEquals((long) threads * runs, java.nio.ByteBuffer.wrap(counters.store).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0));
    }

    @Test
    void assemblerErrorsNameTheLine() {
        AsmException e = assertThrows(AsmException.class, () -> Assembler.assemble("mov %r0, 1\nfrob %r1\nexit"));
        assertEquals(2, e.line);
        assertTrue(e.getMessage().contains("unknown mnemonic 'frob'"));
        assertEquals(3, assertThrows(AsmException.class, () -> Assembler.assemble("\n\nja nowhere")).line);
        assertEquals(1, assertThrows(AsmException.class, () -> Assembler.assemble("mov %r0, 0x100000000")).line);
        assertEquals(1, assertThrows(AsmException.class, () -> Assembler.assemble("ldxw %r0, %r1")).line);
    }
}
