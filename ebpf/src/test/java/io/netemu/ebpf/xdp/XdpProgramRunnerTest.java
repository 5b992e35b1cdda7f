package io.netemu.ebpf.xdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.ebpf.asm.Assembler;
import io.netemu.ebpf.map.BpfMap;
import io.netemu.ebpf.map.DevMap;
import io.netemu.ebpf.map.MapSpec;
import io.netemu.ebpf.map.Maps;
import io.netemu.ebpf.map.MapType;
import io.netemu.ebpf.vm.LoadedProgram;
import io.netemu.ebpf.vm.ProgramTable;
import io.netemu.ebpf.vm.TestMaps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XdpProgramRunnerTest {

    /** Records what helpers ask of the world. */
    static final class Env implements XdpEnv {
        final List<String> lines = new ArrayList<>();
        @Override public long ktimeNs() { return 123_456_789L; }
        @Override public int prandomU32() { return 0xdeadbeef; }
        @Override public void trace(String line) { lines.add(line); }
        @Override public int fibLookup(byte[] params, int offset, int flags) { params[offset] = 42; return 0; }
    }

    private final Env env = new Env();

    private static LoadedProgram prog(String asm, BpfMap... maps) { return prog(asm, 1, maps); }

    private static LoadedProgram prog(String asm, int id, BpfMap... maps) {
        return new LoadedProgram("p" + id, Assembler.assemble(asm), maps, id);
    }

    private XdpResult run(LoadedProgram p, byte[] frame) {
        return new XdpProgramRunner(p, ProgramTable.NONE).run(frame, 0, frame.length, 3, 0, env);
    }

    private static byte[] bytes(XdpResult r) {
        return Arrays.copyOfRange(r.frame(), r.offset(), r.offset() + r.length());
    }

    @Test
    void dropIcmpDropsIcmpAndPassesTheRestUnchanged() {
        LoadedProgram p = prog(XdpTestPrograms.DROP_ICMP);
        XdpProgramRunner runner = new XdpProgramRunner(p, ProgramTable.NONE);
        assertEquals(XdpAction.DROP, runner.run(XdpTestPrograms.ipv4Frame(1), 0, 64, 3, 0, env).action());
        byte[] tcp = XdpTestPrograms.ipv4Frame(6);
        XdpResult r = runner.run(tcp, 0, 64, 3, 0, env);
        assertEquals(XdpAction.PASS, r.action());
        assertSame(tcp, r.frame(), "an unchanged frame is not copied");
        assertEquals(64, r.length());
        XdpResult runt = runner.run(new byte[20], 0, 20, 3, 0, env);
        assertEquals(XdpAction.PASS, runt.action(), "a frame too short for IPv4 passes (bounds checks)");
    }

    @Test
    void theCallersFrameIsReadInPlaceAndNeverWritten() {
        // reads see the caller's bytes at its offset; the first store copies the frame, then writes the copy
        String swapFirstBytes = """
                ldxw %r2, [%r1+4]
                ldxw %r1, [%r1+0]
                mov %r3, %r1
                add %r3, 14
                jgt %r3, %r2, out
                ldxb %r4, [%r1+0]
                ldxb %r5, [%r1+13]
                stxb [%r1+0], %r5
                stxb [%r1+13], %r4
                ldxb %r6, [%r1+0]
                stxb [%r1+1], %r6
                out:
                mov %r0, 3
                exit
                """;
        XdpProgramRunner runner = new XdpProgramRunner(prog(swapFirstBytes), ProgramTable.NONE);
        byte[] caller = new byte[80];
        for (int i = 0; i < caller.length; i++) caller[i] = (byte) i;
        byte[] before = caller.clone();
        int action = runner.runFrame(caller, 10, 64, 3, 0, env);
        assertEquals(XdpAction.TX.ordinal(), action);
        assertArrayEquals(before, caller, "the program's writes went to the runner's copy");
        assertNotSame(caller, runner.frameArray());
        byte[] out = Arrays.copyOfRange(runner.frameArray(), runner.frameOffset(), runner.frameOffset() + runner.frameLength());
        byte[] want = Arrays.copyOfRange(before, 10, 74);
        want[0] = 23;
        want[13] = 10;
        want[1] = 23;
        assertArrayEquals(want, out);
        // an adjust copies too; a run that only reads leaves the caller's frame as the result
        assertEquals(XdpAction.PASS.ordinal(), new XdpProgramRunner(prog(XdpTestPrograms.DROP_ICMP), ProgramTable.NONE)
                .runFrame(caller, 10, 64, 3, 0, env));
        XdpProgramRunner head = new XdpProgramRunner(prog("mov %r2, 4\ncall 44\nmov %r0, 2\nexit"), ProgramTable.NONE);
        assertEquals(XdpAction.PASS.ordinal(), head.runFrame(caller, 10, 64, 3, 0, env));
        assertEquals(60, head.frameLength());
        assertEquals(before[14], head.frameArray()[head.frameOffset()]);
        assertArrayEquals(before, caller);
    }

    @Test
    void contextCarriesIngressIfindexAndQueue() {
        LoadedProgram p = prog("ldxw %r0, [%r1+12]\nldxw %r2, [%r1+16]\nadd %r0, %r2\nexit");
        XdpResult r = new XdpProgramRunner(p, ProgramTable.NONE).run(new byte[64], 0, 64, 1, 1, env);
        assertEquals(XdpAction.PASS, r.action()); // 1 + 1
    }

    @Test
    void redirectSetsTheTarget() {
        XdpResult r = run(prog("mov %r1, 7\nmov %r2, 0\ncall 23\nexit"), new byte[64]);
        assertEquals(XdpAction.REDIRECT, r.action());
        assertEquals(7, r.redirectIfindex());
        XdpResult bad = run(prog("mov %r1, 7\nmov %r2, 1\ncall 23\nexit"), new byte[64]);
        assertEquals(XdpAction.ABORTED, bad.action(), "bpf_redirect with flags returns XDP_ABORTED");
        XdpResult none = run(prog("mov %r0, 4\nexit"), new byte[64]);
        assertEquals(XdpAction.ABORTED, none.action());
        assertTrue(none.trace().contains("without a redirect target"), none.trace());
    }

    @Test
    void redirectMapUsesTheDevmapValueOrTheFlagsAction() {
        DevMap devmap = (DevMap) Maps.create(new MapSpec("tx_ports", MapType.DEVMAP, 4, 8, 8, 0));
        assertEquals(0, devmap.updateFor("r2", new byte[] {1, 0, 0, 0}, 0, new byte[] {9, 0, 0, 0, 0, 0, 0, 0}, 0, BpfMap.ANY));
        String asm = "lddw %r1, map:0\nmov %r2, KEY\nmov %r3, 2\ncall 51\nexit";
        XdpResult hit = run(prog(asm.replace("KEY", "1"), devmap), new byte[64]);
        assertEquals(XdpAction.REDIRECT, hit.action());
        assertEquals(9, hit.redirectIfindex());
        assertEquals("r2", hit.redirectNetns(), "the ifindex is the namespace's that wrote the entry");
        XdpResult miss = run(prog(asm.replace("KEY", "5"), devmap), new byte[64]);
        assertEquals(XdpAction.PASS, miss.action(), "a missing key gives the low bits of flags");
        assertEquals(0, miss.redirectIfindex());
    }

    @Test
    void adjustHeadMovesDataWithinHeadroomOnly() {
        // push 4 bytes, write a marker in front of the old frame, pass
        String push = """
                mov %r6, %r1
                mov %r2, -4
                call 44
                jne %r0, 0, fail
                ldxw %r2, [%r6+4]
                ldxw %r1, [%r6+0]
                mov %r3, %r1
                add %r3, 4
                jgt %r3, %r2, fail
                stw [%r1+0], 0x04030201
                mov %r0, 2
                exit
                fail:
                mov %r0, 1
                exit
                """;
        byte[] frame = XdpTestPrograms.ipv4Frame(6);
        XdpResult r = run(prog(push), frame);
        assertEquals(XdpAction.PASS, r.action());
        assertEquals(68, r.length());
        byte[] out = bytes(r);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Arrays.copyOf(out, 4));
        assertArrayEquals(frame, Arrays.copyOfRange(out, 4, 68));

        assertEquals(-22, r0Of("mov %r2, -217\ncall 44\nexit"), "256 - 40 (xdp_frame) = 216 bytes of headroom");
        assertEquals(0, r0Of("mov %r2, -216\ncall 44\nexit"));
        assertEquals(-22, r0Of("mov %r2, 51\ncall 44\nexit"), "at least ETH_HLEN must remain");
        assertEquals(0, r0Of("mov %r2, 50\ncall 44\nexit"));
    }

    @Test
    void adjustTailGrowsWithZerosAndShrinksToEthHlen() {
        String grow = """
                mov %r2, 4
                call 65
                mov %r0, 2
                exit
                """;
        byte[] frame = XdpTestPrograms.ipv4Frame(6);
        Arrays.fill(frame, 60, 64, (byte) 0x77);
        XdpResult r = run(prog(grow), frame);
        assertEquals(68, r.length());
        assertArrayEquals(new byte[4], Arrays.copyOfRange(bytes(r), 64, 68));
        assertEquals(-22, r0Of("mov %r2, -51\ncall 65\nexit"));
        assertEquals(0, r0Of("mov %r2, -50\ncall 65\nexit"));
        // 4096 - 320 (skb_shared_info) - 256 (headroom) - 64 = 3456 bytes of tailroom
        assertEquals(0, r0Of("mov %r2, 3456\ncall 65\nexit"));
        assertEquals(-22, r0Of("mov %r2, 3457\ncall 65\nexit"));
    }

    @Test
    void adjustMetaKeepsMetadataAlignedAndSmall() {
        assertEquals(0, r0Of("mov %r2, -8\ncall 54\nexit"));
        assertEquals(-13, r0Of("mov %r2, -6\ncall 54\nexit"));
        assertEquals(-13, r0Of("mov %r2, -36\ncall 54\nexit"));
        assertEquals(-22, r0Of("mov %r2, 4\ncall 54\nexit"), "meta cannot pass data");
        // the program can write the metadata it made room for
        String write = """
                mov %r6, %r1
                mov %r2, -4
                call 54
                ldxw %r2, [%r6+0]
                ldxw %r1, [%r6+8]
                mov %r3, %r1
                add %r3, 4
                jgt %r3, %r2, fail
                stw [%r1+0], 7
                ldxw %r0, [%r1+0]
                exit
                fail:
                mov %r0, 0
                exit
                """;
        assertEquals(7, r0Of(write));
    }

    /** r0 of a program that ends by returning a helper's result, as an XDP "action" cannot hold it. */
    private long r0Of(String asm) { return r0Of(asm, XdpTestPrograms.ipv4Frame(6)); }

    private long r0Of(String asm, byte[] frame) {
        // park the value in a map, since an XDP run only reports actions
        TestMaps.Array out = new TestMaps.Array("out", 8, 1);
        String wrapped = asm.replace("exit", "ja save") + "\nsave:\nlddw %r1, mapval:0:0\nstxdw [%r1+0], %r0\nmov %r0, 2\nexit\n";
        XdpResult r = run(prog(wrapped, out), frame);
        assertEquals(XdpAction.PASS, r.action(), () -> String.valueOf(r.trace()));
        return java.nio.ByteBuffer.wrap(out.store).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    @Test
    void aTrapAbortsWithTheReason() {
        XdpResult r = run(prog("ldxw %r1, [%r1+0]\nldxb %r0, [%r1+64]\nexit"), new byte[64]);
        assertEquals(XdpAction.ABORTED, r.action());
        assertTrue(r.trace().contains("insn 1") && r.trace().contains("outside the packet bounds"), r.trace());
        XdpResult ctxWrite = run(prog("stw [%r1+0], 0\nmov %r0, 2\nexit"), new byte[64]);
        assertEquals(XdpAction.ABORTED, ctxWrite.action());
        assertTrue(ctxWrite.trace().contains("context is read-only"), ctxWrite.trace());
    }

    @Test
    void anInvalidActionIsAborted() {
        XdpResult r = run(prog("mov %r0, 7\nexit"), new byte[64]);
        assertEquals(XdpAction.ABORTED, r.action());
        assertTrue(r.trace().contains("invalid XDP action 7"), r.trace());
        // bpf_prog_run_xdp returns u32: the upper half of r0 does not count
        assertEquals(XdpAction.DROP, run(prog("lddw %r0, 0x100000001\nexit"), new byte[64]).action());
    }

    /** Lines storing {@code s} and a NUL at [r10-at ...]. */
    private static String stackString(String s, int at) {
        StringBuilder b = new StringBuilder();
        byte[] bs = (s + "\0").getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bs.length; i++) b.append("stb [%r10-").append(at - i).append("], ").append(bs[i] & 0xff).append('\n');
        return b.toString();
    }

    @Test
    void tracePrintkFormatsLikeTheKernel() {
        String fmt = "d=%d u=%u x=%x ll=%lld lx=%llx s=%s c=%c w=%5d|%-3u|%03x %%\n";
        String asm = stackString(fmt, 200) + stackString("hey", 16) + """
                mov %r1, %r10
                add %r1, -200
                mov %r2, FMTLEN
                mov %r3, -5
                mov %r4, -5
                mov %r5, 255
                call 6
                mov %r6, %r0
                """.replace("FMTLEN", String.valueOf(fmt.length() + 1))
                + "mov %r0, 2\nexit\n";
        // the remaining arguments past three make the kernel refuse: keep this one to three args
        run(prog(asm), new byte[64]);
        assertEquals(List.of(), env.lines, "more than three conversions: -EINVAL, nothing printed");

        String three = "d=%d u=%u x=%x %%\n";
        run(prog(stackString(three, 64) + "mov %r1, %r10\nadd %r1, -64\nmov %r2, " + (three.length() + 1)
                + "\nmov %r3, -5\nmov %r4, -5\nmov %r5, 255\ncall 6\nmov %r0, 2\nexit"), new byte[64]);
        assertEquals(List.of("d=-5 u=4294967291 x=ff %"), env.lines);

        env.lines.clear();
        String more = "ll=%lld s=%s c=%c|%5d|%-3u|%03x";
        run(prog(stackString(more, 64) + stackString("hey", 16) + "lddw %r3, -5\nmov %r4, %r10\nadd %r4, -16\nmov %r5, 65\n"
                + "mov %r1, %r10\nadd %r1, -64\nmov %r2, " + (more.length() + 1) + "\ncall 6\nmov %r0, 2\nexit"), new byte[64]);
        // %5d etc. have no arguments left: refused
        assertEquals(List.of(), env.lines);

        String ok = "ll=%lld s=%s c=%c";
        run(prog(stackString(ok, 64) + stackString("hey", 16) + "lddw %r3, -5\nmov %r4, %r10\nadd %r4, -16\nmov %r5, 65\n"
                + "mov %r1, %r10\nadd %r1, -64\nmov %r2, " + (ok.length() + 1) + "\ncall 6\nmov %r0, 2\nexit"), new byte[64]);
        assertEquals(List.of("ll=-5 s=hey c=A"), env.lines);
    }

    @Test
    void tracePrintkWidthsAndFlags() {
        long[] args = {42, 7, 0xab};
        byte[] fmt = "[%5d|%-3u|%03x]\0".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("[   42|7  |0ab]", TracePrintk.format(fmt, 0, fmt.length, args, null));
        byte[] bad = "%q\0".getBytes(StandardCharsets.ISO_8859_1);
        assertNull(TracePrintk.format(bad, 0, bad.length, args, null));
        byte[] lx = "%lx %llu %i\0".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("ffffffffffffffff 18446744073709551615 -1", TracePrintk.format(lx, 0, lx.length, new long[] {-1, -1, -1}, null));
        byte[] x = "%X %c%c\0".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("FFFFFFFF ok", TracePrintk.format(x, 0, x.length, new long[] {-1, 'o', 'k'}, null));
        byte[] four = "%d%d%d%d\0".getBytes(StandardCharsets.ISO_8859_1);
        assertNull(TracePrintk.format(four, 0, four.length, args, null), "at most three arguments");
    }

    @Test
    void csumDiffMatchesAHandComputedChecksum() {
        // the IPv4 header of RFC 1071 fame: 4500 0073 0000 4000 4011 [b861] c0a8 0001 c0a8 00c7
        byte[] frame = new byte[64];
        frame[12] = 0x08;
        byte[] ip = HexFormatHolder.hex("450000730000400040110000c0a80001c0a800c7");
        System.arraycopy(ip, 0, frame, 14, 20);
        String asm = """
                ldxw %r2, [%r1+4]
                ldxw %r3, [%r1+0]
                mov %r4, %r3
                add %r4, 34
                jgt %r4, %r2, fail
                add %r3, 14
                mov %r1, 0
                mov %r2, 0
                mov %r4, 20
                mov %r5, 0
                call 28
                exit
                fail:
                mov %r0, -1
                exit
                """;
        long sum = r0Of(asm, frame);
        // folded and complemented, read as the little-endian u16 the header stores: b8 61
        assertEquals(0x61b8, CsumDiff.fold(sum));
        // a size that is not a multiple of 4 is refused
        assertEquals(-22, r0Of("mov %r1, 0\nmov %r2, 0\nmov %r3, %r10\nadd %r3, -8\nmov %r4, 3\nmov %r5, 0\ncall 28\nexit"));
        // from and to cancel: the seed comes back
        assertEquals(0x1234, r0Of("stdw [%r10-8], 0x5555\nmov %r1, %r10\nadd %r1, -8\nmov %r2, 8\nmov %r3, %r1\nmov %r4, 8\n"
                + "mov %r5, 0x1234\ncall 28\nexit") % 0xffffffffL);
    }

    static final class HexFormatHolder {
        static byte[] hex(String s) { return java.util.HexFormat.of().parseHex(s); }
    }

    @Test
    void tailCallsContinueInTheSlotsProgramAndStopAfter33() {
        TestMaps.Hash jmp = new TestMaps.Hash(MapType.PROG_ARRAY, "jmp", 4, 4, 4);
        Map<Integer, LoadedProgram> programs = new HashMap<>();
        LoadedProgram passer = prog("mov %r0, 2\nexit", 20);
        programs.put(20, passer);
        LoadedProgram caller = prog("lddw %r2, map:0\nmov %r3, 0\ncall 12\nmov %r0, 1\nexit", 10, jmp);
        programs.put(10, caller);
        XdpProgramRunner runner = new XdpProgramRunner(caller, programs::get);
        assertEquals(XdpAction.DROP, runner.run(new byte[64], 0, 64, 1, 0, env).action(), "empty slot: falls through");
        jmp.putU32(0, 20);
        assertEquals(XdpAction.PASS, runner.run(new byte[64], 0, 64, 1, 0, env).action(), "tail call into slot 0");

        // a program that tail-calls itself: 1 run + 33 tail calls, each counting in a map
        TestMaps.Array count = new TestMaps.Array("count", 8, 1);
        TestMaps.Hash self = new TestMaps.Hash(MapType.PROG_ARRAY, "self", 4, 4, 1).putU32(0, 30);
        LoadedProgram loop = prog("""
                lddw %r2, mapval:1:0
                mov %r3, 1
                lock add [%r2+0], %r3
                lddw %r2, map:0
                mov %r3, 0
                call 12
                mov %r0, 1
                exit
                """, 30, self, count);
        programs.put(30, loop);
        XdpResult r = new XdpProgramRunner(loop, programs::get).run(new byte[64], 0, 64, 1, 0, env);
        assertEquals(XdpAction.DROP, r.action());
        assertEquals(34, count.store[0]);
    }

    @Test
    void environmentHelpers() {
        assertEquals(123_456_789L, r0Of("call 5\nexit"));
        assertEquals(0xdeadbeefL, r0Of("call 7\nexit"));
        assertEquals(0, r0Of("call 8\nexit"));
        assertEquals(42, r0Of("mov %r2, %r10\nadd %r2, -64\nmov %r3, 64\nmov %r4, 0\ncall 69\nldxb %r0, [%r10-64]\nexit"));
    }
}
