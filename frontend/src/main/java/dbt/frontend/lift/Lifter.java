package dbt.frontend.lift;

import dbt.ir.Arithmetic;
import dbt.ir.FloatCsrs;
import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.model.Csr;
import dbt.isa.model.Expr;
import dbt.isa.model.Field;
import dbt.isa.model.FlowKind;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import dbt.isa.model.RegisterFile;
import dbt.isa.model.Stmt;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lifts a decoded guest block to IR by walking each instruction's semantics from the ISA model: there is no
 * per-instruction Java. Field values and the instruction address are constants. Semantic widths that are not
 * 8/16/32/64 live in the next larger IR type, kept zero-extended by masking after ops that could set high bits.
 * Conditional statements are predicated: register and pc writes become SELECTs, stores and loads their *_IF forms.
 * Operations on constants are computed while lifting (by the IR's own {@link Arithmetic}), so that jump targets and
 * conditions that the fields decide are known, and a block can go on through a jump.
 *
 * <p>What it does not do: an instruction it cannot express in IR (a system call inside a condition, a counter
 * CSR, a register chosen at run time, a multiply-high of an odd width) is not lifted. The block ends before it
 * with {@link Op#EXIT_INTERPRET}, and the runtime runs that one instruction on an interpreter.
 */
public final class Lifter {
    private final IsaModel model;
    /** The CSRs holding the floating-point flags and the dynamic rounding mode, or null. */
    private final Csr floatFlags;
    private final Csr floatRounding;
    /** See {@link #Lifter(IsaModel, boolean)}. */
    private final boolean roundingWrites;
    /**
     * For each kind of instruction seen next to a branch: whether it lifts to plain computations on registers that go
     * on to the next instruction ({@link BranchJoin}), found from its first occurrence.
     */
    final Map<Instruction, Boolean> plainInstructions = new IdentityHashMap<>();
    /**
     * CSRs that are views of some bits of a CSR declared before them, in whose slot they live. By identity: a record's
     * own hashCode is bootstrapped on its first call, which cost a tenth of a short program's start-up.
     */
    private final java.util.Set<Csr> views = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    public Lifter(IsaModel model) {
        this(model, false);
    }

    /**
     * A lifter; with roundingWrites, one whose IR only the IR interpreter runs, which reads the dynamic rounding mode
     * from its CSR at each float op: it lifts unconditional writes of the rounding mode too, which translated code
     * leaves to an interpreter (it sets the host's rounding where it is entered).
     */
    public Lifter(IsaModel model, boolean roundingWrites) {
        this.model = model;
        this.roundingWrites = roundingWrites;
        this.floatFlags = model.csrWithRole(Csr.Role.FLOAT_FLAGS);
        this.floatRounding = model.csrWithRole(Csr.Role.FLOAT_ROUNDING);
        Map<Integer, Csr> first = new HashMap<>();
        for (Csr c : model.csrs()) {
            if (c.slot() >= 0 && first.putIfAbsent(c.slot(), c) != null) {
                views.add(c);
            }
        }
    }

    /** Thrown while lifting an instruction the IR cannot express; the block is cut before it. */
    private static final class NotLiftable extends RuntimeException {
        NotLiftable(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * Whether this instruction reads a counter CSR (cycles, time, retired instructions). The interpreter runs such
     * a read: its time is the host's clock, and its counts are the instructions the interpreter itself retired, so
     * a translated run (whose translated code counts nothing) reads other values than an interpreted one.
     */
    public boolean readsCounter(BlockDecoder.Decoded d) {
        String why = whyNotLiftable(d);
        return why != null && why.startsWith(COUNTER);
    }

    private static final String COUNTER = "counter CSR ";

    /** Why this instruction would be left to the interpreter, or null when it lifts to IR. */
    public String whyNotLiftable(BlockDecoder.Decoded d) {
        try {
            new InstructionLifter(new IrBlock(d.address()), d).lift(null);
            return null;
        } catch (NotLiftable e) {
            return e.getMessage();
        }
    }

    public IrBlock lift(BlockDecoder.Block block) {
        return lift(block, null);
    }

    /**
     * The decoded block at an address, of at most maxInstructions: single instructions, to see where a branch's two
     * ways meet, and the block that goes on there.
     */
    public interface Decoding {
        BlockDecoder.Block at(long address, int maxInstructions);
    }

    /**
     * Lifts the block; with decodeAt, a branch whose two ways meet again after a few plain instructions does not end
     * it (see {@link BranchJoin}).
     */
    public IrBlock lift(BlockDecoder.Block block, Decoding decodeAt) {
        IrBlock ir = new IrBlock(block.address());
        liftFrom(ir, block, 0, decodeAt, MAX_PREDICATED_BRANCHES);
        if (ir.insts.isEmpty() || !ir.terminator().op.isTerminator()) {
            // No instruction: the block starts at an undecodable word (or one that cannot be fetched).
            ir.add(new Inst(block.stop() == BlockDecoder.Stop.UNDECODABLE ? Op.EXIT_ILLEGAL : Op.EXIT_INTERPRET,
                    Type.I64, block.address(), 0));
        }
        return ir;
    }

    /** Lifts the block's instructions from index first on into ir, up to and with its terminator. */
    private void liftFrom(IrBlock ir, BlockDecoder.Block block, int first, Decoding decodeAt,
                          int branchesLeft) {
        List<BlockDecoder.Decoded> insns = block.instructions();
        for (int k = first; k < insns.size(); k++) {
            BlockDecoder.Decoded d = insns.get(k);
            int mark = ir.insts.size();
            InstructionLifter one = new InstructionLifter(ir, d);
            try {
                one.lift(null);
            } catch (NotLiftable e) {
                ir.insts.subList(mark, ir.insts.size()).clear();
                ir.add(new Inst(Op.EXIT_INTERPRET, Type.I64, d.address(), 0));
                return;
            }
            ir.guestInstructions++;
            if (one.exit != null) {
                ir.add(one.exit);
                return;
            }
            boolean last = k == insns.size() - 1;
            // The block goes on while control reaches the next decoded instruction (fall-through, or a followed jump).
            if (last || !one.nextPcIs(insns.get(k + 1).address())) {
                if (last && block.stop() == BlockDecoder.Stop.UNDECODABLE && one.nextPcIs(block.stopAddress())) {
                    ir.add(new Inst(Op.EXIT_ILLEGAL, Type.I64, block.stopAddress(), 0));
                    return;
                }
                Inst terminator = one.terminator();
                BranchJoin join = decodeAt == null || branchesLeft == 0 || terminator.op != Op.EXIT_BRANCH
                        || ir.guestInstructions >= BlockDecoder.MAX_INSTRUCTIONS ? null
                        : BranchJoin.find(ir, terminator, this, decodeAt);
                if (join != null && predicated(ir, terminator, join)) {
                    // The block goes on where the branch's two ways meet, decoded in full only now.
                    liftFrom(ir, decodeAt.at(join.next(), BlockDecoder.MAX_INSTRUCTIONS), 0, decodeAt,
                            branchesLeft - 1);
                    return;
                }
                ir.add(terminator);
                return;
            }
        }
    }

    /** At most this many guest instructions on each way of a branch are run under a predicate in its place. */
    static final int MAX_PREDICATED = 4;
    /** At most this many branches of one block become predicates (none once it holds a block's worth of code). */
    static final int MAX_PREDICATED_BRANCHES = 4;

    /**
     * If-conversion (see {@link BranchJoin}): lifts the join's fall-through instructions under the predicate that
     * the branch is not taken, then its taken instructions under the branch's condition. Returns false (and ir as it
     * was) when one of them does more than {@link BranchJoin#PREDICABLE} computations under its predicate.
     */
    private boolean predicated(IrBlock ir, Inst branch, BranchJoin join) {
        int mark = ir.insts.size();
        int count = ir.guestInstructions;
        Inst notTaken = null;
        for (BlockDecoder.Decoded d : join.notTaken()) {
            InstructionLifter one = new InstructionLifter(ir, d);
            if (notTaken == null) {
                notTaken = one.negation(branch.operand(0));
            }
            if (!predicatedOne(ir, one, notTaken, mark)) {
                ir.guestInstructions = count;
                return false;
            }
        }
        for (BlockDecoder.Decoded d : join.taken()) {
            if (!predicatedOne(ir, new InstructionLifter(ir, d), branch.operand(0), mark)) {
                ir.guestInstructions = count;
                return false;
            }
        }
        return true;
    }

    /** Lifts one instruction under the predicate; false (and ir cut back to mark) when it is not predicable. */
    private boolean predicatedOne(IrBlock ir, InstructionLifter one, Inst predicate, int mark) {
        try {
            one.lift(predicate);
        } catch (NotLiftable e) {
            one = null;
        }
        if (one == null || one.exit != null || !one.nextPcIs(one.d.address() + one.d.bytes())
                || !ir.insts.subList(mark, ir.insts.size()).stream()
                        .allMatch(i -> BranchJoin.PREDICABLE.contains(i.op))) {
            ir.insts.subList(mark, ir.insts.size()).clear();
            return false;
        }
        ir.guestInstructions++;
        return true;
    }

    /** Lifts the semantics of one instruction into the block. */
    private final class InstructionLifter {
        private final IrBlock ir;
        private final BlockDecoder.Decoded d;
        private final Map<Integer, Inst> locals = new HashMap<>();
        private final long fallThrough;
        /** The next pc as a value; starts as the fall-through constant. */
        private Inst nextPc;
        /** A terminator the semantics forced (system call, breakpoint, fence.i). */
        Inst exit;
        /** The value of the last read of the float-rounding CSR: the guest's dynamic rounding mode. */
        private Inst dynamicRounding;
        /** While lifting an atomic body: its load's value, once it has loaded (see {@code Stmt.Atomic}). */
        private boolean inAtomic;
        private Inst atomicLoaded;

        InstructionLifter(IrBlock ir, BlockDecoder.Decoded d) {
            this.ir = ir;
            this.d = d;
            this.fallThrough = d.address() + d.bytes();
        }

        /** Lifts the instruction, run only where predicate (when not null) holds. */
        void lift(Inst predicate) {
            ir.add(new Inst(Op.GUEST_PC, Type.I64, d.address(), 0));
            nextPc = constant(fallThrough, Type.I64);
            statements(d.instruction().semantics(), predicate);
        }

        /** The condition that c does not hold: the opposite comparison, when c is one. */
        Inst negation(Inst c) {
            Op opposite = switch (c.op) {
                case EQ -> Op.NE;
                case NE -> Op.EQ;
                case LT_S -> Op.GE_S;
                case GE_S -> Op.LT_S;
                case LT_U -> Op.GE_U;
                case GE_U -> Op.LT_U;
                case LE_S -> Op.GT_S;
                case GT_S -> Op.LE_S;
                case LE_U -> Op.GT_U;
                case GT_U -> Op.LE_U;
                default -> null;
            };
            return opposite == null ? not(c) : ir.add(new Inst(opposite, Type.I1, 0, 0, c.operand(0), c.operand(1)));
        }

        boolean nextPcIs(long address) {
            return nextPc.op == Op.CONST && nextPc.aux == address;
        }

        /** The block's exit, a call (returning to the fall-through) or a return as the description's flow says. */
        Inst terminator() {
            long call = d.flow() == FlowKind.CALL || d.flow() == FlowKind.INDIRECT_CALL ? fallThrough : 0;
            if (nextPc.op == Op.CONST) {
                return new Inst(Op.EXIT_JUMP, Type.I64, nextPc.aux, call);
            }
            if (nextPc.op == Op.SELECT && nextPc.operand(1).isConst() && nextPc.operand(2).isConst()) {
                return new Inst(Op.EXIT_BRANCH, Type.I64, nextPc.operand(1).aux, nextPc.operand(2).aux, nextPc.operand(0));
            }
            return new Inst(Op.EXIT_INDIRECT, Type.I64, d.flow() == FlowKind.RETURN && call == 0 ? 1 : 0, call, nextPc);
        }

        // ---- statements ------------------------------------------------------------------------------------

        private void statements(List<Stmt> body, Inst predicate) {
            for (Stmt s : body) {
                statement(s, predicate);
            }
        }

        private void statement(Stmt s, Inst p) {
            // instanceof tests, not type switches: lifting runs in the bytecode interpreter at start-up, where a type
            // switch's bootstrap spins a class (SwitchBootstraps; an AOT cache keeps none of them)
            if (s instanceof Stmt.Let l) {
                locals.put(l.slot(), expr(l.value(), p));
            } else if (s instanceof Stmt.RegWrite w) {
                RegisterFile rf = model.registerFiles().get(w.file());
                int index = registerIndex(w.index(), rf);
                Inst value = expr(w.value(), p);
                if (index == rf.zeroIndex()) {
                    return;
                }
                if (p != null) {
                    Inst old = ir.add(new Inst(Op.GET_REG, value.type, rf.index(), index));
                    value = select(p, value, old);
                }
                ir.add(new Inst(Op.SET_REG, value.type, rf.index(), index, value));
            } else if (s instanceof Stmt.PcWrite w) {
                Inst target = expr(w.value(), p);
                nextPc = p == null ? target : select(p, target, nextPc);
            } else if (s instanceof Stmt.Store st) {
                Inst address = expr(st.address(), p);
                Inst value = expr(st.value(), p);
                Type t = value.type;
                if (inAtomic) {
                    // A compare-and-swap with what the body loaded, or with the reserved value.
                    Inst expected = atomicLoaded != null ? atomicLoaded
                            : ir.add(new Inst(Op.GET_RESERVATION, Type.I64, 1, 0));
                    if (expected.type != t) {
                        if (atomicLoaded != null) {
                            throw new NotLiftable("an atomic store of another size than its load");
                        }
                        expected = widen(expected, t, false);
                    }
                    ir.add(new Inst(Op.STORE_CAS, t, st.bytes(), 0, p == null ? constant(1, Type.I1) : p,
                            address, expected, value));
                    return;
                }
                ir.add(p == null ? new Inst(Op.STORE, t, st.bytes(), 0, address, value)
                        : new Inst(Op.STORE_IF, t, st.bytes(), 0, p, address, value));
            } else if (s instanceof Stmt.If i) {
                Inst c = expr(i.condition(), p);
                if (c.isConst()) {
                    statements(c.aux != 0 ? i.then() : i.otherwise(), p);
                    return;
                }
                statements(i.then(), and(p, c));
                if (!i.otherwise().isEmpty()) {
                    statements(i.otherwise(), and(p, not(c)));
                }
            } else if (s instanceof Stmt.Atomic a) {
                inAtomic = true;
                atomicLoaded = null;
                statements(a.body(), p);
                inAtomic = false;
            } else if (s instanceof Stmt.CsrWrite c) {
                Csr csr = csr(c.number());
                if (csr.readOnly()) {
                    throw new NotLiftable("write to a read-only CSR");
                }
                boolean flagsWrite = false;
                if (floatState(csr)) {
                    // Writing the rounding mode changes how translated code must round (the engine sets it
                    // on entry): interpreted. Writing the flags forgets those the host holds; unconditionally.
                    boolean unconditional = p == null || p.isConst() && p.aux == 1;
                    if (overlaps(floatRounding, csr) && !(roundingWrites && unconditional)
                            || !unconditional && !(p.isConst() && p.aux == 0)) {
                        throw new NotLiftable("a write to the floating-point rounding mode, or under a condition");
                    }
                    flagsWrite = unconditional;
                }
                Inst value = expr(c.value(), p);
                long mask = Field.lowBits(csr.width());
                if (mask != -1L) {
                    value = binary(Op.AND, value, constant(mask, value.type));
                }
                if (views.contains(csr)) { // the slot's other bits stay
                    Inst shifted = binary(Op.SHL, value, constant(csr.shift(), Type.I64));
                    Inst kept = binary(Op.AND, ir.add(new Inst(Op.GET_CSR, Type.I64, csr.slot(), 0)),
                            constant(~csr.mask(), Type.I64));
                    value = binary(Op.OR, kept, shifted);
                }
                if (p != null) {
                    value = select(p, value, ir.add(new Inst(Op.GET_CSR, Type.I64, csr.slot(), 0)));
                }
                if (flagsWrite) { // (the flags the slot shows from now on)
                    Inst shown = binary(Op.SHR, value, constant(floatFlags.shift(), Type.I64));
                    ir.add(new Inst(Op.CLEAR_FLOAT_FLAGS, Type.I64, 0, 0,
                            binary(Op.AND, shown, constant(0x1f, Type.I64))));
                }
                ir.add(new Inst(Op.SET_CSR, Type.I64, csr.slot(), 0, value));
            } else if (s instanceof Stmt.Effect e) {
                effect(e, p);
            } else {
                throw new IllegalStateException("unknown " + s);
            }
        }

        private void effect(Stmt.Effect e, Inst p) {
            switch (e.kind()) {
                case FENCE -> {
                    Inst storeLoad = e.argument() == null ? null : expr(e.argument(), p);
                    if (storeLoad == null || !storeLoad.isConst() || storeLoad.aux != 0) {
                        ir.add(new Inst(Op.FENCE, Type.I64, 0, 0));
                    }
                }
                case RESERVE -> {
                    Inst a = expr(e.argument(), p);
                    Inst v = inAtomic && atomicLoaded != null ? widen(atomicLoaded, Type.I64, false) : constant(0, Type.I64);
                    if (p != null) {
                        a = select(p, a, ir.add(new Inst(Op.GET_RESERVATION, Type.I64, 0, 0)));
                        v = select(p, v, ir.add(new Inst(Op.GET_RESERVATION, Type.I64, 1, 0)));
                    }
                    ir.add(new Inst(Op.SET_RESERVATION, Type.I64, 0, 0, a));
                    ir.add(new Inst(Op.SET_RESERVATION, Type.I64, 1, 0, v));
                }
                case CLEAR_RESERVATION -> {
                    Inst none = constant(-1, Type.I64);
                    if (p != null) {
                        none = select(p, none, ir.add(new Inst(Op.GET_RESERVATION, Type.I64, 0, 0)));
                    }
                    ir.add(new Inst(Op.SET_RESERVATION, Type.I64, 0, 0, none));
                }
                case SYSCALL, BREAKPOINT, FENCE_I -> {
                    if (p != null) {
                        throw new NotLiftable("a conditional " + e.kind());
                    }
                    exit = switch (e.kind()) {
                        case SYSCALL -> new Inst(Op.EXIT_SYSCALL, Type.I64, fallThrough, 0);
                        case BREAKPOINT -> new Inst(Op.EXIT_BREAKPOINT, Type.I64, d.address(), 0);
                        default -> new Inst(Op.EXIT_FENCE_I, Type.I64, fallThrough, 0);
                    };
                }
            }
        }

        // ---- expressions -----------------------------------------------------------------------------------

        private Inst expr(Expr e, Inst p) {
            if (e instanceof Expr.Const c) {
                return constant(c.value(), type(c.width()));
            } else if (e instanceof Expr.FieldRef f) {
                return constant(model.fields().get(f.field()).decode(d.word()), type(f.width()));
            } else if (e instanceof Expr.PcRead pc) {
                return constant(d.address(), type(pc.width()));
            } else if (e instanceof Expr.Local l) {
                return locals.get(l.slot());
            } else if (e instanceof Expr.Bind b) {
                locals.put(b.slot(), expr(b.value(), p));
                return expr(b.body(), p);
            } else if (e instanceof Expr.RegRead r) {
                RegisterFile rf = model.registerFiles().get(r.file());
                int index = registerIndex(r.index(), rf);
                return index == rf.zeroIndex() ? constant(0, type(r.width()))
                        : ir.add(new Inst(Op.GET_REG, type(r.width()), rf.index(), index));
            } else if (e instanceof Expr.Unary u) {
                Inst v = expr(u.operand(), p);
                if (v.isConst()) {
                    return masked(constant(u.op() == Expr.UnaryOp.NEG ? -v.aux : ~v.aux, v.type), u.width());
                }
                Op op = u.op() == Expr.UnaryOp.NEG ? Op.NEG : Op.NOT;
                return masked(ir.add(new Inst(op, v.type, 0, 0, v)), u.width());
            } else if (e instanceof Expr.Binary b) {
                return binary(b, p);
            } else if (e instanceof Expr.Slice s) {
                return slice(expr(s.operand(), p), s.hi(), s.lo());
            } else if (e instanceof Expr.Concat c) {
                Type t = type(c.width());
                Inst hi = widen(expr(c.hi(), p), t, false);
                Inst lo = widen(expr(c.lo(), p), t, false);
                return binary(Op.OR, binary(Op.SHL, hi, constant(c.lo().width(), t)), lo);
            } else if (e instanceof Expr.Extend x) {
                Inst v = expr(x.operand(), p);
                Type t = type(x.width());
                if (x.signed()) {
                    v = signExtendWithin(v, x.operand().width());
                }
                return masked(widen(v, t, x.signed()), x.width());
            } else if (e instanceof Expr.Select s) {
                Inst c = expr(s.condition(), p);
                if (c.isConst()) {
                    return expr(c.aux != 0 ? s.ifTrue() : s.ifFalse(), p);
                }
                boolean effects = hasEffects(s.ifTrue()) || hasEffects(s.ifFalse());
                Inst a = expr(s.ifTrue(), effects ? and(p, c) : p);
                Inst b = expr(s.ifFalse(), effects ? and(p, not(c)) : p);
                return select(c, a, b);
            } else if (e instanceof Expr.Load l) {
                Inst address = expr(l.address(), p);
                Type t = type(l.width());
                Inst loaded = ir.add(p == null ? new Inst(Op.LOAD, t, l.bytes(), 0, address)
                        : new Inst(Op.LOAD_IF, t, l.bytes(), 0, p, address));
                if (inAtomic) {
                    atomicLoaded = loaded;
                }
                return loaded;
            } else if (e instanceof Expr.CsrRead c) {
                Csr csr = csr(c.number());
                if (csr.counter() != Csr.Counter.NONE) {
                    throw new NotLiftable(COUNTER + csr.name());
                }
                Inst slot = ir.add(new Inst(Op.GET_CSR, Type.I64, csr.slot(), 0));
                if (overlaps(floatFlags, csr)) {
                    // The slot lacks the flags the host holds since translated code was entered.
                    Inst held = widen(ir.add(new Inst(Op.FLOAT_FLAGS, Type.I8, 0, 0)), Type.I64, false);
                    slot = binary(Op.OR, slot, binary(Op.SHL, held, constant(floatFlags.shift(), Type.I64)));
                }
                if (views.contains(csr)) { // some bits of the slot
                    slot = binary(Op.AND, binary(Op.SHR, slot, constant(csr.shift(), Type.I64)),
                            constant(Field.lowBits(csr.width()), Type.I64));
                }
                Inst value = widen(slot, type(c.width()), false);
                if (csr.role() == Csr.Role.FLOAT_ROUNDING) {
                    dynamicRounding = value;
                }
                return value;
            } else if (e instanceof Expr.Reserved r) {
                return binary(Op.EQ, ir.add(new Inst(Op.GET_RESERVATION, Type.I64, 0, 0)), expr(r.address(), p));
            } else if (e instanceof Expr.FloatOp f) {
                return floatOp(f, p);
            }
            throw new IllegalStateException("unknown " + e);
        }

        private Inst binary(Expr.Binary b, Inst p) {
            Inst l = expr(b.left(), p);
            Inst r = expr(b.right(), p);
            int w = b.left().width();
            Op op = switch (b.op()) {
                case ADD -> Op.ADD;
                case SUB -> Op.SUB;
                case MUL -> Op.MUL;
                case MULH_SS -> Op.MULH_SS;
                case MULH_UU -> Op.MULH_UU;
                case MULH_SU -> Op.MULH_SU;
                case DIV_S -> Op.DIV_S;
                case DIV_U -> Op.DIV_U;
                case REM_S -> Op.REM_S;
                case REM_U -> Op.REM_U;
                case AND, LOGICAL_AND -> Op.AND;
                case OR, LOGICAL_OR -> Op.OR;
                case XOR -> Op.XOR;
                case SHL -> Op.SHL;
                case SHR -> Op.SHR;
                case SAR -> Op.SAR;
                case EQ -> Op.EQ;
                case NE -> Op.NE;
                case LT_S -> Op.LT_S;
                case LT_U -> Op.LT_U;
                case LE_S -> Op.LE_S;
                case LE_U -> Op.LE_U;
                case GT_S -> Op.GT_S;
                case GT_U -> Op.GT_U;
                case GE_S -> Op.GE_S;
                case GE_U -> Op.GE_U;
            };
            boolean signed = switch (op) {
                case MULH_SS, MULH_SU, DIV_S, REM_S, SAR, LT_S, LE_S, GT_S, GE_S -> true;
                default -> false;
            };
            boolean odd = w != l.type.bits;
            if (odd && (op == Op.MULH_SS || op == Op.MULH_UU || op == Op.MULH_SU)) {
                throw new NotLiftable("multiply-high of a " + w + "-bit value");
            }
            if (odd && signed) {
                l = signExtendWithin(l, w);
                if (op != Op.SAR) {
                    r = signExtendWithin(r, w);
                }
            }
            Inst result = binary(op, l, r);
            return op.isComparison() ? result : masked(result, w);
        }

        // ---- helpers ---------------------------------------------------------------------------------------

        private Type type(int width) {
            return width == 1 ? Type.I1 : Type.holding(width);
        }

        private Inst constant(long value, Type t) {
            return ir.add(new Inst(Op.CONST, t, value & t.mask(), 0));
        }

        /** An op on two values; on two constants, the constant it gives (so jump targets are known while lifting). */
        private Inst binary(Op op, Inst a, Inst b) {
            Type t = op.isComparison() ? Type.I1 : a.type;
            if (a.isConst() && b.isConst()) {
                return constant(Arithmetic.apply(op, a.aux, b.aux, a.type.bits), t);
            }
            return ir.add(new Inst(op, t, 0, 0, a, b));
        }

        private Inst select(Inst c, Inst a, Inst b) {
            if (c.isConst()) {
                return c.aux != 0 ? a : b;
            }
            return ir.add(new Inst(Op.SELECT, a.type, 0, 0, c, a, b));
        }

        private Inst not(Inst c) {
            return binary(Op.XOR, c, constant(1, Type.I1));
        }

        private Inst and(Inst p, Inst c) {
            return p == null ? c : binary(Op.AND, p, c);
        }

        /** Clears the bits above width (a value of an odd width in a larger IR type). */
        private Inst masked(Inst v, int width) {
            return width == v.type.bits || v.type == Type.I1 ? v : binary(Op.AND, v, constant(Field.lowBits(width), v.type));
        }

        /** A value of an odd width, sign-extended to fill its IR type (then read as signed by signed ops). */
        private Inst signExtendWithin(Inst v, int width) {
            if (width == v.type.bits || v.type == Type.I1) {
                return v;
            }
            Inst amount = constant(v.type.bits - width, v.type);
            return binary(Op.SAR, binary(Op.SHL, v, amount), amount);
        }

        private Inst widen(Inst v, Type t, boolean signed) {
            if (v.type == t) {
                return v;
            }
            if (v.isConst()) {
                long value = signed && v.type != Type.I1 && v.type.bits < t.bits ? Arithmetic.signExtend(v.aux, v.type.bits) : v.aux;
                return constant(value, t);
            }
            if (v.type.bits > t.bits) {
                return ir.add(new Inst(Op.TRUNC, t, 0, 0, v));
            }
            return ir.add(new Inst(signed && v.type != Type.I1 ? Op.SEXT : Op.ZEXT, t, 0, 0, v));
        }

        private Inst slice(Inst v, int hi, int lo) {
            int width = hi - lo + 1;
            if (lo > 0) {
                v = binary(Op.SHR, v, constant(lo, v.type));
            }
            Type t = type(width);
            if (t.bits < v.type.bits) {
                if (t == Type.I1) {
                    return binary(Op.NE, binary(Op.AND, v, constant(1, v.type)), constant(0, v.type));
                }
                v = ir.add(new Inst(Op.TRUNC, t, 0, 0, v));
            }
            return masked(v, width);
        }

        private int registerIndex(Expr index, RegisterFile rf) {
            if (index instanceof Expr.Const c) {
                return (int) c.value();
            }
            if (index instanceof Expr.FieldRef f) {
                return (int) model.fields().get(f.field()).decode(d.word());
            }
            throw new NotLiftable("a register chosen at run time");
        }

        private Csr csr(Expr number) {
            long n;
            if (number instanceof Expr.Const c) {
                n = c.value();
            } else if (number instanceof Expr.FieldRef f) {
                n = model.fields().get(f.field()).decode(d.word());
            } else {
                throw new NotLiftable("a CSR chosen at run time");
            }
            Csr csr = model.csrByNumber(n);
            if (csr == null) {
                throw new NotLiftable("unknown CSR 0x" + Long.toHexString(n));
            }
            return csr;
        }

        /**
         * A floating-point built-in. One that raises flags is not lifted under a condition (its flags would need
         * predicating), nor one with a rounding mode that is neither known now nor the guest's dynamic mode read
         * from the float-rounding CSR.
         */
        private Inst floatOp(Expr.FloatOp f, Inst p) {
            if (p != null && f.function().raisesFlags()) {
                throw new NotLiftable("floating point under a condition");
            }
            Inst[] operands = new Inst[f.operands().size() + 1];
            for (int k = 0; k < f.operands().size(); k++) {
                operands[k] = expr(f.operands().get(k), p);
            }
            Inst rounding;
            if (f.rounding() == null) {
                rounding = constant(0, Type.I8);
            } else {
                rounding = expr(f.rounding(), p);
                if (rounding.isConst() ? rounding.aux > 4 : rounding != dynamicRounding) {
                    throw new NotLiftable(rounding.isConst() ? "a reserved rounding mode" : "a computed rounding mode");
                }
                if (!rounding.isConst()) {
                    rounding = constant(FloatCsrs.DYNAMIC, Type.I8); // its read is left for dead-code elimination
                }
            }
            operands[operands.length - 1] = rounding;
            return ir.add(new Inst(Op.floatWith(f.operands().size()), type(f.width()), f.function().ordinal(), 0,
                    operands));
        }

        /**
         * Whether csr is in the slot of the floating-point state, which translated code keeps partly in the host
         * (the flags raised since it was entered; the rounding mode it was entered with).
         */
        private boolean floatState(Csr csr) {
            return floatFlags != null && csr.slot() == floatFlags.slot()
                    || floatRounding != null && csr.slot() == floatRounding.slot();
        }

        /** Whether csr's bits include some of role's (a CSR with a float role, or null for none). */
        private boolean overlaps(Csr role, Csr csr) {
            return role != null && role.slot() == csr.slot() && (role.mask() & csr.mask()) != 0;
        }

        private boolean hasEffects(Expr e) {
            if (e instanceof Expr.Load || e instanceof Expr.CsrRead || e instanceof Expr.FloatOp) {
                return true;
            } else if (e instanceof Expr.Unary u) {
                return hasEffects(u.operand());
            } else if (e instanceof Expr.Binary b) {
                return hasEffects(b.left()) || hasEffects(b.right());
            } else if (e instanceof Expr.Slice s) {
                return hasEffects(s.operand());
            } else if (e instanceof Expr.Concat c) {
                return hasEffects(c.hi()) || hasEffects(c.lo());
            } else if (e instanceof Expr.Extend x) {
                return hasEffects(x.operand());
            } else if (e instanceof Expr.Select s) {
                return hasEffects(s.condition()) || hasEffects(s.ifTrue()) || hasEffects(s.ifFalse());
            } else if (e instanceof Expr.Bind b) {
                return hasEffects(b.value()) || hasEffects(b.body());
            } else if (e instanceof Expr.Reserved r) {
                return hasEffects(r.address());
            } else if (e instanceof Expr.RegRead r) {
                return hasEffects(r.index());
            }
            return false;
        }
    }
}
