package dbt.isa.interp;

import dbt.isa.decode.BlockDecoder;
import dbt.isa.exec.Machine;
import dbt.isa.model.IsaModel;

/** Decodes the block at a pc and builds its nodes: each instruction's semantics with its decoded fields as constants. */
final class BlockBuilder {
    private final IsaModel model;
    private final BlockDecoder decoder;
    private final int nextPcSlot;
    private final StateLayout layout;

    BlockBuilder(IsaModel model, BlockDecoder decoder, int nextPcSlot, StateLayout layout) {
        this.model = model;
        this.layout = layout;
        this.decoder = decoder;
        this.nextPcSlot = nextPcSlot;
    }

    StateLayout layout() {
        return layout;
    }

    BlockNode build(Machine machine, long pc) {
        BlockDecoder.Block block = decoder.decode(machine::fetch16, pc);
        InstructionNode[] nodes = new InstructionNode[block.instructions().size()];
        boolean exits = block.stop() != BlockDecoder.Stop.END;
        for (int i = 0; i < nodes.length; i++) {
            BlockDecoder.Decoded d = block.instructions().get(i);
            NodeBuilder b = new NodeBuilder(model, d.instruction(), d.word(), d.address(), nextPcSlot, layout);
            nodes[i] = new InstructionNode(d.address(), d.bytes(), nextPcSlot, b.statements(d.instruction().semantics()));
            exits |= b.exits();
        }
        return new BlockNode(nodes, nextPcSlot, block, layout, exits);
    }
}
