package io.netemu.ebpf.verifier;

import static io.netemu.ebpf.isa.Opcodes.*;
import static io.netemu.ebpf.verifier.Asm.*;
import static io.netemu.ebpf.verifier.TestMaps.*;
import static org.junit.jupiter.api.Assertions.*;

import io.netemu.ebpf.isa.HelperId;
import io.netemu.ebpf.isa.Insn;
import org.junit.jupiter.api.Test;

/** The unsafe-program corpus: each program breaks one rule and the log says which. */
class VerifierRejectTest {

    static VerifierException rejects(Asm a, String phrase) {
        return rejects(a.build(), phrase);
    }

    static VerifierException rejects(long[] prog, String phrase) {
        VerifierException e = assertThrows(VerifierException.class, () -> Verifier.verify(prog, MAPS, ProgramType.XDP));
        assertTrue(e.log().contains(phrase), () -> "expected \"" + phrase + "\" in log:\n" + e.log());
        assertFalse(e.reason().isBlank());
        return e;
    }

    // 1. uninitialised registers and stack

    @Test void readOfUninitialisedRegister() {
        VerifierException e = rejects(new Asm().movr(R0, R5).exit(), "R5 !read_ok");
        assertTrue(e.log().startsWith("0: (bf) r0 = r5\n"), e.log());
        assertEquals("R5 !read_ok", e.reason());
    }

    @Test void exitWithoutR0() { rejects(new Asm().exit(), "R0 !read_ok"); }

    @Test void exitWithR0SetOnOnlyOnePath() {
        rejects(new Asm().ldx(W, R2, R1, 12).jmp(JEQ, R2, 1, "out").mov(R0, 2).label("out").exit(), "R0 !read_ok");
    }

    @Test void uninitialisedStackRead() {
        rejects(new Asm().ldx(DW, R0, R10, -8).ret(2), "invalid read from stack off -8+0 size 8");
    }

    @Test void partlyInitialisedStackRead() {
        rejects(new Asm().st(W, R10, -8, 0).ldx(DW, R0, R10, -8).ret(2), "invalid read from stack off -8+4 size 8");
    }

    // 2. packet access

    @Test void packetReadWithoutBoundsCheck() {
        VerifierException e = rejects(new Asm().loadPacket().ldx(H, R0, R2, 12).ret(2),
                "invalid access to packet, off=12 size=2, R2(id=0,off=12,r=0)");
        assertEquals("R2 offset is outside of the packet", e.reason());
    }

    @Test void packetReadPastCheckedRange() {
        rejects(new Asm().loadPacket().movr(R4, R2).add(R4, 10).jmpr(JGT, R4, R3, "drop")
                .ldx(H, R0, R2, 12).ret(2).label("drop").ret(1), "invalid access to packet, off=12 size=2, R2(id=0,off=12,r=10)");
    }

    @Test void packetReadOnTheFailingSideOfTheCheck() {
        rejects(new Asm().loadPacket().movr(R4, R2).add(R4, 14).jmpr(JGT, R4, R3, "bad")
                .ret(2).label("bad").ldx(B, R0, R2, 0).ret(1), "invalid access to packet, off=0 size=1");
    }

    @Test void packetReadWithUnboundedVariableOffset() {
        rejects(new Asm().loadPacket().ldx(W, R5, R1, 12).addr(R2, R5).movr(R4, R2).add(R4, 1)
                .jmpr(JGT, R4, R3, "drop").ldx(B, R0, R2, 0).ret(2).label("drop").ret(1), "invalid access to packet");
    }

    @Test void packetWriteBeforeData() {
        rejects(new Asm().loadPacket().movr(R4, R2).add(R4, 4).jmpr(JGT, R4, R3, "drop")
                .st(B, R2, -1, 0).label("drop").ret(1), "invalid access to packet, off=-1 size=1");
    }

    @Test void packetEndIsNotReadable() { rejects(new Asm().loadPacket().ldx(B, R0, R3, 0).ret(2), "R3 invalid mem access 'pkt_end'"); }

