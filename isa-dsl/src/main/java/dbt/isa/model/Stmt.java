package dbt.isa.model;

import java.util.List;

/** A checked semantic statement; see {@link Expr} for how names and widths are resolved. */
public sealed interface Stmt {
    record Let(int slot, Expr value) implements Stmt {}

    record RegWrite(int file, Expr index, Expr value) implements Stmt {}

    /** Sets the address of the next instruction; without one, execution falls through. */
    record PcWrite(Expr value) implements Stmt {}

    record Store(Expr address, Expr value, int bytes) implements Stmt {}

    record If(Expr condition, List<Stmt> then, List<Stmt> otherwise) implements Stmt {}

    /**
     * Statements every guest thread sees as one indivisible step (an atomic memory operation). The body loads from
     * memory at most once and stores at most once, to the same place. The store is a compare-and-swap: it happens
     * only if memory still holds the value the body loaded (or, in a body that loads nothing, the value the
     * reservation recorded, see {@link EffectKind#RESERVE}); if it does not, the reservation is cleared and the
     * body runs again from its start. So a body must not change what it reads before its store.
     */
    record Atomic(List<Stmt> body) implements Stmt {}

    record CsrWrite(Expr number, Expr value) implements Stmt {}

    /**
     * A built-in effect on the machine. The argument is null except for RESERVE (the address) and FENCE (null, or
     * a condition: whether earlier stores are ordered before later loads).
     */
    record Effect(EffectKind kind, Expr argument) implements Stmt {}

    enum EffectKind {
        /** Hands the guest's request to the operating-system layer, then continues after the instruction. */
        SYSCALL,
        BREAKPOINT,
        /**
         * Orders memory accesses between guest threads. Without an argument, every earlier access before every
         * later one; with one, the argument says whether that includes earlier stores before later loads.
         */
        FENCE,
        /** Later instruction fetches see earlier stores: translated code must be invalidated. */
        FENCE_I,
        /**
         * Reserves the address (LR): records it and the value the enclosing atomic body loaded, which a later
         * atomic store that loaded nothing (SC) compares memory with.
         */
        RESERVE,
        CLEAR_RESERVATION
    }
}
