package dbt.isa.interp;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import dbt.ir.GuestFault;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.exec.Machine;
import java.util.Arrays;

/**
 * A guest basic block: its instructions run in order, then the pc is set to the next pc of the last one. If an
 * instruction faults, the pc is left at that instruction (as the guest's kernel would report it) and only the
 * instructions before it count as retired; a breakpoint leaves it on the breakpoint. A block that stopped at an
 * undecodable word runs the instructions before it and exits ILLEGAL with the pc on the word.
 *
 * <p>Not a root of its own: a {@link DispatchNode} runs block after block on one frame (going from a block to the
 * next costs a table lookup and a call, not a Truffle call); with the optimizing runtime, a hot block heads a
 * {@link RegionRoot} of its own, and the dispatcher's node of a block records where the block went
 * ({@link #recordSuccessor}) for regions to follow.
 */
final class BlockNode extends Node {
    /** The most distinct successors a block records: a return seen going to more places keeps the first ones. */
    static final int MAX_SUCCESSORS = 8;

    @Children private final InstructionNode[] instructions;
    private final StateLayout layout;
    /**
     * Whether the block may end with an exit other than CONTINUE (a system call, breakpoint or fence.i among its
     * instructions, or an undecodable word): only then does anyone need to look at the execution's exit after it.
     * The exit is CONTINUE when a block starts ({@link Interpreter} resets it before each run).
     */
    private final boolean exits;
    private final int nextPcSlot;
    private final BlockDecoder.Block block;
    private final BlockDecoder.Stop stop;
    /**
     * For the compiled dispatcher ({@link DispatchStep}): how often this node ran; the region that holds the block,
     * its call target, the block's index there (0 for the block that heads it) and how often the dispatcher called
     * it; and the addresses this block went to next (the most frequent first, with their counts), for regions to
     * follow.
     */
    int runs;
    RegionRoot region;
    CallTarget target;
    int regionEntry;
    int targetCalls;
    long[] successors = new long[0];
    int[] successorCounts = new int[0];

    BlockNode(InstructionNode[] instructions, int nextPcSlot, BlockDecoder.Block block, StateLayout layout,
              boolean exits) {
        this.instructions = instructions;
        this.exits = exits;
        this.layout = layout;
        this.nextPcSlot = nextPcSlot;
        this.block = block;
        this.stop = block.stop();
    }

    /** Runs the block; returns the pc it leaves in the machine. */
    @ExplodeLoop
    long execute(VirtualFrame frame) {
        Machine machine = Frames.machine(frame);
        Execution execution = Frames.execution(frame);
        execution.blocksRun++;
        int done = 0;
        try {
            for (InstructionNode insn : instructions) {
                insn.execute(frame);
                done++;
            }
        } catch (GuestFault | IllegalInstruction | SemanticsError e) {
            layout.setPc(machine, Frames.stateAddress(frame), instructions[done].address);
            execution.retired += done;
            throw e;
        }
        execution.retired += done;
        long next;
        switch (stop) {
            // A breakpoint reports the address of the breakpoint instruction itself, as Linux's SIGTRAP does.
            case END -> next = exits && execution.exit == Execution.Exit.BREAKPOINT
                    ? instructions[instructions.length - 1].address : frame.getLong(nextPcSlot);
            case UNDECODABLE -> {
                next = block.stopAddress();
                execution.exit = Execution.Exit.ILLEGAL;
                execution.illegalWord = block.stopWord();
                execution.illegalLength = block.stopLength();
            }
            case FETCH_FAULT -> {
                if (instructions.length == 0) {
                    layout.setPc(machine, Frames.stateAddress(frame), block.stopAddress());
                    throw new GuestFault(block.stopAddress(), GuestFault.Access.EXECUTE);
                }
                next = frame.getLong(nextPcSlot);
            }
            default -> throw new IllegalStateException(stop.name());
        }
        layout.setPc(machine, Frames.stateAddress(frame), next);
        return next;
    }

    /** Counts a run that went on to next (the dispatcher's plain runs only), keeping the most frequent first. */
    void recordSuccessor(long next) {
        long[] s = successors;
        int[] c = successorCounts;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == next) {
                c[i]++;
                for (int j = i; j > 0 && c[j] > c[j - 1]; j--) { // keep the order by count
                    long ks = s[j];
                    s[j] = s[j - 1];
                    s[j - 1] = ks;
                    int kc = c[j];
                    c[j] = c[j - 1];
                    c[j - 1] = kc;
                }
                return;
            }
        }
        if (s.length < MAX_SUCCESSORS) {
            successors = Arrays.copyOf(s, s.length + 1);
            successorCounts = Arrays.copyOf(c, c.length + 1);
            successors[s.length] = next;
            successorCounts[s.length] = 1;
        }
    }

    boolean exits() {
        return exits;
    }

    int instructionCount() {
        return instructions.length;
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
