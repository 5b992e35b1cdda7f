package io.netemu.ebpf.verifier;

import static io.netemu.ebpf.isa.Opcodes.*;
import static io.netemu.ebpf.verifier.Asm.*;
import static io.netemu.ebpf.verifier.TestMaps.*;
import static org.junit.jupiter.api.Assertions.*;

import io.netemu.ebpf.isa.HelperId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Safe hand-written programs the verifier must accept, and the edges of what it learns. */
class VerifierAcceptTest {

    static VerifierResult accepts(Asm a) {
        try {
            return Verifier.verify(a.build(), MAPS, ProgramType.XDP);
        } catch (VerifierException e) {
            return fail("rejected:\n" + e.log());
        }
    }

    @Test void passEverything() {
        VerifierResult r = accepts(new Asm().ret(2));
        assertEquals(2, r.insnsProcessed());
        assertTrue(r.log().startsWith("processed 2 insns"), r.log());
    }

    /**
     * Every way of writing "is pkt + 14 within the packet": a read of the last proven byte
     * passes, one byte further fails. "pkt < end" proves one byte more than "pkt <= end".
     */
    @ParameterizedTest(name = "{0} {1} {2}, proven {4}")
    @CsvSource({
            "r4, >,  r3, drop, 14", "r4, >=, r3, drop, 15", "r4, <,  r3, ok, 15", "r4, <=, r3, ok, 14",
            "r3, <,  r4, drop, 14", "r3, <=, r4, drop, 15", "r3, >,  r4, ok, 15", "r3, >=, r4, ok, 14"})
    void packetBoundsCheckInEveryForm(String left, String op, String right, String jumpTo, int proven) throws Exception {
        int code = switch (op) { case ">" -> JGT; case ">=" -> JGE; case "<" -> JLT; default -> JLE; };
        for (int readAt : new int[] {proven - 1, proven}) {
            Asm a = new Asm().loadPacket().movr(R4, R2).add(R4, 14)
                    .jmpr(code, left.equals("r4") ? R4 : R3, left.equals("r4") ? R3 : R4, jumpTo);
            if (jumpTo.equals("ok")) a.ret(1).label("ok").ldx(B, R0, R2, readAt).ret(2);
            else a.ldx(B, R0, R2, readAt).ret(2).label("drop").ret(1);
            if (readAt < proven) accepts(a);
            else VerifierRejectTest.rejects(a, "invalid access to packet, off=" + readAt + " size=1");
        }
    }

    @Test void checkedRangeReachesCopiesOfThePointer() {
        accepts(new Asm().loadPacket().movr(R6, R2).movr(R4, R2).add(R4, 20).jmpr(JGT, R4, R3, "drop")
                .ldx(W, R0, R6, 16).ldx(W, R0, R4, -4).ret(2).label("drop").ret(1));
    }

    @Test void boundedVariablePacketOffset() {
        accepts(new Asm().loadPacket().movr(R4, R2).add(R4, 1).jmpr(JGT, R4, R3, "drop")
                .ldx(B, R5, R2, 0).alu(AND, R5, 0x3f).addr(R2, R5)
                .movr(R4, R2).add(R4, 4).jmpr(JGT, R4, R3, "drop").ldx(W, R0, R2, 0).ret(2)
                .label("drop").ret(1));
    }

    @Test void spilledPacketPointerKeepsItsRange() {
        accepts(new Asm().loadPacket().movr(R4, R2).add(R4, 8).jmpr(JGT, R4, R3, "drop")
                .stx(DW, R10, R2, -8).mov(R2, 0).ldx(DW, R6, R10, -8).ldx(DW, R0, R6, 0).ret(2)
                .label("drop").ret(1));
    }

    @Test void packetWritesAreAllowed() {
        accepts(new Asm().loadPacket().movr(R4, R2).add(R4, 12).jmpr(JGT, R4, R3, "drop")
                .ldx(W, R5, R2, 0).stx(W, R2, R5, 6).st(H, R2, 10, 0x0800).ret(3).label("drop").ret(1));
    }

    @Test void metadataCheckedAgainstData() {
        accepts(new Asm().ldx(W, R2, R1, 8).ldx(W, R3, R1, 0).movr(R4, R2).add(R4, 4).jmpr(JGT, R4, R3, "drop")
                .ldx(W, R0, R2, 0).ret(2).label("drop").ret(1));
    }

    @Test void exitValueClampedByUnsignedCheck() {
        accepts(new Asm().ldx(W, R0, R1, 12).jmp(JGT, R0, 4, "drop").exit().label("drop").ret(1));
    }

    @Test void exitValueClampedBy32BitSignedCheckAndMask() {
        accepts(new Asm().ldx(W, R0, R1, 16).alu(AND, R0, 0xff).jmp32(JSGT, R0, 4, "drop").exit().label("drop").ret(1));
        accepts(new Asm().call(HelperId.GET_PRANDOM_U32).alu(MOD, R0, 5).exit());
        accepts(new Asm().ldx(W, R0, R1, 12).alu(AND, R0, 3).exit());
    }

    @Test void exitValueNarrowedByEqualityChecks() {
        accepts(new Asm().ldx(W, R0, R1, 12).jmp(JEQ, R0, 3, "out").mov(R0, 2).label("out").exit());
    }

