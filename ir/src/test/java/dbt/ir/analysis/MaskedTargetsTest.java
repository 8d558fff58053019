package dbt.ir.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which indirect jumps' targets {@link MaskedTargets} leaves to be masked where the jump leaves. */
class MaskedTargetsTest {
    private static IrBlock jumpTo(long mask, boolean alsoWritten, boolean constant) {
        IrBlock b = new IrBlock(0x1000);
        Inst x = b.add(constant ? new Inst(Op.CONST, Type.I64, 0x2001, 0) : new Inst(Op.GET_REG, Type.I64, 0, 15));
        Inst t = b.add(new Inst(Op.AND, Type.I64, 0, 0, x, b.add(new Inst(Op.CONST, Type.I64, mask, 0))));
        if (alsoWritten) {
            b.add(new Inst(Op.SET_REG, Type.I64, 0, 5, t));
        }
        b.add(new Inst(Op.EXIT_INDIRECT, Type.I64, 0, 0, t));
        return b;
    }

    @Test
    void aTargetReadOnlyByItsJumpIsMaskedThere() {
        IrBlock jalr = jumpTo(-2, false, false);
        assertEquals(Set.of(jalr.insts.get(2)), MaskedTargets.of(jalr), "jalr's target & ~1");
        assertEquals(Set.of(), MaskedTargets.of(jumpTo(-2, true, false)), "the masked value is a register's too");
        assertEquals(Set.of(), MaskedTargets.of(jumpTo(-2, false, true)), "a constant target (folded elsewhere)");
        assertEquals(Set.of(), MaskedTargets.of(jumpTo(0xffff_fffe_0000_0000L, false, false)),
                "a mask no 32-bit immediate makes");
    }
}
