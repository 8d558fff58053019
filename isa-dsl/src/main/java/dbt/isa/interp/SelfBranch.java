package dbt.isa.interp;

import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.DecodedConstants;
import dbt.isa.model.Field;
import dbt.isa.model.IsaModel;
import dbt.isa.model.Stmt;
import java.util.List;

/**
 * Whether a block may branch to its own start: some pc write of its last instruction (under any condition) has the
 * block's address as a value that decoding fixes (a loop's backward branch). Indirect jumps do not count: their
 * target is not known until they run.
 */
final class SelfBranch {
    private SelfBranch() {}

    static boolean of(IsaModel model, BlockDecoder.Block block) {
        List<BlockDecoder.Decoded> insns = block.instructions();
        if (insns.isEmpty()) {
            return false;
        }
        BlockDecoder.Decoded last = insns.getLast();
        return writes(model, last, last.instruction().semantics(), block.address());
    }

    private static boolean writes(IsaModel model, BlockDecoder.Decoded d, List<Stmt> body, long target) {
        for (Stmt s : body) {
            boolean hit = switch (s) {
                case Stmt.PcWrite w -> {
                    Long v = DecodedConstants.of(w.value(), d.word(), d.address(), model.fields());
                    yield v != null && Field.truncate(v, model.wordWidth()) == target;
                }
                case Stmt.If i -> writes(model, d, i.then(), target) || writes(model, d, i.otherwise(), target);
                case Stmt.Atomic a -> writes(model, d, a.body(), target);
                default -> false;
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }
}
