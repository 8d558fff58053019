package dbt.ir.random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** The jqwik arbitraries of random IR cases: 1 to 40 steps, an exit, a starting state. */
public final class RandomBlocks {
    private RandomBlocks() {}

    /**
     * Kinds of step, uniformly, except that the sign-bit idioms (the sign-extension pass's rules, the subtlest) come
     * two to three times as often, and rotations (the peephole's rule with the most ways to be wrong) twice.
     */
    static Arbitrary<Integer> kinds() {
        int n = BlockBuilder.Kind.values().length;
        int sext = BlockBuilder.Kind.SEXT_OF_TRUNC.ordinal();
        int word = BlockBuilder.Kind.WORD_OP.ordinal();
        int lowHalf = BlockBuilder.Kind.LOW_HALF.ordinal();
        int replaced = BlockBuilder.Kind.REPLACED_WRITE.ordinal();
        int rotation = BlockBuilder.Kind.ROTATION.ordinal();
        return Arbitraries.integers().between(0, n + 6)
                .map(k -> k < n ? k : k < n + 2 ? sext : k < n + 4 ? word : k == n + 4 ? lowHalf : k == n + 5 ? replaced
                        : rotation);
    }

    public static Arbitrary<IrCase> cases() {
        // mostly one of the latest values, so that ops form chains (and pass rules see their patterns' operands)
        Arbitrary<Integer> selector = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 5)), Tuple.of(1, Arbitraries.integers().between(0, 63)));
        Arbitrary<Step> step = Combinators.combine(
                kinds(),
                Arbitraries.integers().between(0, dbt.ir.Type.values().length - 1),
                selector, Arbitraries.integers().between(0, 255), selector, Arbitraries.integers().between(0, 255),
                EdgeValues.values()).as(Step::new);
        Arbitrary<Exit> exit = Combinators.combine(
                Arbitraries.integers().between(0, BlockBuilder.ExitKind.values().length - 1),
                selector, EdgeValues.values(), EdgeValues.values()).as(Exit::new);
        Arbitrary<InitialState> state = Combinators.combine(
                EdgeValues.registerValues().list().ofSize(InitialState.SIZE), Arbitraries.longs()).as(InitialState::new);
        return Combinators.combine(step.list().ofMinSize(1).ofMaxSize(40), exit, state).as(IrCase::new);
    }
}