    @Test void scalarIsNotAPointer() { rejects(new Asm().mov(R1, 5).ldx(W, R0, R1, 0).ret(2), "R1 invalid mem access 'scalar'"); }

    // 3. map values

    @Test void mapValueMaybeNull() {
        rejects(lookup(new Asm(), HASH).ldx(DW, R1, R0, 0).ret(2), "R0 invalid mem access 'map_value_or_null'");
    }

    @Test void mapValueNullCheckedOnTheWrongSide() {
        rejects(lookup(new Asm(), HASH).jmp(JNE, R0, 0, "out").ldx(DW, R1, R0, 0).label("out").ret(2), "R0 invalid mem access 'scalar'");
    }

    @Test void mapValuePastValueSize() {
        rejects(lookup(new Asm(), ARRAY).jmp(JEQ, R0, 0, "out").ldx(DW, R1, R0, 4).label("out").ret(2),
                "invalid access to map value, value_size=8 off=4 size=8");
    }

    @Test void mapValueBeforeStart() {
        rejects(lookup(new Asm(), ARRAY).jmp(JEQ, R0, 0, "out").st(W, R0, -4, 1).label("out").ret(2),
                "invalid access to map value, value_size=8 off=-4 size=4");
    }

    @Test void mapValueUnboundedIndex() {
        rejects(lookup(new Asm(), ARRAY).jmp(JEQ, R0, 0, "out").ldx(W, R6, R0, 0).addr(R0, R6).ldx(B, R1, R0, 0)
                .label("out").ret(2), "R0 unbounded memory access");
    }

    @Test void mapValueIndexMaskedTooLoosely() {
        rejects(lookup(new Asm(), ARRAY).jmp(JEQ, R0, 0, "out").ldx(W, R6, R0, 0).alu(AND, R6, 15).addr(R0, R6).ldx(B, R1, R0, 0)
                .label("out").ret(2), "R0 max value is outside of the allowed memory range");
    }

    @Test void arithmeticOnMaybeNullMapValue() {
        rejects(lookup(new Asm(), ARRAY).add(R0, 4).ret(2), "R0 pointer arithmetic on map_value_or_null prohibited");
    }

    // 4. control flow

    @Test void jumpPastTheEnd() { rejects(new Asm().mov(R0, 2).ja(8).exit(), "jump out of range from insn 1 to 10"); }

    @Test void jumpBeforeTheStart() { rejects(new Asm().ja(-5).ret(2), "jump out of range from insn 0 to -4"); }

    @Test void jumpIntoLdImm64() {
        rejects(new Asm().mov(R0, 2).ja(1).ld64(R1, 0x1234_5678_9abcL).exit(), "jump into the middle of ldimm64 insn 2");
    }

    @Test void fallingOffTheEnd() { rejects(new Asm().mov(R0, 2), "last insn is not an exit or jmp"); }

    @Test void unreachableCode() { rejects(new Asm().ret(2).ret(1), "unreachable insn 2"); }

    // 5. loops

    @Test void loopThatGoesRoundUnchanged() {
        rejects(new Asm().mov(R0, 2).ldx(W, R1, R1, 12).label("l").jmp(JEQ, R1, 5, "out").ja("l").label("out").exit(),
                "infinite loop detected at insn 2");
    }

    @Test void loopOnAConditionTheBodyNeverChanges() {
        rejects(new Asm().mov(R0, 2).ldx(W, R1, R1, 12).label("l").mov(R2, 1).jmp(JNE, R1, 0, "l").exit(),
                "infinite loop detected at insn 2");
    }

    // 6. helpers

    @Test void unknownHelper() { rejects(new Asm().call(999).ret(2), "invalid func unknown#999"); }

    @Test void lookupWithScalarForMap() {
        rejects(new Asm().mov(R1, 0).movr(R2, R10).add(R2, -4).call(HelperId.MAP_LOOKUP_ELEM).ret(2), "R1 type=scalar expected=map_ptr");
    }

