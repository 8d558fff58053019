package dbt.isa.interp;

import com.oracle.truffle.api.CallTarget;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.exec.Machine;
import dbt.isa.model.IsaModel;
import java.util.HashMap;
import java.util.Map;

/**
 * The reference interpreter: executes guest blocks straight from the semantics of an ISA model, as Truffle ASTs
 * built once per block and cached by address. {@link #step} runs one block and reports why it stopped; the
 * runtime's dispatcher decides what happens next (system calls, illegal instructions, exits).
 */
public final class Interpreter {
    private final IsaModel model;
    private final BlockDecoder decoder;
    private final BlockDecoder single;
    private final Map<Long, CallTarget> blocks = new HashMap<>();
    private final Map<Long, CallTarget> singles = new HashMap<>();

    public Interpreter(InstructionDecoder decoder) {
        this.model = decoder.model();
        this.decoder = new BlockDecoder(decoder);
        this.single = new BlockDecoder(decoder, 1);
    }

    public IsaModel model() {
        return model;
    }

    /** Runs the block at the machine's pc. */
    public Execution.Exit step(Machine machine, Execution execution) {
        return run(blocks, decoder, machine, execution);
    }

    /** Runs the one instruction at the machine's pc (for a translator that leaves an instruction to us). */
    public Execution.Exit stepInstruction(Machine machine, Execution execution) {
        return run(singles, single, machine, execution);
    }

    private Execution.Exit run(Map<Long, CallTarget> cache, BlockDecoder blocks, Machine machine, Execution execution) {
        long pc = machine.pc();
        CallTarget target = cache.get(pc);
        if (target == null) {
            target = build(blocks, machine, pc);
            cache.put(pc, target);
        }
        target.call(machine, execution);
        return execution.exit;
    }

    /** Forgets every cached block (fence.i, or code that was unmapped or rewritten). */
    public void invalidate() {
        blocks.clear();
        singles.clear();
    }

    public int cachedBlocks() {
        return blocks.size();
    }

    private CallTarget build(BlockDecoder blocks, Machine machine, long pc) {
        BlockDecoder.Block block = blocks.decode(machine::fetch16, pc);
        int locals = 0;
        for (BlockDecoder.Decoded d : block.instructions()) {
            locals = Math.max(locals, d.instruction().locals());
        }
        int nextPcSlot = locals;
        InstructionNode[] nodes = new InstructionNode[block.instructions().size()];
        for (int i = 0; i < nodes.length; i++) {
            BlockDecoder.Decoded d = block.instructions().get(i);
            NodeBuilder b = new NodeBuilder(model, d.instruction(), d.word(), d.address(), nextPcSlot);
            nodes[i] = new InstructionNode(d.address(), d.bytes(), nextPcSlot, b.statements(d.instruction().semantics()));
        }
        return new BlockNode(BlockNode.frame(locals), nodes, nextPcSlot, block).getCallTarget();
    }
}
