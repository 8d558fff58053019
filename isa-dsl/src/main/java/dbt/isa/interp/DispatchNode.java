package dbt.isa.interp;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.exec.Machine;
import dbt.isa.model.IsaModel;

/**
 * The interpreter's one Truffle root: finds the block at the pc (building it on first use), runs it, and goes on
 * with the next until a block stops with an exit other than CONTINUE (or after one block, when the third argument
 * is {@code true}, or when the machine asks for an interrupt). All blocks share the frame of this call: the ISA's widest instruction fixes its layout.
 *
 * <p>Blocks are not call targets of their own because a Truffle call without the optimising compiler is expensive
 * next to a short block: a new frame (four arrays) and its argument array, a frame-stack entry pushed and popped
 * through a thread local, the encapsulating-node thread local saved and restored, a safepoint poll; and the cache
 * lookup boxed the pc. Call-heavy guest code runs blocks of about five instructions, and that per-block work took a
 * quarter to a half of the time (and a young collection every ~100 ms).
 */
final class DispatchNode extends RootNode {
    private final IsaModel model;
    private final BlockDecoder decoder;
    private final BlockCache cache;
    private final int nextPcSlot;

    DispatchNode(FrameDescriptor frame, IsaModel model, BlockDecoder decoder, BlockCache cache, int nextPcSlot) {
        super(null, frame);
        this.model = model;
        this.decoder = decoder;
        this.cache = cache;
        this.nextPcSlot = nextPcSlot;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Machine machine = Frames.machine(frame);
        Execution execution = Frames.execution(frame);
        boolean once = (Boolean) frame.getArguments()[2];
        long pc = machine.pc();
        while (true) {
            BlockNode block = cache.get(pc);
            if (block == null) {
                block = build(machine, pc);
            }
            execution.blocksRun++;
            pc = block.execute(frame);
            if (once || execution.exit != Execution.Exit.CONTINUE || machine.interruptRequested()) {
                return execution.exit;
            }
        }
    }

    private BlockNode build(Machine machine, long pc) {
        BlockDecoder.Block block = decoder.decode(machine::fetch16, pc);
        InstructionNode[] nodes = new InstructionNode[block.instructions().size()];
        for (int i = 0; i < nodes.length; i++) {
            BlockDecoder.Decoded d = block.instructions().get(i);
            NodeBuilder b = new NodeBuilder(model, d.instruction(), d.word(), d.address(), nextPcSlot);
            nodes[i] = new InstructionNode(d.address(), d.bytes(), nextPcSlot, b.statements(d.instruction().semantics()));
        }
        BlockNode node = insert(new BlockNode(nodes, nextPcSlot, block));
        cache.put(pc, node);
        return node;
    }

    @Override
    public String getName() {
        return "dispatch";
    }
}
