package dbt.runtime.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.frontend.ShippedIsa;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.interp.Execution;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The engine's way of running blocks first on the IR interpreter, on more blocks than it keeps waiting. */
class TranslatingEngineTest {
    private static final long CODE = 0x10000;
    private static final int ADDI_A0_A0_1 = 0x00150513;
    private static final int BNE_A0_ZERO_PLUS_4 = 0x00051263;
    private static final int EBREAK = 0x00100073;

    @Test
    void moreRunOnceBlocksThanTheColdCacheHolds() {
        int blocks = 20_000; // more than Translator.COLD_BLOCKS
        InstructionDecoder decoder = ShippedIsa.riscv64();
        GuestMemory memory = new GuestMemory();
        long length = GuestMemory.pageUp(8L * blocks + 4);
        memory.map(CODE, length, GuestMemory.READ | GuestMemory.WRITE);
        byte[] code = new byte[8 * blocks + 4];
        for (int k = 0; k < blocks; k++) {
            putWord(code, 8 * k, ADDI_A0_A0_1);
            putWord(code, 8 * k + 4, BNE_A0_ZERO_PLUS_4); // a block each: the condition is not known when lifting
        }
        putWord(code, 8 * blocks, EBREAK);
        memory.write(CODE, code, 0, code.length);
        memory.protect(CODE, length, GuestMemory.READ | GuestMemory.EXEC);
        GuestState state = new GuestState(decoder.model().registerFiles().stream().mapToInt(f -> f.count()).toArray(),
                decoder.model().csrSlots());
        state.setPc(CODE);
        TranslatingEngine engine = new TranslatingEngine(decoder, new GuestMachine(state, memory),
                TranslationOptions.all().withTranslateAfter(16).withOutput(java.util.Set.of(), true),
                new PrintStream(OutputStream.nullOutputStream()));

        assertEquals(Execution.Exit.BREAKPOINT, engine.run());
        assertEquals(blocks, state.register(0, 10), "a0 counts every block run");
        assertEquals(CODE + 8L * blocks, state.pc());
        ByteArrayOutputStream stats = new ByteArrayOutputStream();
        engine.printStats(new PrintStream(stats, true, StandardCharsets.UTF_8));
        Matcher waiting = Pattern.compile("([0-9,]+) blocks never translated").matcher(stats.toString(StandardCharsets.UTF_8));
        assertTrue(waiting.find(), stats.toString(StandardCharsets.UTF_8));
        int left = Integer.parseInt(waiting.group(1).replace(",", ""));
        assertTrue(left < blocks, "the blocks waiting for translation are bounded, not all " + blocks + ": " + left);
    }

    private static void putWord(byte[] code, int at, int word) {
        for (int b = 0; b < 4; b++) {
            code[at + b] = (byte) (word >>> (8 * b));
        }
    }
}
