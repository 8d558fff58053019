package dbt.runtime.translate;

import dbt.isa.model.Abi;
import dbt.isa.model.IsaModel;
import dbt.isa.model.RegisterFile;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which guest registers translated code keeps in fixed host registers ({@code PinnedRegisters} in the backend): the
 * ISA's own choice from its abi block, or those asked for, of the registers that can be pinned at all (those of the
 * ISA's first register file, when it holds 64-bit words, other than its hard-wired zero).
 */
public final class PinnedChoice {
    /** How many registers are pinned by default: of the allocator's ten, five are left for other values. */
    static final int DEFAULT_PINNED = 5;

    private PinnedChoice() {
    }

    /**
     * The registers to pin: asked (null: the ISA's choice, see {@link #fromAbi}), without those that cannot be pinned
     * (a check configuration's list is meant for several ISAs).
     */
    static List<Integer> of(IsaModel model, List<Integer> asked) {
        return (asked == null ? fromAbi(model.abi()) : asked).stream().filter(r -> whyNot(model, r) == null).toList();
    }

    /**
     * The registers pinned by default: from the ISA's system-call convention, the stack pointer, the result register,
     * then the argument registers from the last one back, which compilers use as scratch registers first (RISC-V: sp,
     * a0, a5, a4, a3, gcc's most used registers); none without one.
     */
    static List<Integer> fromAbi(Abi abi) {
        if (abi == null || abi.file() != 0) {
            return List.of();
        }
        LinkedHashSet<Integer> out = new LinkedHashSet<>();
        out.add(abi.stack());
        out.add(abi.result());
        for (int k = abi.argumentCount() - 1; k >= 0; k--) {
            out.add(abi.argument(k));
        }
        return out.stream().limit(DEFAULT_PINNED).toList();
    }

    /** Why register r (of the first register file) cannot be pinned, or null when it can. */
    public static String whyNot(IsaModel model, int r) {
        if (model.registerFiles().isEmpty() || model.registerFiles().get(0).width() != 64) {
            return "this ISA's first register file does not hold 64-bit words";
        }
        RegisterFile file = model.registerFiles().get(0);
        if (r >= file.count() || r == file.zeroIndex()) {
            return "not a register that can be pinned (" + file.name() + " has " + file.count()
                    + (file.zeroIndex() >= 0 ? ", " + file.name() + "[" + file.zeroIndex() + "] always zero" : "")
                    + ")";
        }
        return null;
    }
}
