package dbt.isa.interp;

import com.oracle.truffle.api.CallTarget;
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
 */
public final class Interpreter {
    private final IsaModel model;
    private final BlockCache blocks = new BlockCache();
    private final BlockCache singles = new BlockCache();
    private final CallTarget blockDispatch;
    private final CallTarget singleDispatch;

    public Interpreter(InstructionDecoder decoder) {
        this.model = decoder.model();
        int locals = model.instructions().stream().mapToInt(Instruction::locals).max().orElse(0);
        FrameDescriptor frame = Frames.descriptor(locals);
        this.blockDispatch = new DispatchNode(frame, model, new BlockDecoder(decoder), blocks, locals).getCallTarget();
        this.singleDispatch = new DispatchNode(frame, model, new BlockDecoder(decoder, 1), singles, locals)
                .getCallTarget();
    }

    public IsaModel model() {
        return model;
    }

    /** Runs block after block from the machine's pc until one exits with something other than CONTINUE. */
    public Execution.Exit run(Machine machine, Execution execution) {
        return (Execution.Exit) blockDispatch.call(machine, execution, Boolean.FALSE);
    }

    /** Runs the block at the machine's pc. */
    public Execution.Exit step(Machine machine, Execution execution) {
        return (Execution.Exit) blockDispatch.call(machine, execution, Boolean.TRUE);
    }

    /** Runs the one instruction at the machine's pc (for a translator that leaves an instruction to us). */
    public Execution.Exit stepInstruction(Machine machine, Execution execution) {
        return (Execution.Exit) singleDispatch.call(machine, execution, Boolean.TRUE);
    }

    /** Forgets every cached block (fence.i, or code that was unmapped or rewritten). */
    public void invalidate() {
        blocks.clear();
        singles.clear();
    }

    public int cachedBlocks() {
        return blocks.size();
    }
}
