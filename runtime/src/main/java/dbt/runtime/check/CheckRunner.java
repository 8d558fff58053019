package dbt.runtime.check;

import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.exec.GuestFault;
import dbt.isa.interp.Execution;
import dbt.isa.interp.IllegalInstruction;
import dbt.isa.interp.Interpreter;
import dbt.isa.interp.SemanticsError;
import dbt.isa.model.IsaModel;
import dbt.runtime.translate.TranslatingEngine;
import dbt.runtime.translate.TranslationOptions;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Runs equivalence cases on one engine — the reference interpreter, or the translator with given options — on a
 * guest machine it keeps from case to case. A run ends at the first system call, fault, illegal instruction or
 * breakpoint, or when its block budget is spent; the result describes the final state (exit, pc, every register,
 * the data region) as text, so two runs compare by equality and differ readably.
 */
public final class CheckRunner implements AutoCloseable {
    /** The blocks the interpreter may run: a case it does not finish within them is not compared. */
    static final int BUDGET = 5_000;
    /**
     * What the translator may spend. It counts finer than the interpreter: each instruction it leaves to the
     * interpreter while the guest's rounding mode is a reserved one, each piece of a block it splits where an
     * instruction is interpreted. So a case the interpreter finishes may cost it up to a block's most instructions
     * per block; more than that, and the translation loops where the guest does not.
     */
    static final long TRANSLATED_BUDGET = (long) BUDGET * BlockDecoder.MAX_INSTRUCTIONS;

    private final InstructionDecoder decoder;
    private final IsaModel model;
    private final GuestMemory memory = new GuestMemory();
    private final GuestState state;
    private final GuestMachine machine;
    private final TranslatingEngine translator;
    private final Interpreter interpreter;

    /** The outcome of a run; finished is false when the budget ran out. */
    public record Outcome(String state, boolean finished) {}

    /** A runner on the interpreter (options null) or on the translator. */
    public CheckRunner(InstructionDecoder decoder, TranslationOptions options) {
        this.decoder = decoder;
        this.model = decoder.model();
        this.state = new GuestState(model.registerFiles().stream().mapToInt(f -> f.count()).toArray(), model.csrSlots());
        this.machine = new GuestMachine(state, memory);
        memory.map(CheckLayout.CODE, CheckLayout.CODE_END - CheckLayout.CODE, GuestMemory.READ | GuestMemory.EXEC);
        memory.map(CheckLayout.DATA, CheckLayout.DATA_BYTES, GuestMemory.READ | GuestMemory.WRITE);
        this.translator = options == null ? null : new TranslatingEngine(decoder, machine, options.withBudget(),
                new PrintStream(OutputStream.nullOutputStream()));
        this.interpreter = options == null ? new Interpreter(decoder) : null;
    }

    /** The translator this runner runs cases on, or null for the interpreter (for its statistics). */
    public TranslatingEngine translator() {
        return translator;
    }

    public Outcome run(CheckCase c) {
        load(c);
        String end;
        boolean finished = true;
        try {
            end = translator != null ? runTranslated() : runInterpreted();
            if (end == null) {
                end = "budget of " + (translator != null ? TRANSLATED_BUDGET : BUDGET) + " blocks spent";
                finished = false;
            }
        } catch (GuestFault f) {
            end = "fault: " + f.access().name().toLowerCase() + " of 0x" + Long.toHexString(f.address());
        } catch (IllegalInstruction e) {
            end = "illegal instruction: " + e.getMessage();
        } catch (SemanticsError e) {
            end = "semantics error: " + e.getMessage();
        }
        return new Outcome(describe(end, c), finished);
    }

    private String runTranslated() {
        translator.setBudget(TRANSLATED_BUDGET);
        while (true) {
            Execution.Exit e = translator.run();
            switch (e) {
                case CONTINUE -> {
                    return null; // budget spent
                }
                case FENCE_I -> translator.invalidate();
                default -> {
                    return e.name().toLowerCase();
                }
            }
        }
    }

    private String runInterpreted() {
        Execution execution = new Execution();
        for (int blocks = 0; blocks < BUDGET; blocks++) {
            Execution.Exit e = interpreter.step(machine, execution);
            switch (e) {
                case CONTINUE -> { }
                case FENCE_I -> interpreter.invalidate();
                default -> {
                    return e.name().toLowerCase();
                }
            }
        }
        return null;
    }

    private void load(CheckCase c) {
        if (translator != null) {
            translator.invalidate();
        } else {
            interpreter.invalidate();
        }
        int size = (int) (CheckLayout.CODE_END - CheckLayout.CODE);
        byte[] code = new byte[size];
        int at = size - c.codeBytes();
        for (long[] w : c.code()) {
            for (int b = 0; b < w[1]; b++) {
                code[at++] = (byte) (w[0] >>> (8 * b));
            }
        }
        memory.protect(CheckLayout.CODE, size, GuestMemory.READ | GuestMemory.WRITE);
        memory.write(CheckLayout.CODE, code, 0, size);
        memory.protect(CheckLayout.CODE, size, GuestMemory.READ | GuestMemory.EXEC);
        memory.write(CheckLayout.DATA, c.data(), 0, c.data().length);
        c.loadState(state);
        state.setPc(c.start());
    }

    private String describe(String end, CheckCase c) {
        StringBuilder sb = new StringBuilder("end: " + end + String.format("%npc = 0x%x%n", state.pc()));
        for (int f = 0; f < c.registers().length; f++) {
            var rf = model.registerFiles().get(f);
            for (int r = 0; r < rf.count(); r++) {
                sb.append(String.format("%s = 0x%x%n", rf.registerName(r), state.register(f, r)));
            }
        }
        for (int s = 0; s < model.csrSlots(); s++) {
            sb.append(String.format("csr slot %d = 0x%x%n", s, state.csr(s)));
        }
        byte[] data = new byte[CheckLayout.DATA_BYTES];
        memory.read(CheckLayout.DATA, data, 0, data.length);
        for (int k = 0; k < data.length; k += 8) {
            long v = 0;
            for (int b = 7; b >= 0; b--) {
                v = (v << 8) | (data[k + b] & 0xff);
            }
            sb.append(String.format("[0x%x] = 0x%x%n", CheckLayout.DATA + k, v));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        memory.close();
        state.close();
    }
}
