package dbt.ir.pass;

import dbt.ir.IrBlock;
import dbt.ir.IrVerifier;
import java.util.List;
import java.util.Set;

/**
 * The optimisation pipeline, listed in one place. Each pass can be switched off by name; with
 * {@code verify} set, the IR is verified after every pass and a broken invariant names the pass that broke it.
 */
public final class Pipeline {
    /** Every pass, in the order they run. */
    public static List<Pass> all() {
        return List.of(
                new GuestRegisterMapping(),
                new ConstantFolding(),
                new CopyPropagation(),
                new ConstantFolding(),
                new Peephole(),
                new ConstantOffsets(),
                new ConstantFolding(),
                new CommonSubexpressions(),
                new SignExtensionElimination(),
                new NanSelectFusion(),
                new AdvancedPointers(),
                new DeadCodeElimination(),
                new FlagRestoreGuards(),
                new CompareBranchFusion(),
                new SinkToUses());
    }

    public static List<String> names() {
        return all().stream().map(Pass::name).distinct().toList();
    }

    private final List<Pass> passes;
    private final boolean verify;

    public Pipeline(Set<String> disabled, boolean verify) {
        this(disabled, verify, null);
    }

    /** A pipeline that ends with a deliberately wrong pass ({@link InjectedFault}), for testing the checker. */
    public Pipeline(Set<String> disabled, boolean verify, String injectedFault) {
        java.util.List<Pass> list = new java.util.ArrayList<>(all().stream().filter(p -> !disabled.contains(p.name())).toList());
        if (injectedFault != null) {
            list.add(new InjectedFault(injectedFault));
        }
        this.passes = java.util.List.copyOf(list);
        this.verify = verify;
    }

    public void run(IrBlock block) {
        for (Pass p : passes) {
            p.run(block);
            if (verify) {
                List<String> problems = IrVerifier.verify(block);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("pass " + p.name() + " broke the IR: " + problems + "\n" + block);
                }
            }
        }
    }
}
