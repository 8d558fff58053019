package dbt.isa.decode;

import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;

/**
 * Decodes instruction words of an ISA model. Two implementations, built from the same {@link DecodeTree}: the tree
 * itself (for descriptions loaded at run time) and the Java code {@link dbt.isa.gen.DecoderGenerator} emits at
 * build time for the shipped ISAs.
 */
public interface InstructionDecoder {
    IsaModel model();

    /** The instruction that word (of length bits) encodes, or null if it encodes none. */
    Instruction decode(long word, int length);
}
