package dbt.isa.interp;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.RootNode;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.exec.GuestFault;
import dbt.isa.exec.Machine;

/**
 * A guest basic block as a Truffle root: its instructions run in order, then the pc is set to the next pc of the
 * last one. If an instruction faults, the pc is left at that instruction (as the guest's kernel would report it)
 * and only the instructions before it count as retired; a breakpoint leaves it on the breakpoint. A block that stopped at an undecodable word runs the
 * instructions before it and exits ILLEGAL with the pc on the word.
 */
final class BlockNode extends RootNode {
    @Children private final InstructionNode[] instructions;
    private final int nextPcSlot;
    private final BlockDecoder.Block block;

    BlockNode(FrameDescriptor frame, InstructionNode[] instructions, int nextPcSlot, BlockDecoder.Block block) {
        super(null, frame);
        this.instructions = instructions;
        this.nextPcSlot = nextPcSlot;
        this.block = block;
    }

    static FrameDescriptor frame(int locals) {
        FrameDescriptor.Builder b = FrameDescriptor.newBuilder();
        b.addSlots(locals + 1, FrameSlotKind.Long);
        return b.build();
    }

    @Override
    @ExplodeLoop
    public Object execute(VirtualFrame frame) {
        Machine machine = Frames.machine(frame);
        Execution execution = Frames.execution(frame);
        execution.exit = Execution.Exit.CONTINUE;
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
        switch (block.stop()) {
            // A breakpoint reports the address of the breakpoint instruction itself, as Linux's SIGTRAP does.
            case END -> machine.setPc(execution.exit == Execution.Exit.BREAKPOINT
                    ? instructions[instructions.length - 1].address : frame.getLong(nextPcSlot));
            case UNDECODABLE -> {
                machine.setPc(block.stopAddress());
                execution.exit = Execution.Exit.ILLEGAL;
                execution.illegalWord = block.stopWord();
                execution.illegalLength = block.stopLength();
            }
            case FETCH_FAULT -> {
                if (instructions.length == 0) {
                    machine.setPc(block.stopAddress());
                    throw new GuestFault(block.stopAddress(), GuestFault.Access.EXECUTE);
                }
                machine.setPc(frame.getLong(nextPcSlot));
            }
        }
        return null;
    }

    BlockDecoder.Block block() {
        return block;
    }

    @Override
    public String getName() {
        return "block@0x" + Long.toHexString(block.address());
    }
}