    @Test void lookupWithUninitialisedKey() {
        rejects(new Asm().movr(R2, R10).add(R2, -4).ldMap(R1, HASH).call(HelperId.MAP_LOOKUP_ELEM).ret(2),
                "invalid indirect read from stack R2 off -4+0 size 4");
    }

    @Test void lookupWithScalarKey() {
        rejects(new Asm().mov(R2, 0).ldMap(R1, HASH).call(HelperId.MAP_LOOKUP_ELEM).ret(2),
                "R2 type=scalar expected=fp, pkt, pkt_meta, map_value");
    }

    @Test void lookupKeyShorterThanKeySize() {
        rejects(new Asm().st(W, R10, -4, 0).movr(R2, R10).add(R2, -4).ldMap(R1, LPM).call(HelperId.MAP_LOOKUP_ELEM).ret(2),
                "invalid indirect access to stack R2 off=-4 size=8");
    }

    @Test void redirectMapOnAHashMap() {
        rejects(new Asm().ldMap(R1, HASH).mov(R2, 0).mov(R3, 0).call(HelperId.REDIRECT_MAP).exit(),
                "cannot pass map_type 1 into func bpf_redirect_map#51");
    }

    @Test void tailCallOnAnArray() {
        rejects(new Asm().ldMap(R2, ARRAY).mov(R3, 0).call(HelperId.TAIL_CALL).ret(2), "cannot pass map_type 2 into func bpf_tail_call#12");
    }

    @Test void lookupInAProgArray() { rejects(lookup(new Asm(), PROG_ARRAY).ret(2), "cannot pass map_type 3 into func bpf_map_lookup_elem#1"); }

    @Test void updateOfADevmap() {
        rejects(new Asm().st(W, R10, -4, 0).st(W, R10, -8, 0).movr(R2, R10).add(R2, -4).movr(R3, R10).add(R3, -8)
                .mov(R4, 0).ldMap(R1, DEVMAP).call(HelperId.MAP_UPDATE_ELEM).ret(2), "cannot pass map_type 14 into func bpf_map_update_elem#2");
    }

    @Test void tailCallWithoutContext() {
        rejects(new Asm().movr(R1, R10).ldMap(R2, PROG_ARRAY).mov(R3, 0).call(HelperId.TAIL_CALL).ret(2), "R1 type=fp expected=ctx");
    }

    @Test void helperClobbersArgumentRegisters() {
        rejects(new Asm().mov(R1, 1).call(HelperId.KTIME_GET_NS).movr(R0, R1).ret(2), "R1 !read_ok");
    }

    @Test void printkOfZeroBytes() {
        rejects(new Asm().st(DW, R10, -8, 0).movr(R1, R10).add(R1, -8).mov(R2, 0).call(HelperId.TRACE_PRINTK).ret(2),
                "R2 invalid zero-sized read");
    }

    @Test void printkPastTheFormat() {
        rejects(new Asm().st(DW, R10, -8, 0).movr(R1, R10).add(R1, -8).mov(R2, 16).call(HelperId.TRACE_PRINTK).ret(2),
                "invalid indirect access to stack R1 off=-8 size=16");
    }

    @Test void adjustHeadInvalidatesPacketPointers() {
        rejects(new Asm().movr(R6, R1).loadPacket().movr(R7, R2).movr(R4, R2).add(R4, 14).jmpr(JGT, R4, R3, "drop")
                .movr(R1, R6).mov(R2, 4).call(HelperId.XDP_ADJUST_HEAD).ldx(B, R0, R7, 0).ret(2)
                .label("drop").ret(1), "R7 invalid mem access 'scalar'");
    }

    @Test void fibLookupParamsOutsideStack() {
        rejects(new Asm().movr(R2, R10).add(R2, -64).mov(R3, 64).mov(R4, 0).call(HelperId.FIB_LOOKUP).ret(2),
                "invalid indirect read from stack R2 off -64+0 size 64");
    }

    // 7. complexity

    @Test void tooManyInstructions() {
        rejects(new Asm().mov(R1, 0).label("l").add(R1, 1).jmp(JNE, R1, 0, "l").ret(2), "BPF program is too large. Processed 1000001 insn");
    }

