package dbt.isa.decode;

import dbt.ir.GuestFault;
import dbt.isa.model.FlowKind;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the block starting at an address: instructions are decoded until one whose control-flow kind ends a
 * block, an undecodable word, an unfetchable address, or {@link #MAX_INSTRUCTIONS}. An unconditional direct jump
 * does not end it: decoding continues at the jump's target (up to {@link #MAX_JUMPS_FOLLOWED}, and never into an
 * address the block already holds), so a block's instructions need not be contiguous — each one's successor in
 * the list is where control goes after it unless it branches. Shared by the interpreter and the lifter, so both
 * see the same blocks.
 */
public final class BlockDecoder {
    public static final int MAX_INSTRUCTIONS = 256;
    public static final int MAX_JUMPS_FOLLOWED = 4;

    private final InstructionDecoder tree;
    private final IsaModel model;

    /** One decoded instruction: where it is, its bits, what it is, and the control-flow kind that applies. */
    public record Decoded(long address, long word, Instruction instruction, FlowKind flow) {
        public int bytes() {
            return instruction.length() / 8;
        }
    }

    /**
     * A block. When it stops at a word that cannot be decoded (or fetched), {@code stop} says so and
     * {@code stopAddress}/{@code stopWord} say where and what; otherwise stop is {@link Stop#END}.
     */
    public record Block(long address, List<Decoded> instructions, Stop stop, long stopAddress, long stopWord,
                        int stopLength) {}

    public enum Stop { END, UNDECODABLE, FETCH_FAULT }

    private final int maxInstructions;
    /** Bits of the first parcel of an instruction (the shortest length). */
    private final int parcel;

    public BlockDecoder(InstructionDecoder tree) {
        this(tree, MAX_INSTRUCTIONS);
    }

    /** A decoder of blocks of at most maxInstructions (1 gives single instructions). */
    public BlockDecoder(InstructionDecoder tree, int maxInstructions) {
        this.tree = tree;
        this.model = tree.model();
        this.maxInstructions = maxInstructions;
        this.parcel = model.minLength();
    }

    public Block decode(DecodeTree.ParcelSource memory, long address) {
        List<Decoded> out = new ArrayList<>();
        long pc = address;
        int followed = 0;
        while (out.size() < maxInstructions) {
            long word;
            int length;
            try {
                long first = DecodeTree.fetchWord(memory, pc, parcel);
                length = model.lengthOf(first);
                word = length == parcel ? first : DecodeTree.fetchWord(memory, pc, length);
            } catch (GuestFault f) {
                return new Block(address, List.copyOf(out), Stop.FETCH_FAULT, f.address(), 0, 0);
            }
            Instruction insn = tree.decode(word, length);
            if (insn == null) {
                return new Block(address, List.copyOf(out), Stop.UNDECODABLE, pc, word, length);
            }
            FlowKind flow = flowOf(insn, word);
            Decoded d = new Decoded(pc, word, insn, flow);
            out.add(d);
            if (flow == FlowKind.JUMP && followed < MAX_JUMPS_FOLLOWED && maxInstructions > 1) {
                long target = DirectTarget.of(model, d);
                if (target >= 0 && target != pc && !holds(out, target)) {
                    followed++;
                    pc = target;
                    continue;
                }
            }
            if (flow.endsBlock()) {
                break;
            }
            pc += length / 8;
        }
        return new Block(address, List.copyOf(out), Stop.END, 0, 0, 0);
    }

    private static boolean holds(List<Decoded> block, long address) {
        for (Decoded d : block) {
            if (d.address() == address) {
                return true;
            }
        }
        return false;
    }

    /** The first flow case whose guard holds for this word. */
    public FlowKind flowOf(Instruction insn, long word) {
        for (Instruction.FlowCase c : insn.flow()) {
            if (c.guard() == null || FieldGuard.holds(c.guard(), word, model.fields())) {
                return c.kind();
            }
        }
        return FlowKind.NEXT;
    }
}
