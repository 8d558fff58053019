package dbt.ir;

import java.util.Arrays;

/**
 * One IR instruction, and the SSA value it defines (if its op has a result). Operands are earlier instructions of
 * the same block. {@code aux} and {@code aux2} hold the op's constants: the value of CONST, the register file and
 * number of GET_REG/SET_REG, the size of LOAD/STORE, the target addresses of exits, the guest pc of GUEST_PC.
 * Passes rewrite instructions in place; {@link IrVerifier} checks the result.
 */
public final class Inst {
    public Op op;
    public Type type;
    public Inst[] operands;
    public long aux;
    public long aux2;
    /** The value number, assigned by {@link IrBlock#renumber()}; printed as %id. */
    public int id;
    /**
     * Set by compare-and-branch fusion on a comparison whose only use is the block's branch: the backend then
     * emits one compare and a conditional jump instead of materialising the boolean. Printed as {@code [fused]}.
     */
    public boolean fused;
    /** This instruction's hash code (see {@link #hashCode}). */
    private final int hash = nextHash++;
    /** The next hash code handed out (threads that translate at once may hand out one twice: only a collision). */
    private static int nextHash;

    public Inst(Op op, Type type, long aux, long aux2, Inst... operands) {
        this.op = op;
        this.type = type;
        this.aux = aux;
        this.aux2 = aux2;
        this.operands = operands;
    }

    /**
     * A number of this instruction's own, fixed when it is made: instructions are keys by identity ({@code equals} is
     * Object's), and this is cheaper than {@link System#identityHashCode} (a call into the JVM where C1 compiles).
     */
    @Override
    public int hashCode() {
        return hash;
    }

    public Inst operand(int i) {
        return operands[i];
    }

    public boolean isConst() {
        return op == Op.CONST;
    }

    /**
     * Whether removing this instruction (when its value is unused) would change behaviour: its op's side effect,
     * except for the floating-point functions that raise no flags (classification), which are pure.
     */
    public boolean hasSideEffect() {
        if (op.isFloat()) {
            return dbt.ir.fp.FloatFunction.of(aux).raisesFlags();
        }
        return op.hasSideEffect();
    }

    /** For GET_REG and SET_REG: the guest register as one key (file << 32 | index). */
    public long registerKey() {
        return aux << 32 | aux2;
    }

    /**
     * For an exit: the return address of the call it makes (the guest address after the calling instruction, where
     * the callee returns to), or 0 when it is not a call. Calls and returns are the ISA description's {@code flow
     * call}, {@code indirect_call} and {@code return}: a return-address stack pairs them.
     */
    public long callReturnAddress() {
        return op == Op.EXIT_JUMP || op == Op.EXIT_INDIRECT ? aux2 : 0;
    }

    /** Whether this exit is a return (an indirect jump to where the matching call's return address says). */
    public boolean isReturn() {
        return op == Op.EXIT_INDIRECT && aux == 1;
    }

    /** Turns this instruction into a constant (a folding pass's rewrite). */
    public void becomeConst(long value) {
        op = Op.CONST;
        aux = value & type.mask();
        aux2 = 0;
        operands = new Inst[0];
    }

    @Override
    public String toString() {
        return "%" + id + " = " + op.text + "." + type.text() + " " + Arrays.stream(operands).map(o -> "%" + o.id).toList()
                + " aux=" + aux + " aux2=" + aux2;
    }
}
