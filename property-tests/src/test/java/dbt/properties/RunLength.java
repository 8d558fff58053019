package dbt.properties;

import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.ir.GuestFault;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.interp.Execution;
import dbt.isa.interp.IllegalInstruction;
import dbt.isa.interp.Interpreter;
import dbt.isa.model.IsaModel;
import dbt.runtime.check.CheckCase;

/**
 * How far a case runs on the reference interpreter: guest instructions retired and blocks run before it stops (a
 * system call, fault, illegal instruction, or a budget of blocks), and how it stopped. For measuring generators of
 * guest code, not for comparing engines. The layout is {@link CheckCase}'s: a code page ending at
 * {@link RunningPrograms#CODE_END}, a data region at {@link RunningPrograms#DATA}.
 */
final class RunLength implements AutoCloseable {
    record Run(long instructions, long blocks, String end) {}

    private final IsaModel model;
    private final Interpreter interpreter;
    private final GuestMemory memory = new GuestMemory();
    private final GuestState state;
    private final GuestMachine machine;

    RunLength(InstructionDecoder decoder) {
        this.model = decoder.model();
        this.interpreter = new Interpreter(decoder);
        this.state = new GuestState(model.registerFiles().stream().mapToInt(f -> f.count()).toArray(), model.csrSlots());
        this.machine = new GuestMachine(state, memory);
        memory.map(RunningPrograms.CODE_END - 0x1000, 0x1000, GuestMemory.READ | GuestMemory.EXEC);
        memory.map(RunningPrograms.DATA, 0x2000, GuestMemory.READ | GuestMemory.WRITE);
    }

    /** Runs the case from its first instruction, or from {@code pc} if it is not -1. */
    Run run(CheckCase c, long pc, int budget) {
        byte[] code = new byte[0x1000];
        int at = code.length - c.codeBytes();
        for (long[] w : c.code()) {
            for (int b = 0; b < w[1]; b++) {
                code[at++] = (byte) (w[0] >>> (8 * b));
            }
        }
        long page = RunningPrograms.CODE_END - 0x1000;
        memory.protect(page, code.length, GuestMemory.READ | GuestMemory.WRITE);
        memory.write(page, code, 0, code.length);
        memory.protect(page, code.length, GuestMemory.READ | GuestMemory.EXEC);
        memory.write(RunningPrograms.DATA, c.data(), 0, c.data().length);
        c.loadState(state);
        state.setPc(pc == -1 ? c.start() : pc);
        interpreter.invalidate();
        Execution execution = new Execution();
        String end = "budget";
        try {
            for (int k = 0; k < budget; k++) {
                Execution.Exit e = interpreter.step(machine, execution);
                if (e != Execution.Exit.CONTINUE && e != Execution.Exit.FENCE_I) {
                    end = e.name().toLowerCase();
                    break;
                }
            }
        } catch (GuestFault f) {
            end = "fault";
        } catch (IllegalInstruction i) {
            end = "illegal";
        }
        return new Run(execution.retired(), execution.blocksRun(), end);
    }

    @Override
    public void close() {
        memory.close();
        state.close();
    }
}
