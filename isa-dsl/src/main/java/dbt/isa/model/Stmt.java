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

    /** Statements a multi-threaded guest must see as one indivisible step (atomic memory operations). */
    record Atomic(List<Stmt> body) implements Stmt {}

    record CsrWrite(Expr number, Expr value) implements Stmt {}

    /** A built-in effect on the machine. The argument is null except for RESERVE (the address). */
    record Effect(EffectKind kind, Expr argument) implements Stmt {}

    enum EffectKind {
        /** Hands the guest's request to the operating-system layer, then continues after the instruction. */
        SYSCALL,
        BREAKPOINT,
        /** Orders memory accesses; nothing to do for one hart. */
        FENCE,
        /** Later instruction fetches see earlier stores: translated code must be invalidated. */
        FENCE_I,
        RESERVE,
        CLEAR_RESERVATION
    }
}
