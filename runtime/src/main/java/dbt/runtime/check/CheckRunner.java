package dbt.runtime.check;

import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.ir.GuestFault;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
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
 * breakpoint, or when its block budget is spent; the result is the final state (how it ended, pc, every register
 * and CSR, the data region) as raw values, so two runs compare by content; it becomes text only to show a difference
 * (formatting every case's 8 KiB of data took three quarters of check's time).
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
    public record Outcome(FinalState state, boolean finished) {}

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
        return new Outcome(finalState(end), finished);
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

    private FinalState finalState(String end) {
        long[][] registers = new long[model.registerFiles().size()][];
        for (int f = 0; f < registers.length; f++) {
            registers[f] = new long[model.registerFiles().get(f).count()];
            for (int r = 0; r < registers[f].length; r++) {
                registers[f][r] = state.register(f, r);
            }
        }
        long[] csrs = new long[model.csrSlots()];
        for (int s = 0; s < csrs.length; s++) {
            csrs[s] = state.csr(s);
        }
        byte[] data = new byte[CheckLayout.DATA_BYTES];
        memory.read(CheckLayout.DATA, data, 0, data.length);
        return new FinalState(model, end, state.pc(), registers, csrs, data);
    }

    @Override
    public void close() {
        memory.close();
        state.close();
    }
}
