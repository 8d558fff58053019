package dbt.ir;

import dbt.ir.fp.FloatBuiltins;
import dbt.ir.fp.FloatComparisons;
import dbt.ir.fp.FloatFlags;
import dbt.ir.fp.FloatFormat;
import dbt.ir.fp.FloatFunction;

/**
 * Executes a block's IR on a machine, exactly as the op definitions in {@link Op} say. It is the yardstick for
 * passes (a block must behave the same before and after each) and for backends. Returns the next guest pc; the
 * exit kind is left in {@link #lastExit}. A fault (GuestFault from the machine), or a routine that declines its
 * arguments ({@link Routine.Declined}), leaves the pc on the faulting guest instruction, as marked by the last
 * GUEST_PC. It also runs blocks on their first executions in dbt (most
 * blocks run once), so values live in an array indexed by value number: it renumbers the block first.
 */
public final class IrInterpreter {
    public Op lastExit;

    /**
     * A STORE_CAS found memory changed: the pc is left on its guest instruction, which must run again (on an engine
     * that can retry it, the reference interpreter).
     */
    public static final class MemoryChanged extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final MemoryChanged INSTANCE = new MemoryChanged();

        private MemoryChanged() {
            super("memory changed under a compare-and-swap", null, false, false);
        }
    }

    private final FloatCsrs floatCsrs;
    private final FloatFlags raised = new FloatFlags();

    public IrInterpreter(FloatCsrs floatCsrs) {
        this.floatCsrs = floatCsrs;
    }

    public long run(IrBlock block, IrMachine m) {
        block.renumber();
        return runNumbered(block, m);
    }

    /**
     * {@link #run} of a block whose values are numbered already ({@link IrBlock#renumber}, and not changed since):
     * a block run many times before it is translated is numbered once.
     */
    public long runNumbered(IrBlock block, IrMachine m) {
        long[] v = new long[block.insts.size()];
        long guestPc = block.guestAddress;
        try {
            for (Inst i : block.insts) {
                Inst[] o = i.operands;
                long a = o.length > 0 ? v[o[0].id] : 0;
                long b = o.length > 1 ? v[o[1].id] : 0;
                long c = o.length > 2 ? v[o[2].id] : 0;
                long r = 0;
                switch (i.op) {
                    case GUEST_PC -> guestPc = i.aux;
                    case CONST -> r = i.aux;
                    case GET_REG -> r = m.register((int) i.aux, (int) i.aux2);
                    case SET_REG -> m.setRegister((int) i.aux, (int) i.aux2, a);
                    case GET_CSR -> r = m.csr((int) i.aux);
                    case SET_CSR -> m.setCsr((int) i.aux, a);
                    case GET_RESERVATION -> r = i.aux == 0 ? m.reservation() : m.reservedValue();
                    case SET_RESERVATION -> {
                        if (i.aux == 0) {
                            m.setReservation(a);
                        } else {
                            m.setReservedValue(a);
                        }
                    }
                    case STORE_CAS -> {
                        if (a != 0 && !m.compareAndSwap(b, (int) i.aux, c, v[o[3].id])) {
                            throw MemoryChanged.INSTANCE;
                        }
                    }
                    case FENCE -> java.lang.invoke.VarHandle.fullFence();
                    case LOAD -> r = m.load(a, (int) i.aux);
                    case ROUTINE -> r = Routine.values()[(int) i.aux].run(m, a, b, c);
                    case LOAD_IF -> r = a != 0 ? m.load(b, (int) i.aux) : 0;
                    case STORE -> m.store(a, (int) i.aux, b);
                    case STORE_IF -> {
                        if (a != 0) {
                            m.store(b, (int) i.aux, c);
                        }
                    }
                    case SELECT -> r = a != 0 ? b : c;
                    case FLOAT1, FLOAT2, FLOAT3 -> r = floatOp(i, v, m);
                    case FLOAT_FLAGS, CLEAR_FLOAT_FLAGS -> r = 0; // FLOAT ops here accrue into the CSR itself
                    case NAN_SELECT -> r = FloatComparisons.isNaN(FloatFormat.ofWidth(i.type.bits), a) ? b : a;
                    case ZEXT -> r = a;
                    case SEXT -> r = Arithmetic.signExtend(a, o[0].type.bits);
                    case TRUNC -> r = a;
                    case NEG -> r = -a;
                    case NOT -> r = ~a;
                    case EXIT_JUMP, EXIT_SYSCALL, EXIT_INTERPRET, EXIT_ILLEGAL, EXIT_BREAKPOINT, EXIT_FENCE_I -> {
                        lastExit = i.op;
                        return i.aux;
                    }
                    case EXIT_BRANCH -> {
                        lastExit = i.op;
                        return a != 0 ? i.aux : i.aux2;
                    }
                    case EXIT_INDIRECT -> {
                        lastExit = i.op;
                        return a;
                    }
                    default -> r = Arithmetic.apply(i.op, a, b, o.length > 0 ? o[0].type.bits : 64);
                }
                if (i.op.hasResult()) {
                    v[i.id] = r & i.type.mask();
                }
            }
        } catch (RuntimeException e) {
            m.setPc(guestPc);
            throw e;
        }
        throw new IllegalStateException("block without terminator");
    }

    /** A FLOAT op: operands, then the rounding mode; its flags accrue into the float-flags CSR. */
    private long floatOp(Inst i, long[] v, IrMachine m) {
        Inst[] o = i.operands;
        int n = o.length - 1;
        FloatFunction f = FloatFunction.of(i.aux);
        int format = f.operand == FloatFunction.Kind.I ? i.type.bits : o[0].type.bits;
        raised.bits = 0;
        long rounding = v[o[n].id];
        if (rounding == FloatCsrs.DYNAMIC && f.rounds()) {
            FloatCsrs c = floatCsrs;
            rounding = c.roundingSlot() < 0 ? 0
                    : (m.csr(c.roundingSlot()) >>> c.roundingShift()) & ((1L << c.roundingWidth()) - 1);
        }
        long r = FloatBuiltins.evaluate(f, format, o[0].type.bits, v[o[0].id], n > 1 ? v[o[1].id] : 0,
                n > 2 ? v[o[2].id] : 0, rounding, raised);
        if (raised.bits != 0 && floatCsrs.flagsSlot() >= 0) {
            m.setCsr(floatCsrs.flagsSlot(), m.csr(floatCsrs.flagsSlot()) | ((long) raised.bits << floatCsrs.flagsShift()));
        }
        return r;
    }
}