    // 8. exit value

    @Test void exitValueNotAnAction() {
        VerifierException e = rejects(new Asm().ret(7), "At program exit the register R0 has value (0x7; 0x0) should have been in [0, 4]");
        assertEquals("At program exit the register R0 has value (0x7; 0x0) should have been in [0, 4]", e.reason());
    }

    @Test void exitValueAnyU32() {
        rejects(new Asm().ldx(W, R0, R1, 12).exit(), "At program exit the register R0 has value (0x0; 0xffffffff) should have been in [0, 4]");
    }

    @Test void exitValueUnknown() {
        rejects(new Asm().call(HelperId.KTIME_GET_NS).exit(), "At program exit the register R0 has unknown scalar value");
    }

    @Test void exitValueClampedTooLoosely() {
        rejects(new Asm().ldx(W, R0, R1, 12).jmp(JGT, R0, 5, "drop").exit().label("drop").ret(1), "should have been in [0, 4]");
    }

    @Test void exitValueIsAPointer() { rejects(new Asm().movr(R0, R10).exit(), "R0 leaks addr as return value"); }

    // also: frame pointer, pointer arithmetic and comparisons, ctx, rodata, stack bounds

    @Test void writeToFramePointer() { rejects(new Asm().mov(R10, 0).ret(2), "frame pointer is read only"); }

    @Test void pointerPlusPointer() { rejects(new Asm().loadPacket().addr(R2, R3).ret(2), "R2 pointer += pointer prohibited"); }

    @Test void pointerTimesScalar() { rejects(new Asm().loadPacket().alu(MUL, R2, 2).ret(2), "R2 pointer arithmetic with *= operator prohibited"); }

    @Test void pointerMasked() { rejects(new Asm().movr(R2, R10).alu(AND, R2, -8).ret(2), "R2 bitwise operator &= on pointer prohibited"); }

    @Test void scalarMinusPointer() { rejects(new Asm().mov(R2, 100).alur(SUB, R2, R10).ret(2), "R2 tried to subtract pointer from scalar"); }

    @Test void pointer32BitArithmetic() { rejects(new Asm().movr(R2, R10).insn(ALU | ADD | K, R2, 0, 0, 4).ret(2), "R2 32-bit pointer arithmetic prohibited"); }

    @Test void comparingPacketWithStack() {
        rejects(new Asm().loadPacket().jmpr(JGT, R2, R10, "x").label("x").ret(2), "R2 pointer comparison prohibited");
    }

    @Test void comparingPointerWithNonZero() {
        rejects(new Asm().loadPacket().jmp(JGT, R2, 100, "x").label("x").ret(2), "R2 pointer comparison prohibited");
    }

    @Test void writeIntoContext() { rejects(new Asm().mov(R0, 2).stx(W, R1, R0, 0).exit(), "invalid bpf_context access off=0 size=4"); }

    @Test void contextReadOfWrongSize() { rejects(new Asm().ldx(DW, R0, R1, 0).ret(2), "invalid bpf_context access off=0 size=8"); }

    @Test void contextReadPastTheEnd() { rejects(new Asm().ldx(W, R0, R1, 24).ret(2), "invalid bpf_context access off=24 size=4"); }

    @Test void contextReadThroughModifiedPointer() {
        rejects(new Asm().add(R1, 4).ldx(W, R0, R1, 0).ret(2), "dereference of modified ctx ptr R1 off=4 disallowed");
    }

    @Test void writeIntoRodata() { rejects(new Asm().ldMapValue(R1, RODATA, 0).st(W, R1, 0, 1).ret(2), "write into map forbidden"); }

    @Test void writeIntoDevmapValue() {
        rejects(lookup(new Asm(), DEVMAP).jmp(JEQ, R0, 0, "out").st(W, R0, 0, 1).label("out").ret(2), "write into map forbidden");
    }

