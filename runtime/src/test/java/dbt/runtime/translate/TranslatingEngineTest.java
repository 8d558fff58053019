package dbt.runtime.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.frontend.HostSyscall;
import dbt.frontend.ShippedIsa;
import dbt.ir.GuestFault;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.interp.Execution;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The engine on programs that reach corners the random equivalence cases rarely do. */
class TranslatingEngineTest {
    private static final long CODE = 0x10000;
    private static final long DATA = 0x40000;
    private static final int ADDI_A0_A0_1 = 0x00150513;
    private static final int BNE_A0_ZERO_PLUS_4 = 0x00051263;
    private static final int EBREAK = 0x00100073;

    @Test
    void moreRunOnceBlocksThanTheColdCacheHolds() {
        int blocks = 20_000; // more than Translator.COLD_BLOCKS
        int[] code = new int[2 * blocks + 1];
        for (int k = 0; k < blocks; k++) {
            code[2 * k] = ADDI_A0_A0_1;
            code[2 * k + 1] = BNE_A0_ZERO_PLUS_4; // a block each: the condition is not known when lifting
        }
        code[2 * blocks] = EBREAK;
        Guest g = new Guest(code, TranslationOptions.all().withTranslateAfter(16).withOutput(Set.of(), true));
        GuestState state = g.state;
        TranslatingEngine engine = g.engine;
        state.setPc(CODE);

        assertEquals(Execution.Exit.BREAKPOINT, engine.run());
        assertEquals(blocks, state.register(0, 10), "a0 counts every block run");
        assertEquals(CODE + 8L * blocks, state.pc());
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        engine.printStats(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String stats = buffer.toString(StandardCharsets.UTF_8);
        Matcher waiting = Pattern.compile("([0-9,]+) blocks never translated").matcher(stats);
        assertTrue(waiting.find(), stats);
        int left = Integer.parseInt(waiting.group(1).replace(",", ""));
        assertTrue(left < blocks, "the blocks waiting for translation are bounded, not all " + blocks + ": " + left);
    }

    @Test
    void perfMapNamesTranslatedCodeByGuestAddress() throws java.io.IOException {
        java.nio.file.Path map = java.nio.file.Path.of("/tmp/perf-" + ProcessHandle.current().pid() + ".map");
        long before = java.nio.file.Files.exists(map) ? java.nio.file.Files.size(map) : 0; // (appended to)
        assertEquals(null, PerfMap.enable());
        try {
            Guest g = new Guest(new int[] {ADDI_A0_A0_1, ADDI_A0_A0_1, EBREAK}, 0);
            g.state.setPc(CODE);
            assertEquals(Execution.Exit.BREAKPOINT, g.engine.run());
        } finally {
            PerfMap.disable();
        }
        byte[] all = java.nio.file.Files.readAllBytes(map);
        String added = new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
        assertTrue(Pattern.compile("(?m)^[0-9a-f]+ [0-9a-f]+ dbt-entry$").matcher(added).find(), added);
        Matcher block = Pattern.compile("(?m)^([0-9a-f]+) ([0-9a-f]+) guest:0x10000$").matcher(added);
        assertTrue(block.find(), added);
        assertTrue(Long.parseLong(block.group(2), 16) > 0, "the block's size");
    }

    /**
     * A loop that sums words with addw (its sum lives in a narrow home) until its load runs off the mapped page,
     * 1,024 iterations in: the fault must find the sum of the words before it in the state, sign-extended.
     */
    @Test
    void aFaultLateInALoopFindsItsNarrowRegistersInTheState() {
        int[] loop = {0x00052283, 0x005585bb, 0x00450513, 0xfec51ae3, EBREAK}; // lw t0,0(a0); addw a1,a1,t0;
        // addi a0,a0,4; bne a0,a2,loop; ebreak
        for (int translateAfter : new int[] {0, 1, 16}) {
            Guest g = new Guest(loop, translateAfter);
            g.state.setRegister(0, 10, DATA);
            g.state.setRegister(0, 11, 0x1234_5678_9abc_def0L); // not a sign-extended 32-bit value
            g.state.setRegister(0, 12, DATA + 2 * GuestMemory.PAGE_SIZE);
            g.state.setPc(CODE);

            GuestFault fault = assertThrows(GuestFault.class, g.engine::run, "translate after " + translateAfter);
            assertEquals(DATA + GuestMemory.PAGE_SIZE, fault.address());
            assertEquals(CODE, g.state.pc());
            assertEquals(DATA + GuestMemory.PAGE_SIZE, g.state.register(0, 10));
            assertEquals((long) ((int) 0x1234_5678_9abc_def0L + g.sum(0, 1024)), g.state.register(0, 11),
                    "translate after " + translateAfter); // addw: a 32-bit sum
        }
    }

    /** As above, but the sum is written before the load: the fault finds this iteration's sum, sign-extended. */
    @Test
    void aFaultAfterTheWriteOfANarrowRegisterFindsItSignExtended() {
        int[] loop = {0x005585bb, 0x00052283, 0x00450513, 0xfec51ae3, EBREAK}; // addw a1,a1,t0; lw t0,0(a0);
        // addi a0,a0,4; bne a0,a2,loop; ebreak
        for (int translateAfter : new int[] {0, 16}) {
            Guest g = new Guest(loop, translateAfter);
            g.state.setRegister(0, 10, DATA);
            g.state.setRegister(0, 11, 0x1234_5678_9abc_def0L);
            g.state.setRegister(0, 12, DATA + 2 * GuestMemory.PAGE_SIZE);
            g.state.setPc(CODE);

            assertThrows(GuestFault.class, g.engine::run);
            assertEquals(CODE + 4, g.state.pc());
            int sum = (int) 0x1234_5678_9abc_def0L + g.sum(0, 1024);
            assertTrue(sum < 0, "the test needs a sum whose sign extension differs from its zero extension");
            assertEquals((long) sum, g.state.register(0, 11), "translate after " + translateAfter);
        }
    }

    /**
     * A narrow home's carrier that is also another register's value (found by the equivalence properties): t3's
     * last write sign-extends the low half of ft11's NaN-boxed value, which ft11 keeps in full, also when a fault
     * after its write finds it in the state (with constant folding off, so that the value is computed).
     */
    @Test
    void aValueCarriedNarrowForOneRegisterIsWrittenInFullToAnother() {
        int[] loop = {0xf0000fd3, 0x00052e83, 0xe00f8e53, 0xfff38393, 0xfe0398e3, EBREAK}; // fmv.w.x ft11,zero;
        // lw t4,0(a0); fmv.x.w t3,ft11; addi t2,t2,-1; bnez t2,loop; ebreak
        for (long address : new long[] {DATA, DATA + 2 * GuestMemory.PAGE_SIZE}) { // the second faults
            Guest g = new Guest(loop, TranslationOptions.of(Set.of("fold"), true, true, true, true, true, true));
            g.state.setRegister(0, 7, 3);
            g.state.setRegister(0, 10, address);
            g.state.setPc(CODE);
            if (address == DATA) {
                assertEquals(Execution.Exit.BREAKPOINT, g.engine.run());
            } else {
                assertThrows(GuestFault.class, g.engine::run);
            }
            assertEquals(0xffff_ffff_0000_0000L, g.state.register(1, 31), "ft11: zero, NaN-boxed");
        }
    }

    /**
     * The same loop entered from a block that runs its first iteration itself and jumps into the loop with its
     * values in the loop's registers (a bridge, into the loop's peeled first iteration): a fault there finds the
     * block's sum in the state.
     */
    @Test
    void aFaultRightAfterABridgeIntoALoopFindsItsNarrowRegistersInTheState() {
        int[] code = {0x00558593, 0x00052283, 0x005585bb, 0x00450513, 0xfec51ae3, EBREAK}; // addi a1,a1,5; then
        // loop: lw t0,0(a0); addw a1,a1,t0; addi a0,a0,4; bne a0,a2,loop; ebreak
        Guest g = new Guest(code, 0);
        g.state.setRegister(0, 10, DATA); // first run: four words, no fault; the loop gets translated, and the
        g.state.setRegister(0, 12, DATA + 16); // block before it again, to enter it directly
        g.state.setPc(CODE);
        assertEquals(Execution.Exit.BREAKPOINT, g.engine.run());

        long last = DATA + GuestMemory.PAGE_SIZE - 4;
        g.state.setRegister(0, 10, last); // second run: the block reads the page's last word, the loop faults
        g.state.setRegister(0, 11, 0x1234_5678_9abc_def0L);
        g.state.setRegister(0, 12, DATA + 2 * GuestMemory.PAGE_SIZE);
        g.state.setPc(CODE);
        GuestFault fault = assertThrows(GuestFault.class, g.engine::run);
        assertEquals(DATA + GuestMemory.PAGE_SIZE, fault.address());
        assertEquals(CODE + 4, g.state.pc());
        assertEquals((long) ((int) (0x1234_5678_9abc_def0L + 5) + g.sum(1023, 1024)), g.state.register(0, 11));
    }

    /**
     * RISC-V code at CODE (at most 192 KiB), a page of words at DATA (0x7000_0000 + their index: sums overflow 32
     * bits), and an engine.
     */
    /** Operands the compiler cannot fold: Java's own division runs after the guest's. */
    private static volatile double one = 1;
    private static volatile double three = 3;

    /**
     * The guest sets its rounding mode to up (fsrmi, run by the interpreter) and divides in translated code: the
     * host's MXCSR has the guest's mode only while translated code runs, so the guest's quotient is rounded up and
     * Java's, right after the run, still to nearest. The inexact flag reaches fflags.
     */
    @Test
    void aGuestRoundingModeIsTheGuestsOnly() {
        int[] code = {0x0021d2f3, 0x1ac5f553, 0x12c576d3, EBREAK}; // fsrmi t0,3; fdiv.d fa0,fa1,fa2; fmul.d fa3,fa0,fa2
        for (int translateAfter : new int[] {0, 16}) {
            Guest g = new Guest(code, translateAfter);
            g.state.setRegister(1, 11, Double.doubleToRawLongBits(1.0));
            g.state.setRegister(1, 12, Double.doubleToRawLongBits(3.0));
            g.state.setPc(CODE);

            assertEquals(Execution.Exit.BREAKPOINT, g.engine.run());
            assertEquals(0x3fd5555555555556L, g.state.register(1, 10), "1/3 rounded up");
            assertEquals(0x3ff0000000000001L, g.state.register(1, 13), "(1/3 rounded up) * 3 rounded up");
            assertEquals(3 << 5 | 1, g.state.csr(0), "fcsr: frm = up, fflags = inexact");
            assertEquals(0x3fd5555555555555L, Double.doubleToRawLongBits(one / three), "Java still rounds to nearest");
        }
    }

    /**
     * Three fused multiply-adds, an add between the first two, tested for a NaN once, after the third
     * (FmaCheckGroups). Where one gives a NaN (the second: inf * 0 + a quiet NaN, invalid on RISC-V and not on x86; the
     * first: inf - inf) the run goes again from its first instruction on the interpreter: every register, the add's
     * too, and fflags are as the guest computes them.
     */
    @Test
    void aRunOfFusedMultiplyAddsIsTestedOnceAndGoesAgainWhole() {
        int[] code = {0x6ac5f543, 0x00178793, 0x7ac57743, 0x7315f843, EBREAK}; // fmadd.d fa0,fa1,fa2,fa3;
        // addi a5,a5,1; fmadd.d fa4,fa0,fa2,fa5; fmadd.d fa6,fa1,fa7,fa4; ebreak
        double inf = Double.POSITIVE_INFINITY;
        long canonical = 0x7ff8_0000_0000_0000L;
        long quiet = 0x7ff8_0000_0000_0123L; // (a payload: RISC-V's result is the canonical NaN all the same)
        long[][] cases = { // fa1, fa2, fa3, fa5, fa7 -> fa0, fa4, fa6, fflags
            {bits(2), bits(3), bits(1), bits(0.5), bits(4), bits(7), bits(21.5), bits(29.5), 0},
            {bits(2), bits(0), bits(inf), quiet, bits(4), bits(inf), canonical, canonical, 0x10},
            {bits(inf), bits(1), bits(-inf), bits(0), bits(1), canonical, canonical, canonical, 0x10},
            {bits(1), bits(1), bits(1), bits(1), bits(-inf), bits(2), bits(3), bits(-inf), 0},
        };
        for (long[] c : cases) {
            Guest g = new Guest(code, 0);
            int[] in = {11, 12, 13, 15, 17};
            for (int k = 0; k < in.length; k++) {
                g.state.setRegister(1, in[k], c[k]);
            }
            g.state.setPc(CODE);
            assertEquals(Execution.Exit.BREAKPOINT, g.engine.run());
            String what = "fa1 = " + Double.longBitsToDouble(c[0]) + ", fa2 = " + Double.longBitsToDouble(c[1]);
            assertEquals(c[5], g.state.register(1, 10), "fa0, " + what);
            assertEquals(c[6], g.state.register(1, 14), "fa4, " + what);
            assertEquals(c[7], g.state.register(1, 16), "fa6, " + what);
            assertEquals(c[8], g.state.csr(0), "fcsr, " + what);
            assertEquals(1, g.state.register(0, 15), "a5 once, " + what);
        }
    }

    /**
     * fploops32.c's sixteen accumulators as gcc builds them by default (-ffp-contract=fast: fmadd.s, fmsub.s and
     * fnmsub.s in runs, between loads of constants): with xmm registers short, a run's last fused multiply-add took
     * every cache register of the float lowering for its operands and result, and its NaN test then looked for a free
     * one forever (the translation hung). Translated at once, the loop runs and faults where the guest does, at its
     * first constant's load (nothing is mapped there in this test).
     */
    @Test
    void aLoopOfManyFusedMultiplyAddsIsTranslated() {
        int[] code = {0x31b7f7c3, 0x00042697, 0x0ee68693, 0x0006a807, 0x00042697, 0x0ea68693, 0xf3d30785, 0xf9d31967,
            0xf5c300f9, 0x77477995, 0xa8077907, 0xf6c30006, 0xfed37956, 0x26971069, 0x86930004, 0xfe530806,
            0xa8071105, 0xf94b0006, 0x26979017, 0x86930004, 0xf8d30cc6, 0xf4c31106, 0xae87e814, 0xf0430006,
            0x269701a7, 0x86930004, 0xf5430b86, 0x785350f7, 0x7f4308e9, 0x7653e1df, 0xae070076, 0x26970006,
            0x86930004, 0xf1c70a06, 0xa8878811, 0x74430006, 0x7fcb4180, 0xf24bf975, 0x714321c7, 0x72c31118,
            0x1fe32946, 0x0073f4f7, 0x00010010}; // 0x1186e-0x11910 of fploops32 (fmadd.s fa5,fa5,fs11,ft6;
        // auipc a3,0x42; addi a3,a3,238; flw fa6,0(a3); ...; bne a4,a5,loop); ebreak; c.nop
        Guest g = new Guest(code, 0);
        g.state.setRegister(0, 14, 10);
        g.state.setPc(CODE);
        GuestFault fault = assertThrows(GuestFault.class, g.engine::run);
        assertEquals(CODE + 4 + 0x42000 + 238, fault.address());
        assertEquals(CODE + 12, g.state.pc());
    }

    /**
     * A region whose double register only a division writes (a raw float home, see CanonicalNans#rawHomeCandidates)
     * and whose entry's memory check fails (tp - 1 is outside the window): the check's way out loads the pinned
     * registers the region evicted back into their host registers, a0 among them (found by the random-code property:
     * a0 came back as the region's garbage).
     */
    @Test
    void aRegionWithARawHomeLeavingAtItsEntryKeepsThePinnedRegisters() {
        int[] loop = {0x00009663, 0x600f9613, 0xfff22103, 0x1bf171d3, 0xfff30313, 0xfe0316e3, EBREAK};
        // bne ra,zero,+12; clz a2,t6; lw sp,-1(tp); fdiv.d ft3,ft2,ft11; addi t1,t1,-1; bne t1,zero,-20; ebreak
        for (int translateAfter : new int[] {0, 1}) {
            Guest g = new Guest(loop, translateAfter);
            g.state.setRegister(0, 1, 1);          // ra: the loop skips the load
            g.state.setRegister(0, 4, 1L << 62);   // tp: outside the window
            g.state.setRegister(0, 6, 4);          // t1: four iterations
            g.state.setRegister(0, 10, 0x21031);   // a0, pinned, untouched by the code
            g.state.setRegister(0, 31, 0x1234);
            g.state.setPc(CODE);
            assertEquals(Execution.Exit.BREAKPOINT, g.engine.run());
            assertEquals(0x21031, g.state.register(0, 10), "a0 at translate-after " + translateAfter);
            assertEquals(0, g.state.register(0, 6));
        }
    }

    /**
     * The same region entered with a signalling NaN in its raw home's register (ft3, which only the division writes):
     * the entry's check for a NaN other than the canonical one raises no flag (an unordered compare would raise
     * invalid for it; found by the random-code property, seed 4725763297897747399), and the division's quotient
     * replaces it.
     */
    @Test
    void aRegionEnteredWithASignallingNanRaisesNoFlag() {
        int[] loop = {0x00009663, 0x600f9613, 0xfff22103, 0x1bf171d3, 0xfff30313, 0xfe0316e3, EBREAK};
        long snan = 0x7ff0_0000_0000_0001L;
        for (int translateAfter : new int[] {0, 1}) {
            for (long iterations : new long[] {1, 4}) {
                Guest g = new Guest(loop, translateAfter);
                g.state.setRegister(0, 1, 1);          // ra: the loop skips the load
                g.state.setRegister(0, 6, iterations); // t1
                g.state.setRegister(1, 2, Double.doubleToRawLongBits(3.0));  // ft2
                g.state.setRegister(1, 31, Double.doubleToRawLongBits(2.0)); // ft11
                g.state.setRegister(1, 3, snan);                              // ft3
                g.state.setPc(CODE);
                assertEquals(Execution.Exit.BREAKPOINT, g.engine.run());
                String what = "translate-after " + translateAfter + ", " + iterations + " iterations";
                assertEquals(0, g.state.csr(0), "fcsr, " + what);
                assertEquals(Double.doubleToRawLongBits(1.5), g.state.register(1, 3), "ft3, " + what);
            }
        }
    }

    /**
     * A single-precision sum read by another sum and replaced in the loop, and a load between that faults: its
     * canonical-NaN select is made only where the fault writes it back (see CanonicalNans#exitOnly), so the state has
     * the guest's value: the canonical NaN, NaN-boxed, where the host's sum is a NaN of its own (x86's default NaN is
     * negative; it keeps an operand's payload), and the sum itself otherwise.
     */
    @Test
    void aFaultAfterASingleSumFindsItCanonicalAndBoxed() {
        int[] loop = {0x00c5f553, 0x00052383, 0x00b576d3, 0x20e70553, 0x00f6f7d3, 0x00450513, 0xfec514e3, EBREAK};
        // fadd.s fa0,fa1,fa2; lw t2,0(a0); fadd.s fa3,fa0,fa1; fmv.s fa0,fa4; fadd.s fa5,fa3,fa5; addi a0,a0,4;
        // bne a0,a2,loop; ebreak
        long box = 0xffff_ffff_0000_0000L;
        long canonical = box | 0x7fc0_0000L;
        float inf = Float.POSITIVE_INFINITY;
        long[][] cases = { // fa1, fa2 -> fa0, fa3, fa5, fflags
            {single(inf), single(-inf), canonical, canonical, canonical, 0x10},
            {single(1.5f), single(2.25f), single(3.75f), single(5.25f), single(5.25f * 1024), 0},
            {box | 0x7fc0_0123L, single(1), canonical, canonical, canonical, 0},
            {box | 0xffc0_0001L, single(1), canonical, canonical, canonical, 0},
        };
        for (int translateAfter : new int[] {0, 1, 16}) {
            for (long[] c : cases) {
                Guest g = walkingPastData(loop, translateAfter, 0);
                g.state.setRegister(1, 11, c[0]);
                g.state.setRegister(1, 12, c[1]);
                g.state.setRegister(1, 14, single(7));
                g.state.setRegister(1, 15, single(0));
                GuestFault fault = assertThrows(GuestFault.class, g.engine::run);
                assertEquals(DATA + GuestMemory.PAGE_SIZE, fault.address());
                String what = String.format("fa1 = %x, fa2 = %x, translate after %d", c[0], c[1], translateAfter);
                assertEquals(CODE + 4, g.state.pc(), what);
                assertEquals(c[2], g.state.register(1, 10), "fa0, " + what);
                assertEquals(c[3], g.state.register(1, 13), "fa3, " + what);
                assertEquals(c[4], g.state.register(1, 15), "fa5, " + what);
                assertEquals(c[5], g.state.csr(0), "fcsr, " + what);
            }
        }
    }

    /**
     * Fourteen single-precision sums of pairs of seven registers, each read by a chain of sums and replaced in the
     * loop, and a load that faults between: more sums live there than there are xmm registers, so some live in general
     * registers; their canonical-NaN selects are made at the write-back wherever they are (see CanonicalNans#exitOnly).
     */
    @Test
    void aFaultAfterFourteenSingleSumsFindsEachCanonicalAndBoxed() {
        int[] loop = {0x00c5f053, 0x010670d3, 0x01187153, 0x0088f1d3, 0x00947253, 0x0124f2d3, 0x00b97353,
            0x0105f3d3, 0x01167e53, 0x00887ed3, 0x0098ff53, 0x01247fd3, 0x00b4f9d3, 0x00c97a53, 0x00052383,
            0x001076d3, 0x0026f6d3, 0x0036f6d3, 0x0046f6d3, 0x0056f6d3, 0x0066f6d3, 0x0076f6d3, 0x01c6f6d3,
            0x01d6f6d3, 0x01e6f6d3, 0x01f6f6d3, 0x0136f6d3, 0x0146f6d3, 0x20e70053, 0x20e700d3, 0x20e70153,
            0x20e701d3, 0x20e70253, 0x20e702d3, 0x20e70353, 0x20e703d3, 0x20e70e53, 0x20e70ed3, 0x20e70f53,
            0x20e70fd3, 0x20e709d3, 0x20e70a53, 0x00f6f7d3, 0x00450513, 0xf4c518e3, EBREAK};
        // fadd.s s<k>,o<k mod 7>,o<(k + 1 + k / 7) mod 7> for k = 0..13, s = ft0..ft11,fs3,fs4 and
        // o = fa1,fa2,fa6,fa7,fs0,fs1,fs2; lw t2,0(a0); fadd.s fa3,ft0,ft1; fadd.s fa3,fa3,s<k> for k = 2..13;
        // fmv.s s<k>,fa4 for k = 0..13; fadd.s fa5,fa3,fa5; addi a0,a0,4; bne a0,a2,loop; ebreak
        int[] sums = {0, 1, 2, 3, 4, 5, 6, 7, 28, 29, 30, 31, 19, 20};
        int[] operands = {11, 12, 16, 17, 8, 9, 18};
        long canonical = 0xffff_ffff_7fc0_0000L;
        long[][] inputs = { // (NaNs: inf - inf, and an operand's payload, of either sign)
            {single(0.5f), single(1), single(2), single(3), single(4), single(5), single(6)},
            {single(Float.POSITIVE_INFINITY), single(Float.NEGATIVE_INFINITY), single(1), single(2), single(3),
                0xffff_ffff_7fc0_0005L, 0xffff_ffff_ffc0_0006L},
        };
        for (int translateAfter : new int[] {0, 16}) {
            for (long[] in : inputs) {
                Guest g = walkingPastData(loop, translateAfter, 0);
                for (int k = 0; k < operands.length; k++) {
                    g.state.setRegister(1, operands[k], in[k]);
                }
                g.state.setRegister(1, 14, single(7));
                g.state.setRegister(1, 15, single(0));
                assertThrows(GuestFault.class, g.engine::run);
                String what = "fa1 = " + Long.toHexString(in[0]) + ", translate after " + translateAfter;
                assertEquals(CODE + 4 * 14, g.state.pc(), what);
                boolean invalid = false;
                for (int k = 0; k < sums.length; k++) {
                    float x = Float.intBitsToFloat((int) in[k % 7]);
                    float y = Float.intBitsToFloat((int) in[(k + 1 + k / 7) % 7]);
                    long sum = Float.isNaN(x + y) ? canonical : single(x + y);
                    invalid |= Float.isInfinite(x) && Float.isInfinite(y) && Float.isNaN(x + y);
                    assertEquals(sum, g.state.register(1, sums[k]), "sum " + k + ", " + what);
                }
                assertEquals(invalid ? 0x10 : 0, g.state.csr(0), "fcsr, " + what);
            }
        }
    }

    /**
     * A loop whose run of three fused multiply-adds (FmaCheckGroups) reads a register (ft1, in the first) that its last
     * member writes, and whose last member gives a NaN (inf * 0) on the last iteration only: the run goes again on the
     * interpreter from its first member, which must find the register's value from before the run, not the last
     * member's NaN (which the register's home would hold if the result took it).
     */
    @Test
    void aRunOfFusedMultiplyAddsThatGoesAgainFindsTheRegistersItReads() {
        int[][] loops = {
            {0x00052383, 0x41d38e33, 0xd00e72d3, 0x08c5f043, 0x60b5f1c3, 0x7057f0c3, 0x00450513, 0xfec512e3, EBREAK},
            {0x00052383, 0x41d38e33, 0xd20e02d3, 0x0ac5f043, 0x62b5f1c3, 0x7257f0c3, 0x00450513, 0xfec512e3, EBREAK},
        }; // lw t2,0(a0); sub t3,t2,t4; fcvt.s.w ft5,t3; fmadd.s ft0,fa1,fa2,ft1; fmadd.s ft3,fa1,fa1,fa2;
        // fmadd.s ft1,fa5,ft5,fa4; addi a0,a0,4; bne a0,a2,loop; ebreak (and the same with fcvt.d.w and fmadd.d)
        for (int translateAfter : new int[] {0, 16}) {
            for (int d = 0; d < 2; d++) {
                boolean single = d == 0;
                Guest g = walkingPastData(loops[d], translateAfter, 0);
                g.state.setRegister(0, 29, 0x7000_0000 + 1023); // (the last word's: t3 = 0 there only)
                double[] in = {1.5, 0.25, 3, Double.POSITIVE_INFINITY, 0.5}; // fa1, fa2, fa4, fa5, ft1
                int[] registers = {11, 12, 14, 15, 1};
                for (int k = 0; k < in.length; k++) {
                    g.state.setRegister(1, registers[k], single ? single((float) in[k]) : bits(in[k]));
                }
                assertThrows(GuestFault.class, g.engine::run);
                String what = (single ? "fmadd.s" : "fmadd.d") + ", translate after " + translateAfter;
                double ft0 = Double.NEGATIVE_INFINITY; // 1.5 * 0.25 + (inf * -1 + 3), the iteration before's ft1
                assertEquals(single ? single((float) ft0) : bits(ft0), g.state.register(1, 0), "ft0, " + what);
                assertEquals(single ? single(2.5f) : bits(2.5), g.state.register(1, 3), "ft3, " + what);
                assertEquals(single ? 0xffff_ffff_7fc0_0000L : 0x7ff8_0000_0000_0000L, g.state.register(1, 1),
                        "ft1, " + what);
                assertEquals(0x10, g.state.csr(0), "fcsr, " + what);
            }
        }
    }

    /**
     * A loop of singles whose registers' reads at the top are only unboxed (an accumulator, fa5; a window moved
     * along, fa4 to fa6), which the loop proper keeps as words and the first iteration unboxes in place (see
     * LoopLowering#unboxedInPlace): a register that is not NaN-boxed is the canonical NaN to the loop, yet a fault on
     * the first iteration, before the register is written, leaves the state's value as it was; and after a thousand
     * iterations each register holds the guest's value.
     */
    @Test
    void singlesUnboxedInPlaceKeepTheStatesValueUntilWritten() {
        int[] loop = {0x00b7f6d3, 0x00052007, 0x00c6f7d3, 0x20e70853, 0x20000753, 0x00450513, 0xfec514e3, EBREAK};
        // fadd.s fa3,fa5,fa1; flw ft0,0(a0); fadd.s fa5,fa3,fa2; fmv.s fa6,fa4; fmv.s fa4,ft0; addi a0,a0,4;
        // bne a0,a2,loop; ebreak
        long canonical = 0xffff_ffff_7fc0_0000L;
        long unboxed = Float.floatToRawIntBits(1); // (its upper half not all ones: not a single to RISC-V)
        long lastWord = single(Float.intBitsToFloat(0x7000_0000 + 1023));
        long wordBefore = single(Float.intBitsToFloat(0x7000_0000 + 1022));
        for (int translateAfter : new int[] {0, 1, 16}) {
            for (long fa5 : new long[] {unboxed, single(1)}) {
                for (boolean firstFaults : new boolean[] {false, true}) {
                    Guest g = walkingPastData(loop, translateAfter, 0);
                    if (firstFaults) {
                        g.state.setRegister(0, 10, DATA + GuestMemory.PAGE_SIZE);
                    }
                    g.state.setRegister(1, 11, single(0.5f));
                    g.state.setRegister(1, 12, single(0.25f));
                    g.state.setRegister(1, 15, fa5);
                    g.state.setRegister(1, 14, unboxed);
                    g.state.setRegister(1, 16, single(3));
                    assertThrows(GuestFault.class, g.engine::run);
                    String what = String.format("fa5 = %x, %s, translate after %d", fa5,
                            firstFaults ? "fault on the first iteration" : "fault after 1024", translateAfter);
                    assertEquals(CODE + 4, g.state.pc(), what);
                    boolean nan = fa5 == unboxed;
                    if (firstFaults) {
                        assertEquals(fa5, g.state.register(1, 15), "fa5, " + what);
                        assertEquals(nan ? canonical : single(1.5f), g.state.register(1, 13), "fa3, " + what);
                        assertEquals(unboxed, g.state.register(1, 14), "fa4, " + what);
                        assertEquals(single(3), g.state.register(1, 16), "fa6, " + what);
                    } else {
                        assertEquals(nan ? canonical : single(769), g.state.register(1, 15), "fa5, " + what);
                        assertEquals(nan ? canonical : single(769.5f), g.state.register(1, 13), "fa3, " + what);
                        assertEquals(lastWord, g.state.register(1, 14), "fa4, " + what);
                        assertEquals(wordBefore, g.state.register(1, 16), "fa6, " + what);
                    }
                }
            }
        }
    }

    /**
     * A NaN-boxed single (fsgnjx.s) read as a double (feq.d: a NaN, so not equal to itself) after an instruction whose
     * many temporaries evict it to where its register write stored it (clzw): the compare reads it from there, the
     * register's place in the state, not from a place its instruction's constants name. (dbt check's case.)
     */
    @Test
    void aBoxedSingleEvictedToTheStateIsReadFromItsRegistersPlace() {
        int[] code = {0x21bfa053, 0x6001119b, 0xa2002bd3, EBREAK}; // fsgnjx.s ft0,ft11,fs11; clzw gp,sp;
        // feq.d s7,ft0,ft0; ebreak
        for (int translateAfter : new int[] {0, 16}) {
            Guest g = new Guest(code, translateAfter);
            g.state.setRegister(1, 31, single(1.5f));
            g.state.setRegister(1, 27, single(-2));
            g.state.setRegister(0, 2, 0x1234);
            g.state.setRegister(0, 23, 7);
            g.state.setPc(CODE);
            assertEquals(Execution.Exit.BREAKPOINT, g.engine.run());
            assertEquals(single(-1.5f), g.state.register(1, 0), "ft0");
            assertEquals(19, g.state.register(0, 3), "gp: clzw of 0x1234");
            assertEquals(0, g.state.register(0, 23), "s7: a NaN-boxed single is a NaN as a double");
        }
    }

    /**
     * A product read by two conversions to single and replaced in the block: its canonical-NaN select is made only
     * where written back (see CanonicalNans#exitOnly), so the conversions read the host's NaN (x86's default NaN is
     * negative; it keeps an operand's payload); each conversion's own result is the canonical NaN, and no flag but
     * the product's is raised (a quiet NaN raises none in a conversion between the formats).
     */
    @Test
    void conversionsOfARawNanGiveTheCanonicalNan() {
        int[] code = {0x12c5f053, 0x40107553, 0x42050753, 0x401077d3, 0x22d68053, EBREAK}; // fmul.d ft0,fa1,fa2;
        // fcvt.s.d fa0,ft0; fcvt.d.s fa4,fa0; fcvt.s.d fa5,ft0; fmv.d ft0,fa3; ebreak
        double inf = Double.POSITIVE_INFINITY;
        long canonical = 0x7ff8_0000_0000_0000L;
        long single = single(Float.intBitsToFloat(0x7fc0_0000));
        long[][] cases = { // fa1, fa2 -> fa0, fa4, fflags
            {bits(inf), bits(0), single, canonical, 0x10},
            {0x7ff8_0000_0000_0123L, bits(1), single, canonical, 0},
            {0xfff8_0000_0000_0456L, bits(1), single, canonical, 0},
            {bits(1.5), bits(2), single(3), bits(3), 0},
            {bits(1e300), bits(1e300), single(Float.POSITIVE_INFINITY), bits(inf), 0x05},
        };
        for (int translateAfter : new int[] {0, 16}) {
            for (long[] c : cases) {
                Guest g = new Guest(code, translateAfter);
                g.state.setRegister(1, 11, c[0]);
                g.state.setRegister(1, 12, c[1]);
                g.state.setRegister(1, 13, bits(0.5));
                g.state.setPc(CODE);
                assertEquals(Execution.Exit.BREAKPOINT, g.engine.run());
                String what = String.format("fa1 = %x, translate after %d", c[0], translateAfter);
                assertEquals(c[2], g.state.register(1, 10), "fa0, " + what);
                assertEquals(c[3], g.state.register(1, 14), "fa4, " + what);
                assertEquals(c[2], g.state.register(1, 15), "fa5, " + what);
                assertEquals(bits(0.5), g.state.register(1, 0), "ft0, " + what);
                assertEquals(c[4], g.state.csr(0), "fcsr, " + what);
            }
        }
    }

    /**
     * What translated code leaves to an interpreter (writes of the rounding mode, which it sets where it is entered; a
     * fused multiply-add whose result is a NaN, for RISC-V's invalid flag on inf * 0 + qNaN) runs on the IR
     * interpreter, lifted alone, exactly: the divisions round down, then up, and the flags are the divisions' inexact
     * and the multiply-add's invalid; the reference interpreter (Truffle, slow to start) never runs.
     */
    @Test
    void instructionsLeftToAnInterpreterRunOnTheIrInterpreter() {
        int[] code = {0x00215073, 0x1ac5f553, 0x0021d073, 0x1ac5f6d3, 0x8b07f743, EBREAK}; // fsrmi zero,2;
        // fdiv.d fa0,fa1,fa2,dyn; fsrmi zero,3; fdiv.d fa3,fa1,fa2,dyn; fmadd.d fa4,fa5,fa6,fa7; ebreak
        for (int translateAfter : new int[] {0, 16}) {
            Guest g = new Guest(code, translateAfter);
            g.state.setRegister(1, 11, bits(1));
            g.state.setRegister(1, 12, bits(3));
            g.state.setRegister(1, 15, bits(Double.POSITIVE_INFINITY));
            g.state.setRegister(1, 16, bits(0));
            g.state.setRegister(1, 17, 0x7ff8_0000_0000_0123L);
            g.state.setPc(CODE);
            assertEquals(Execution.Exit.BREAKPOINT, g.engine.run());
            String what = "translate after " + translateAfter;
            assertEquals(0x3fd5_5555_5555_5555L, g.state.register(1, 10), "1/3 rounded down, " + what);
            assertEquals(0x3fd5_5555_5555_5556L, g.state.register(1, 13), "1/3 rounded up, " + what);
            assertEquals(0x7ff8_0000_0000_0000L, g.state.register(1, 14), "inf * 0 + qNaN, " + what);
            assertEquals(3 << 5 | 0x10 | 0x01, g.state.csr(0), "fcsr, " + what);
            assertEquals(0, g.engine.referenceInstructions(), what);
        }
    }

    /** A single NaN-boxed, as RISC-V's float registers hold one. */
    private static long single(float f) {
        return 0xffff_ffff_0000_0000L | Float.floatToRawIntBits(f) & 0xffff_ffffL;
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    /**
     * A rotation by two word shifts into two registers and an or, both shifted values replaced later in the loop, and
     * a load between them that faults: the shifts are computed only where the fault writes them back (see
     * ExitTemporaries), and the state has them as the guest computed them.
     */
    @Test
    void aFaultBetweenARotationsShiftsFindsBothShiftedValues() {
        int[] loop = {0x0075d29b, 0x0195931b, 0x00052383, 0x0062e5b3, 0x007585bb, 0x0055c293, 0x00150313,
            0x00450513, 0xfec510e3, EBREAK}; // srliw t0,a1,7; slliw t1,a1,25; lw t2,0(a0); or a1,t0,t1;
        // addw a1,a1,t2; xori t0,a1,5; addi t1,a0,1; addi a0,a0,4; bne a0,a2,loop; ebreak
        for (int translateAfter : new int[] {0, 1, 16}) {
            long a1 = 0x1234_5678_9abc_def0L;
            GuestState state = runToFault(loop, translateAfter, a1, 2);
            for (int k = 0; k < 1024; k++) {
                a1 = Integer.rotateRight((int) a1, 7) + 0x7000_0000 + k;
            }
            assertEquals(a1, state.register(0, 11), "translate after " + translateAfter);
            assertEquals((long) ((int) a1 >>> 7), state.register(0, 5), "t0, translate after " + translateAfter);
            assertEquals((long) ((int) a1 << 25), state.register(0, 6), "t1, translate after " + translateAfter);
        }
    }

    /**
     * A table index computed (shift, mask, scale) well before its use, its registers written again later in the loop,
     * and a load between that faults: the sink pass computes the index again at its use and leaves the originals to
     * the cold paths (see SinkToUses, ExitTemporaries), and the state has them as the guest computed them.
     */
    @Test
    void aFaultBetweenAnIndexAndItsUseFindsTheIndex() {
        int[] loop = {0x0085d29b, 0x0ff2f313, 0x00231313, 0x00052383, 0x007585bb, 0x006686b3, 0x0055c293,
            0x00150313, 0x00450513, 0xfcc51ee3, EBREAK}; // srliw t0,a1,8; andi t1,t0,255; slli t1,t1,2; lw t2,0(a0);
        // addw a1,a1,t2; add a3,a3,t1; xori t0,a1,5; addi t1,a0,1; addi a0,a0,4; bne a0,a2,loop; ebreak
        for (int translateAfter : new int[] {0, 1, 16}) {
            long a1 = 0x1234_5678_9abc_def0L;
            GuestState state = runToFault(loop, translateAfter, a1, 3);
            long a3 = 0;
            for (int k = 0; k < 1024; k++) {
                a3 += ((((int) a1 >>> 8) & 255) << 2);
                a1 = (int) a1 + 0x7000_0000 + k;
            }
            long t0 = (int) a1 >>> 8;
            String where = "translate after " + translateAfter;
            assertEquals(a1, state.register(0, 11), where);
            assertEquals(a3, state.register(0, 13), "a3, " + where);
            assertEquals(t0, state.register(0, 5), "t0, " + where);
            assertEquals((t0 & 255) << 2, state.register(0, 6), "t1, " + where);
        }
    }

    /**
     * A loop that writes more registers than can have homes, none of them read, far from its back edge: each last
     * write is stored to the state where it is made (see EagerWrites), so a fault between them finds the registers
     * written before it with this iteration's values and those written after it with the last iteration's.
     */
    @Test
    void aFaultAmongStoredWritesFindsEachIterationsValues() {
        int[] loop = {0x00b502b3, 0x40b50333, 0x00b543b3, 0x00b56e33, 0x00b57eb3, 0x02b50f33, 0x00052783,
            0x00b50fbb, 0x40b5093b, 0x02b509bb, 0x00b53a33, 0x00a5aab3, 0x02b51b33, 0x00f585b3, 0x00450513,
            0x00168693, 0x00168693, 0x00168693, 0x00168693, 0x00168693, 0x00168693, 0x00168693, 0x00168693,
            0xfac512e3, EBREAK}; // add t0,a0,a1; sub t1,a0,a1; xor t2,a0,a1; or t3,a0,a1; and t4,a0,a1;
        // mul t5,a0,a1; lw a5,0(a0); addw t6,a0,a1; subw s2,a0,a1; mulw s3,a0,a1; sltu s4,a0,a1; slt s5,a1,a0;
        // mulh s6,a0,a1; add a1,a1,a5; addi a0,a0,4; addi a3,a3,1 (8 times: the writes above are far from the
        // back edge); bne a0,a2,loop; ebreak
        for (int translateAfter : new int[] {0, 1, 16}) {
            long a1 = 0x1234_5678_9abc_def0L;
            GuestState state = runToFault(loop, translateAfter, a1, 6);
            long a5 = 0;
            for (int k = 0; k < 1024; k++) {
                a5 = 0x7000_0000 + k;
                a1 += a5;
            }
            long a0 = DATA + GuestMemory.PAGE_SIZE;
            long before = a0 - 4; // the last iteration's a0 and a1
            long a1Before = a1 - a5;
            String where = "translate after " + translateAfter;
            long[] expected = {a0 + a1, a0 - a1, a0 ^ a1, a0 | a1, a0 & a1, a0 * a1, // t0..t5: this iteration
                (int) (before + a1Before), (int) (before - a1Before), (int) (before * a1Before), // t6, s2, s3
                Long.compareUnsigned(before, a1Before) < 0 ? 1 : 0, a1Before < before ? 1 : 0,
                Math.multiplyHigh(before, a1Before)}; // s4..s6
            int[] registers = {5, 6, 7, 28, 29, 30, 31, 18, 19, 20, 21, 22};
            for (int r = 0; r < registers.length; r++) {
                assertEquals(expected[r], state.register(0, registers[r]), "x" + registers[r] + ", " + where);
            }
            assertEquals(a1, state.register(0, 11), where);
            assertEquals(a5, state.register(0, 15), where);
            assertEquals(8 * 1024, state.register(0, 13), where);
        }
    }

    /**
     * Pinned registers a loop does not touch (a4 and sp here; a0, a3 and a5 too in the first loop) keep their values
     * through it, at its exit and at a fault in it: whether the loop leaves them in their host registers (the first, a
     * sum with two live values) or evicts them to give their host registers to its own values (the second, fourteen
     * values live at once: the stored writes' loop above, which also writes a3 and a5).
     */
    @Test
    void pinnedRegistersALoopDoesNotTouchKeepTheirValues() {
        int[] few = {0x0005a283, 0x00530333, 0x00458593, 0xfec59ae3, EBREAK}; // lw t0,0(a1); add t1,t1,t0;
        // addi a1,a1,4; bne a1,a2,loop; ebreak
        int[] many = {0x00b502b3, 0x40b50333, 0x00b543b3, 0x00b56e33, 0x00b57eb3, 0x02b50f33, 0x00052783,
            0x00b50fbb, 0x40b5093b, 0x02b509bb, 0x00b53a33, 0x00a5aab3, 0x02b51b33, 0x00f585b3, 0x00450513,
            0x00168693, 0xfcc510e3, EBREAK}; // as aFaultAmongStoredWritesFindsEachIterationsValues's, with one addi
        long[] values = {0x1111_2222_3333_4444L, 0x5555_6666_7777_8888L, 0x7fff_fff0L};
        for (int translateAfter : new int[] {0, 1, 16}) {
            for (boolean faults : new boolean[] {false, true}) {
                String where = "translate after " + translateAfter + (faults ? ", at the fault" : ", at the exit");
                Guest g = new Guest(few, translateAfter);
                g.state.setRegister(0, 11, DATA);
                g.state.setRegister(0, 12, faults ? DATA + 2 * GuestMemory.PAGE_SIZE : DATA + 400);
                int[] untouched = {10, 13, 14, 15, 2}; // a0, a3, a4, a5, sp
                for (int r = 0; r < untouched.length; r++) {
                    g.state.setRegister(0, untouched[r], values[r % values.length] + r);
                }
                g.state.setPc(CODE);
                if (faults) {
                    assertThrows(GuestFault.class, g.engine::run, where);
                    assertEquals(longSum(1024), g.state.register(0, 6), where);
                } else {
                    assertEquals(Execution.Exit.BREAKPOINT, g.engine.run(), where);
                    assertEquals(longSum(100), g.state.register(0, 6), where);
                }
                for (int r = 0; r < untouched.length; r++) {
                    assertEquals(values[r % values.length] + r, g.state.register(0, untouched[r]), "x" + untouched[r]
                            + " through the loop of two values, " + where);
                }

                g = walkingPastData(many, translateAfter, 3);
                if (!faults) {
                    g.state.setRegister(0, 12, DATA + 400);
                }
                g.state.setRegister(0, 14, values[0]);
                g.state.setRegister(0, 2, values[1]);
                if (faults) {
                    assertThrows(GuestFault.class, g.engine::run, where);
                } else {
                    assertEquals(Execution.Exit.BREAKPOINT, g.engine.run(), where);
                }
                assertEquals(values[0], g.state.register(0, 14), "a4 through the loop of fourteen values, " + where);
                assertEquals(values[1], g.state.register(0, 2), "sp through the loop of fourteen values, " + where);
                assertEquals(faults ? 1024 : 100, g.state.register(0, 13), "a3 counts the iterations, " + where);
            }
        }
    }

    /**
     * Accesses off a base inside the window that reach past either end of it, at displacements the guards on either
     * side cover (the check compares the base alone; the access faults on the host, in a guard), up to one of 128 KiB
     * (the offsets pass makes {@code ((a0 + 0x20000) + a2) - 8} one displacement). Each is the guest's fault at its
     * own instruction, at the address it computed (wrapped below zero for a negative one). Host memory is made
     * readable right past the lower guard, which no access may reach; the same load off a base in a mapped page reads
     * its words.
     */
    @Test
    void accessesPastTheWindowsEndsFaultAtTheirAddress() {
        assertEquals(GuestMemory.GUARD, dbt.x86.backend.BlockCompiler.WINDOW_GUARD);
        long end = GuestMemory.WINDOW_SIZE;
        int[] near = {0x7f853583, EBREAK}; // ld a1, 0x7f8(a0)
        int[] below = {0xf0053583, EBREAK}; // ld a1, -0x100(a0)
        int[] store = {0xf0b53023, EBREAK}; // sd a1, -0x100(a0)
        int[] far = {0x000202b7, 0x00a282b3, 0x00c282b3, 0xff82b283, EBREAK}; // lui t0, 0x20; add t0, t0, a0;
        // add t0, t0, a2; ld t0, -8(t0)
        int[] farBelow = {0xfffe02b7, 0x00a282b3, 0x00c282b3, 0xff82b283, EBREAK}; // lui t0, 0xfffe0; (the same)
        Object[][] cases = {{near, end - 8, end + 0x7f0, 0}, {below, 8L, 8L - 0x100, 0}, {store, 8L, 8L - 0x100, 0},
            {far, end - 8, end + 0x1fff0, 12}, {farBelow, 8L, -0x20000L, 12}};
        for (int translateAfter : new int[] {0, 16}) {
            for (Object[] c : cases) {
                String where = "a0 = 0x" + Long.toHexString((long) c[1]) + ", translate after " + translateAfter;
                Guest g = new Guest((int[]) c[0], translateAfter);
                long past = 64 * 1024;
                long host = g.memory.base() - GuestMemory.GUARD - past;
                long mapped = HostSyscall.call(HostSyscall.MMAP, host, past, HostSyscall.PROT_READ,
                        HostSyscall.MAP_PRIVATE | HostSyscall.MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
                try {
                    g.state.setRegister(0, 10, (long) c[1]);
                    g.state.setRegister(0, 12, 0);
                    g.state.setPc(CODE);
                    GuestFault fault = assertThrows(GuestFault.class, g.engine::run, where);
                    assertEquals((long) c[2], fault.address(), where);
                    assertEquals(CODE + (int) c[3], g.state.pc(), where);
                } finally {
                    if (mapped == host) {
                        HostSyscall.call(HostSyscall.MUNMAP, host, past, 0, 0, 0, 0);
                    }
                }
            }
            Guest g = new Guest(near, translateAfter);
            g.state.setRegister(0, 10, DATA + 0x800);
            g.state.setPc(CODE);
            assertEquals(Execution.Exit.BREAKPOINT, g.engine.run());
            long words = (0x7000_0000L + 1022) | (0x7000_0000L + 1023) << 32; // (the data page's last two words)
            assertEquals(words, g.state.register(0, 11), "translate after " + translateAfter);
        }
    }

    /** mmap's flag: map at the address given, or fail if anything is there (then nothing is mapped). */
    private static final int MAP_FIXED_NOREPLACE = 0x10_0000;

    /** The 64-bit sum of the first n words of the data page. */
    private static long longSum(int n) {
        long s = 0;
        for (int k = 0; k < n; k++) {
            s += 0x7000_0000L + k;
        }
        return s;
    }

    /**
     * A loop over {@code a[idx[k]]}, the table's base a4 a register it never changes and each index a loaded C int
     * (scaled by 4): the base is checked once where the loop is entered, the table accesses not at all (an index
     * reaches 2^33 bytes either way, within the guards). So the table access that leaves the mapped page halfway
     * through faults at its own instruction and address, after the iterations before it read their words; an index
     * that takes the access past the window's end (the base inside), or below its start (negated, scaled by 8),
     * faults there, in a guard; and a base outside the window runs the loop on the interpreter, which faults as the
     * guest does (host memory is made readable where the access would land, past the lower guard: without the
     * base's check the loop read it).
     */
    @Test
    void anArrayIndexFromAnIntFaultsAtItsOwnAccess() {
        int[] loop = {0x00052283, 0x00229293, 0x00e282b3, 0x0002a303, 0x006585b3, 0x00450513, 0xfec514e3,
            EBREAK}; // lw t0,0(a0); slli t0,t0,2; add t0,t0,a4; lw t1,0(t0); add a1,a1,t1; addi a0,a0,4;
        // bne a0,a2,loop; ebreak
        int[] negated = {0x00052283, 0x405002bb, 0x00329293, 0x00e282b3, 0x0002b303, 0x006585b3, 0x00450513,
            0xfec512e3, EBREAK}; // the same with negw t0,t0 after the load, slli by 3 and ld
        long table = 0x2_0000_0000L; // one page mapped there; each index is 0x7000_0000 + k (the data page's words)
        long first = 0x7000_0000L * 4;
        long end = GuestMemory.WINDOW_SIZE;
        Object[][] cases = {
            {loop, table + 0x800 - first, table + GuestMemory.PAGE_SIZE, 3, 512},
            {loop, end - 0x100, end - 0x100 + first, 3, 0},
            {loop, -GuestMemory.GUARD - 0x10000 - first, -GuestMemory.GUARD - 0x10000, 3, 0},
            {negated, 0x1000L, 0x1000L - 8 * 0x7000_0000L, 4, 0}};
        for (int translateAfter : new int[] {0, 1, 16}) {
            for (Object[] c : cases) {
                String where = "a4 = 0x" + Long.toHexString((long) c[1]) + ", translate after " + translateAfter;
                Guest g = walkingPastData((int[]) c[0], translateAfter, 0);
                g.memory.map(table, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE);
                byte[] words = new byte[(int) GuestMemory.PAGE_SIZE];
                for (int k = 0; k < words.length / 4; k++) {
                    putWord(words, 4 * k, k);
                }
                g.memory.write(table, words, 0, words.length);
                g.state.setRegister(0, 14, (long) c[1]);
                long host = g.memory.base() + (long) c[2];
                long mapped = (long) c[1] >= 0 ? 0 : HostSyscall.call(HostSyscall.MMAP, host,
                        GuestMemory.PAGE_SIZE, HostSyscall.PROT_READ,
                        HostSyscall.MAP_PRIVATE | HostSyscall.MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
                GuestFault fault;
                try {
                    fault = assertThrows(GuestFault.class, g.engine::run, where);
                } finally {
                    if (mapped == host) {
                        HostSyscall.call(HostSyscall.MUNMAP, host, GuestMemory.PAGE_SIZE, 0, 0, 0, 0);
                    }
                }
                assertEquals((long) c[2], fault.address(), where);
                assertEquals(CODE + 4L * (int) c[3], g.state.pc(), where);
                int done = (int) c[4];
                assertEquals(DATA + 4L * done, g.state.register(0, 10), "a0, " + where);
                long sum = 0;
                for (int k = 512; k < 512 + done; k++) {
                    sum += k;
                }
                assertEquals(sum, g.state.register(0, 11), "a1, " + where);
                assertEquals((long) c[2], g.state.register(0, 5), "t0, " + where);
            }
        }
    }

    /**
     * Runs the loop (see {@link #walkingPastData}, a3 zero) until the load that is its instruction number load faults
     * at the end of the data page; returns the state the fault leaves.
     */
    private static GuestState runToFault(int[] loop, int translateAfter, long a1, int load) {
        Guest g = walkingPastData(loop, translateAfter, a1);
        g.state.setRegister(0, 13, 0);
        GuestFault fault = assertThrows(GuestFault.class, g.engine::run, "translate after " + translateAfter);
        assertEquals(DATA + GuestMemory.PAGE_SIZE, fault.address());
        assertEquals(CODE + 4L * load, g.state.pc());
        return g.state;
    }

    /** The loop at CODE with a0 at DATA (one page mapped), a2 two pages on (its end), and a1 given. */
    private static Guest walkingPastData(int[] loop, int translateAfter, long a1) {
        Guest g = new Guest(loop, translateAfter);
        g.state.setRegister(0, 10, DATA);
        g.state.setRegister(0, 11, a1);
        g.state.setRegister(0, 12, DATA + 2 * GuestMemory.PAGE_SIZE);
        g.state.setPc(CODE);
        return g;
    }

    private static final class Guest {
        final GuestState state;
        final TranslatingEngine engine;
        final GuestMemory memory;

        Guest(int[] words, int translateAfter) {
            this(words, TranslationOptions.all().withTranslateAfter(translateAfter));
        }

        Guest(int[] words, TranslationOptions options) {
            InstructionDecoder decoder = ShippedIsa.riscv64();
            memory = new GuestMemory();
            byte[] code = new byte[4 * words.length];
            for (int k = 0; k < words.length; k++) {
                putWord(code, 4 * k, words[k]);
            }
            long length = GuestMemory.pageUp(code.length); // below DATA
            memory.map(CODE, length, GuestMemory.READ | GuestMemory.WRITE);
            memory.write(CODE, code, 0, code.length);
            memory.protect(CODE, length, GuestMemory.READ | GuestMemory.EXEC);
            memory.map(DATA, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE);
            byte[] data = new byte[(int) GuestMemory.PAGE_SIZE];
            for (int k = 0; k < data.length / 4; k++) {
                putWord(data, 4 * k, 0x7000_0000 + k);
            }
            memory.write(DATA, data, 0, data.length);
            state = new GuestState(decoder.model().registerFiles().stream().mapToInt(f -> f.count()).toArray(),
                    decoder.model().csrSlots());
            engine = new TranslatingEngine(decoder, new GuestMachine(state, memory), options,
                    new PrintStream(OutputStream.nullOutputStream()));
        }

        /** The 32-bit sum of the words from index from to index to (exclusive). */
        int sum(int from, int to) {
            int s = 0;
            for (int k = from; k < to; k++) {
                s += 0x7000_0000 + k;
            }
            return s;
        }
    }

    private static void putWord(byte[] code, int at, int word) {
        for (int b = 0; b < 4; b++) {
            code[at + b] = (byte) (word >>> (8 * b));
        }
    }
}
