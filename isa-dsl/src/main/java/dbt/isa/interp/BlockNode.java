package dbt.isa.interp;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.exec.GuestFault;
import dbt.isa.exec.Machine;

/**
 * A guest basic block: its instructions run in order, then the pc is set to the next pc of the last one. If an
 * instruction faults, the pc is left at that instruction (as the guest's kernel would report it) and only the
 * instructions before it count as retired; a breakpoint leaves it on the breakpoint. A block that stopped at an
 * undecodable word runs the instructions before it and exits ILLEGAL with the pc on the word.
 *
 * <p>Not a root of its own: a {@link DispatchNode} runs block after block on one frame (going from a block to the
 * next costs a table lookup and a call, not a Truffle call); with the optimizing runtime, a hot block gets a
 * {@link BlockRoot} of its own.
 */
final class BlockNode extends Node {
    @Children private final InstructionNode[] instructions;
    private final int nextPcSlot;
    private final BlockDecoder.Block block;
    private final BlockDecoder.Stop stop;
    /**
     * For the compiled dispatcher ({@link DispatchStep}): how often this node ran, the block's own call target once
     * it is hot, how often that was called, and whether it has run as compiled code.
     */
    int runs;
    CallTarget target;
    int targetCalls;
    volatile boolean targetCompiled;

    BlockNode(InstructionNode[] instructions, int nextPcSlot, BlockDecoder.Block block) {
        this.instructions = instructions;
        this.nextPcSlot = nextPcSlot;
        this.block = block;
        this.stop = block.stop();
    }

    /** Runs the block; returns the pc it leaves in the machine. */
    @ExplodeLoop
    long execute(VirtualFrame frame) {
        Machine machine = Frames.machine(frame);
        Execution execution = Frames.execution(frame);
        execution.exit = Execution.Exit.CONTINUE;
        execution.blocksRun++;
        int done = 0;
        try {
            for (InstructionNode insn : instructions) {
                insn.execute(frame);
                done++;
            }
        } catch (GuestFault | IllegalInstruction | SemanticsError e) {
            machine.setPc(instructions[done].address);
            execution.retired += done;
            throw e;
        }
        execution.retired += done;
        long next;
        switch (stop) {
            // A breakpoint reports the address of the breakpoint instruction itself, as Linux's SIGTRAP does.
            case END -> next = execution.exit == Execution.Exit.BREAKPOINT
                    ? instructions[instructions.length - 1].address : frame.getLong(nextPcSlot);
            case UNDECODABLE -> {
                next = block.stopAddress();
                execution.exit = Execution.Exit.ILLEGAL;
                execution.illegalWord = block.stopWord();
                execution.illegalLength = block.stopLength();
            }
            case FETCH_FAULT -> {
                if (instructions.length == 0) {
                    machine.setPc(block.stopAddress());
                    throw new GuestFault(block.stopAddress(), GuestFault.Access.EXECUTE);
                }
                next = frame.getLong(nextPcSlot);
            }
            default -> throw new IllegalStateException(stop.name());
        }
        machine.setPc(next);
        return next;
    }

    BlockDecoder.Block block() {
        return block;
    }

    long address() {
        return block.address();
    }

    @Override
    public String toString() {
        return "block@0x" + Long.toHexString(block.address());
    }
}