    @Test void stackBelowTheFrame() { rejects(new Asm().st(DW, R10, -520, 0).ret(2), "invalid write to stack R10 off=-520 size=8"); }

    @Test void stackAboveTheFrame() { rejects(new Asm().movr(R2, R10).ldx(DW, R0, R2, 0).ret(2), "invalid read from stack R2 off=0 size=8"); }

    @Test void partialFillOfSpilledPointer() {
        rejects(new Asm().stx(DW, R10, R1, -8).ldx(W, R0, R10, -8).ret(2), "invalid size of register fill");
    }

    @Test void atomicOnPacket() {
        rejects(new Asm().loadPacket().movr(R4, R2).add(R4, 8).jmpr(JGT, R4, R3, "drop").mov(R5, 1).xadd(DW, R2, R5, 0)
                .label("drop").ret(1), "BPF_ATOMIC stores into R2 pkt is not allowed");
    }

    // bpf-to-bpf calls

    @Test void calleeReadsCallerSavedRegister() {
        rejects(new Asm().mov(R6, 1).callLocal("f").ret(2).label("f").movr(R0, R6).exit(), "R6 !read_ok");
    }

    @Test void calleeExitsWithoutR0() { rejects(new Asm().callLocal("f").ret(2).label("f").exit(), "R0 !read_ok"); }

    @Test void calleeBadPacketAccess() {
        rejects(new Asm().callLocal("f").ret(2).label("f").loadPacket().ldx(B, R0, R2, 0).exit(), "invalid access to packet");
    }

    @Test void calleeReturnsItsStack() {
        rejects(new Asm().callLocal("f").ret(2).label("f").movr(R0, R10).exit(), "cannot return stack pointer to the caller frame");
    }

    @Test void callerRegistersClobberedByCall() {
        rejects(new Asm().mov(R3, 1).callLocal("f").movr(R0, R3).exit().label("f").ret(0), "R3 !read_ok");
    }

    @Test void recursionRunsOutOfFrames() {
        rejects(new Asm().callLocal("f").ret(2).label("f").callLocal("f").exit(), "frames is too deep");
    }

    @Test void combinedStackTooLarge() {
        rejects(new Asm().st(DW, R10, -512, 0).callLocal("f").ret(2).label("f").st(DW, R10, -8, 0).ret(0),
                "combined stack size of 2 calls is 544. Too large");
    }

    // instruction encoding

    @Test void unknownOpcode() { rejects(new Asm().insn(0xff, 0, 0, 0, 0).ret(2), "unknown opcode ff"); }

    @Test void ldAbsNotForXdp() { rejects(new Asm().insn(LD | ABS | W, 0, 0, 0, 12).ret(2), "BPF_LD_[ABS|IND] instructions not allowed"); }

    @Test void movWithSourceRegisterSet() { rejects(new Asm().insn(ALU64 | MOV | K, R0, R1, 0, 2).exit(), "BPF_MOV uses reserved fields"); }

    @Test void aluWithOffsetSet() { rejects(new Asm().mov(R0, 1).insn(ALU64 | ADD | K, R0, 0, 3, 1).exit(), "BPF_ALU uses reserved fields"); }

    @Test void exitWithImmediateSet() { rejects(new Asm().mov(R0, 2).insn(EXIT_INSN, 0, 0, 0, 1), "BPF_EXIT uses reserved fields"); }

    @Test void registerElevenDoesNotExist() { rejects(new Asm().mov(11, 2).ret(2), "R11 is invalid"); }

    @Test void divisionByConstantZero() { rejects(new Asm().mov(R0, 2).alu(DIV, R0, 0).exit(), "div by zero"); }

    @Test void mapIndexOutOfRange() { rejects(new Asm().ldMap(R1, 9).ret(2), "fd 9 is not pointing to valid bpf_map"); }

    @Test void badSecondSlotOfLdImm64() {
        long[] p = new Asm().ld64(R1, 5).ret(2).build();
        p[1] = Insn.encode(0, 1, 0, 0, 0);
        rejects(p, "invalid bpf_ld_imm64 insn");
    }
}
