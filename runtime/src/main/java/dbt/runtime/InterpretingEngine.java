package dbt.runtime;

import dbt.isa.decode.InstructionDecoder;
import dbt.isa.exec.Machine;
import dbt.isa.interp.Execution;
import dbt.isa.interp.Interpreter;
import java.io.PrintStream;

/** The reference interpreter as an engine: block after block until an exit that is not CONTINUE. */
public final class InterpretingEngine implements Engine {
    private final Interpreter interpreter;
    private final Machine machine;
    private final Execution execution = new Execution();
    private long started = System.nanoTime();

    public InterpretingEngine(InstructionDecoder decoder, Machine machine) {
        this.interpreter = new Interpreter(decoder);
        this.machine = machine;
    }

    @Override
    public Execution.Exit run() {
        return interpreter.run(machine, execution);
    }

    @Override
    public void invalidate() {
        interpreter.invalidate();
    }

    @Override
    public long illegalWord() {
        return execution.illegalWord();
    }

    @Override
    public int illegalLength() {
        return execution.illegalLength();
    }

    @Override
    public void printStats(PrintStream out) {
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
        out.printf("dbt: interpreted %,d guest instructions in %,d blocks, %.3f s (%.1f M instructions/s; "
                        + "%.3f s of CPU in the guest's thread); "
                        + "%,d block runs, %.1f instructions each; %s%n",
                execution.retired(), interpreter.cachedBlocks(), seconds, execution.retired() / seconds / 1e6, cpu,
                execution.blocksRun(), (double) execution.retired() / Math.max(1, execution.blocksRun()),
                interpreter.dispatch() == Interpreter.Dispatch.CALL_TARGETS
                        ? String.format("%,d regions of hot blocks (%,d blocks) made call targets for Graal, called %,d times; %.1f%% of block runs compiled",
                                interpreter.regions(), interpreter.regionBlocks(), execution.regionCalls(),
                                100.0 * execution.compiledBlocks() / Math.max(1, execution.blocksRun()))
                        : "Truffle without compilation");
    }
}
