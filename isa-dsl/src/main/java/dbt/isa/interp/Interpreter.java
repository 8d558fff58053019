package dbt.isa.interp;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.FrameDescriptor;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.exec.Machine;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;

/**
 * The reference interpreter: executes guest blocks straight from the semantics of an ISA model, as Truffle ASTs
 * built once per block and cached by address. {@link #run} runs blocks until one stops for something the runtime
 * must handle, {@link #step} runs one block; both report why it stopped, and the runtime's dispatcher decides what
 * happens next (system calls, illegal instructions, exits).
 *
 * <p>With Truffle's optimizing runtime, {@link #run} turns regions of hot blocks into call targets that Graal
 * compiles ({@link RegionRoot}), called from a dispatch loop Graal compiles too ({@link CompiledDispatchNode}); without it, and for {@link #step} and
 * {@link #stepInstruction} (one block, one instruction at a time), blocks are plain nodes ({@link DispatchNode}).
 */
public final class Interpreter {
    /**
     * How {@link #run} dispatches: blocks as plain nodes ({@link DispatchNode}), or regions of hot blocks as call
     * targets from a compiled dispatch loop ({@link CompiledDispatchNode}). The latter on a Truffle that does not
     * compile makes regions call targets all the same (uncompiled), so that the two can be compared without Graal.
     */
    public enum Dispatch { NODES, CALL_TARGETS }

    private final IsaModel model;
    private final Dispatch dispatch;
    private final BlockCache<BlockNode> blocks = new BlockCache<>();
    private final BlockCache<BlockNode> steps = new BlockCache<>();
    private final BlockCache<BlockNode> singles = new BlockCache<>();
    private final StateLayout layout;
    private final DispatchStep compiledStep;
    private final CallTarget runDispatch;
    private final CallTarget stepDispatch;
    private final CallTarget singleDispatch;
    /** Valid while the code the compiled blocks were decoded from is unchanged. */
    private Assumption code = newCodeAssumption();

    /**
     * An interpreter that compiles hot blocks exactly when Truffle can (the system property
     * {@code dbt.interp.dispatch=nodes} keeps plain nodes on the optimizing runtime too, to compare the two).
     */
    public Interpreter(InstructionDecoder decoder) {
        this(decoder, optimizing() && !"nodes".equals(System.getProperty("dbt.interp.dispatch"))
                ? Dispatch.CALL_TARGETS : Dispatch.NODES);
    }

    public Interpreter(InstructionDecoder decoder, Dispatch dispatch) {
        this.model = decoder.model();
        this.dispatch = dispatch;
        int locals = model.instructions().stream().mapToInt(Instruction::locals).max().orElse(0);
        FrameDescriptor frame = Frames.descriptor(locals);
        this.layout = new StateLayout(model);
        BlockBuilder builder = new BlockBuilder(model, new BlockDecoder(decoder), Frames.nextPcSlot(locals), layout);
        this.compiledStep = dispatch == Dispatch.CALL_TARGETS
                ? new DispatchStep(frame, builder, blocks, () -> code, !optimizing(), layout) : null;
        this.runDispatch = compiledStep != null ? new CompiledDispatchNode(compiledStep).getCallTarget()
                : new DispatchNode(frame, builder, blocks).getCallTarget();
        this.stepDispatch = new DispatchNode(frame, builder, steps).getCallTarget();
        BlockBuilder single = new BlockBuilder(model, new BlockDecoder(decoder, 1), Frames.nextPcSlot(locals), layout);
        this.singleDispatch = new DispatchNode(frame, single, singles).getCallTarget();
    }

    /** Whether Truffle runs with an optimizing runtime here (Graal on JVMCI), not interpreter-only. */
    public static boolean optimizing() {
        return !"Interpreted".equals(Truffle.getRuntime().getName());
    }

    public IsaModel model() {
        return model;
    }

    public Dispatch dispatch() {
        return dispatch;
    }

    /** Runs block after block from the machine's pc until one exits with something other than CONTINUE. */
    public Execution.Exit run(Machine machine, Execution execution) {
        Frames.profileMachine(machine);
        layout.resolve(machine);
        execution.exit = Execution.Exit.CONTINUE;
        Object exit;
        do {
            exit = runDispatch.call(machine, execution, Boolean.FALSE); // null: the compiled dispatcher's chunk ended
        } while (exit == null);
        return (Execution.Exit) exit;
    }

    /** Runs the block at the machine's pc. */
    public Execution.Exit step(Machine machine, Execution execution) {
        Frames.profileMachine(machine);
        layout.resolve(machine);
        execution.exit = Execution.Exit.CONTINUE;
        return (Execution.Exit) stepDispatch.call(machine, execution, Boolean.TRUE);
    }

    /** Runs the one instruction at the machine's pc (for a translator that leaves an instruction to us). */
    public Execution.Exit stepInstruction(Machine machine, Execution execution) {
        Frames.profileMachine(machine);
        layout.resolve(machine);
        execution.exit = Execution.Exit.CONTINUE;
        return (Execution.Exit) singleDispatch.call(machine, execution, Boolean.TRUE);
    }

    /** Forgets every cached block (fence.i, or code that was unmapped or rewritten); compiled blocks are discarded. */
    public void invalidate() {
        blocks.clear();
        steps.clear();
        singles.clear();
        code.invalidate();
        code = newCodeAssumption();
    }

    /** Regions of hot blocks made call targets (for Graal to compile) since the start. */
    public int regions() {
        return compiledStep == null ? 0 : compiledStep.regions;
    }

    /** The blocks of those regions (a block may be in several). */
    public int regionBlocks() {
        return compiledStep == null ? 0 : compiledStep.regionBlocks;
    }

    public int cachedBlocks() {
        return blocks.size() + steps.size();
    }

    private static Assumption newCodeAssumption() {
        return Truffle.getRuntime().createAssumption("guest code unchanged");
    }
}