    @Test void mapCounterWithNullCheckAndAtomicAdd() {
        accepts(lookup(new Asm(), HASH).jmp(JEQ, R0, 0, "miss").mov(R1, 1).xadd(DW, R0, R1, 0).ret(2)
                .label("miss").st(DW, R10, -16, 1).movr(R2, R10).add(R2, -4).movr(R3, R10).add(R3, -16)
                .mov(R4, 0).ldMap(R1, HASH).call(HelperId.MAP_UPDATE_ELEM).ret(2));
    }

    @Test void nullCheckReachesCopiesOfTheResult() {
        accepts(lookup(new Asm(), ARRAY).movr(R6, R0).stx(DW, R10, R0, -16).jmp(JNE, R0, 0, "hit").ret(1)
                .label("hit").ldx(DW, R1, R6, 0).ldx(DW, R7, R10, -16).ldx(W, R1, R7, 4).ret(2));
    }

    @Test void mapValueWithBoundedIndex() {
        accepts(lookup(new Asm(), ARRAY).jmp(JEQ, R0, 0, "out").ldx(W, R6, R0, 0).alu(AND, R6, 7).addr(R0, R6)
                .ldx(B, R1, R0, 0).label("out").ret(2));
    }

    @Test void rodataIsReadable() { accepts(new Asm().ldMapValue(R1, RODATA, 8).ldx(DW, R0, R1, 0).ret(2)); }

    @Test void boundedLoopRunsToItsEnd() {
        VerifierResult r = accepts(new Asm().mov(R1, 0).mov(R2, 0).label("l").addr(R2, R1).add(R1, 1)
                .jmp(JLT, R1, 16, "l").ret(2));
        assertTrue(r.insnsProcessed() >= 48, r.log());
    }

    @Test void boundedLoopOverThePacket() {
        // for (i = 0; i < 8; i++) { if (data + i + 1 > end) break; sum += data[i]; }
        accepts(new Asm().loadPacket().mov(R5, 0).mov(R6, 0)
                .label("l").movr(R4, R2).addr(R4, R5).movr(R7, R4).add(R7, 1).jmpr(JGT, R7, R3, "done")
                .ldx(B, R8, R4, 0).addr(R6, R8).add(R5, 1).jmp(JLT, R5, 8, "l")
                .label("done").ret(2));
    }

    @Test void helpersWithTheirMaps() {
        accepts(new Asm().ldMap(R1, DEVMAP).mov(R2, 0).mov(R3, 0).call(HelperId.REDIRECT_MAP).alu(AND, R0, 3).exit());
        accepts(new Asm().ldMap(R2, PROG_ARRAY).mov(R3, 0).call(HelperId.TAIL_CALL).ret(2));
        accepts(lookup(new Asm(), DEVMAP).jmp(JEQ, R0, 0, "out").ldx(W, R1, R0, 0).label("out").ret(2));
        accepts(new Asm().mov(R1, 3).mov(R2, 0).call(HelperId.REDIRECT).alu(AND, R0, 3).exit());
    }

    @Test void helpersWithMemory() {
        Asm a = new Asm().movr(R6, R1);
        for (int off = -64; off < 0; off += 8) a.st(DW, R10, off, 0);
        accepts(a.movr(R1, R6).movr(R2, R10).add(R2, -64).mov(R3, 64).mov(R4, 0).call(HelperId.FIB_LOOKUP)
                .mov(R1, 0).mov(R2, 0).movr(R3, R10).add(R3, -8).mov(R4, 4).mov(R5, 0).call(HelperId.CSUM_DIFF)
                .movr(R1, R10).add(R1, -16).mov(R2, 8).call(HelperId.TRACE_PRINTK).ret(2));
    }

    @Test void adjustHeadThenFreshPointers() {
        accepts(new Asm().movr(R6, R1).mov(R2, -14).call(HelperId.XDP_ADJUST_HEAD).movr(R1, R6).loadPacket()
                .movr(R4, R2).add(R4, 14).jmpr(JGT, R4, R3, "drop").ldx(B, R0, R2, 13).ret(2).label("drop").ret(1));
    }

    @Test void subprogramReadsCallersStack() {
        accepts(new Asm().st(DW, R10, -8, 3).movr(R1, R10).add(R1, -8).callLocal("f").exit()
                .label("f").ldx(DW, R0, R1, 0).jmp(JGT, R0, 4, "bad").exit().label("bad").ret(0));
    }

    @Test void subprogramWithItsOwnFrameAndPacketArgument() {
        accepts(new Asm().movr(R6, R1).loadPacket().movr(R1, R2).movr(R2, R3).callLocal("f").movr(R1, R6).ldx(W, R2, R1, 0).exit()
                .label("f").st(DW, R10, -8, 0).movr(R4, R1).add(R4, 2).jmpr(JGT, R4, R2, "short")
                .ldx(H, R0, R1, 0).alu(AND, R0, 1).exit().label("short").ret(1));
    }

    @Test void diamondsPrune() {
        Asm a = new Asm().ldx(W, R6, R1, 12);
        for (int i = 0; i < 40; i++) {
            a.movr(R7, R6).alu(AND, R7, 1 << (i % 30)).jmp(JEQ, R7, 0, "z" + i).mov(R8, 1).ja("j" + i)
                    .label("z" + i).mov(R8, 2).label("j" + i);
        }
        VerifierResult r = accepts(a.ret(2));
        assertTrue(r.insnsProcessed() < 2000, r.log());
    }
}
