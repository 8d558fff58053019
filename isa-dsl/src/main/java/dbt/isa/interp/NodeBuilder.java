package dbt.isa.interp;

import dbt.isa.decode.DecodedConstants;
import dbt.isa.model.Csr;
import dbt.isa.model.Expr;
import dbt.isa.model.Field;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import dbt.isa.model.RegisterFile;
import dbt.isa.model.Stmt;
import java.util.List;

/**
 * Builds the Truffle nodes of one decoded instruction from the semantics in the ISA model. Field values and the
 * instruction's address are known here, so they become constants, and register numbers that they give become
 * fixed register accesses; reads of a hard-wired zero register become the constant 0.
 */
final class NodeBuilder {
    private final IsaModel model;
    private final long word;
    private final long address;
    private final String name;
    private final int nextPcSlot;
    private final StateLayout layout;
    private final long addressMask;
    /** The frame slot of the value an atomic body loaded (see {@link Frames}). */
    private final int loadedSlot;
    /** While building an atomic body: whether it has loaded yet (then its store compares with that value). */
    private boolean inAtomic;
    private boolean atomicLoaded;
    private boolean exits;

    NodeBuilder(IsaModel model, Instruction insn, long word, long address, int nextPcSlot, StateLayout layout) {
        this.model = model;
        this.layout = layout;
        this.word = word;
        this.address = address;
        this.name = insn.name();
        this.nextPcSlot = nextPcSlot;
        this.loadedSlot = nextPcSlot + 1;
        this.addressMask = Field.lowBits(model.wordWidth());
    }

    StmtNode statements(List<Stmt> body) {
        if (body.isEmpty()) {
            return new StatementNodes.Nothing();
        }
        if (body.size() == 1) {
            return statement(body.getFirst());
        }
        return new StatementNodes.Sequence(body.stream().map(this::statement).toArray(StmtNode[]::new));
    }

    private StmtNode statement(Stmt s) {
        return switch (s) {
            case Stmt.Let l -> new StatementNodes.Let(Frames.FIRST_LOCAL + l.slot(), expr(l.value()));
            case Stmt.RegWrite w -> registerWrite(w);
            case Stmt.PcWrite p -> new StatementNodes.Let(nextPcSlot, expr(p.value()));
            case Stmt.Store st -> inAtomic
                    ? new AtomicNodes.Store(expr(st.address()), expr(st.value()), st.bytes(), addressMask,
                        atomicLoaded ? loadedSlot : -1)
                    : new MachineNodes.Store(expr(st.address()), expr(st.value()), st.bytes(), addressMask);
            case Stmt.If i -> new StatementNodes.If(expr(i.condition()), statements(i.then()), statements(i.otherwise()));
            case Stmt.Atomic a -> {
                inAtomic = true;
                atomicLoaded = false;
                StmtNode body = statements(a.body());
                inAtomic = false;
                yield new AtomicNodes.Body(body);
            }
            case Stmt.CsrWrite c -> {
                long number = constant(c.number());
                yield new MachineNodes.CsrWrite(layout, model.csrByNumber(number), number, expr(c.value()));
            }
            case Stmt.Effect e -> switch (e.kind()) {
                case SYSCALL -> exit(Execution.Exit.SYSCALL);
                case BREAKPOINT -> exit(Execution.Exit.BREAKPOINT);
                case FENCE_I -> exit(Execution.Exit.FENCE_I);
                case FENCE -> new AtomicNodes.Fence();
                case RESERVE -> new AtomicNodes.Reserve(expr(e.argument()), inAtomic && atomicLoaded ? loadedSlot : -1);
                case CLEAR_RESERVATION -> new MachineNodes.ClearReservation();
            };
        };
    }

    /** Whether the semantics built so far may end the block with an exit other than CONTINUE. */
    boolean exits() {
        return exits;
    }

    private StmtNode exit(Execution.Exit exit) {
        exits = true;
        return new MachineNodes.ExitEffect(exit);
    }

    private StmtNode registerWrite(Stmt.RegWrite w) {
        RegisterFile rf = model.registerFiles().get(w.file());
        ExprNode value = expr(w.value());
        Long index = constantOrNull(w.index());
        if (index == null) {
            return new StatementNodes.DynamicRegWrite(rf.index(), rf.zeroIndex(), rf.count(), expr(w.index()), value);
        }
        if (index == rf.zeroIndex()) {
            return new StatementNodes.Discard(value);
        }
        return new StatementNodes.RegWrite(layout, rf.index(), index.intValue(), value);
    }

    ExprNode expr(Expr e) {
        Long k = constantOrNull(e);
        if (k != null) {
            return new ValueNodes.Const(k);
        }
        return switch (e) {
            case Expr.Local l -> new ValueNodes.LocalRead(Frames.FIRST_LOCAL + l.slot());
            case Expr.RegRead r -> {
                RegisterFile rf = model.registerFiles().get(r.file());
                Long index = constantOrNull(r.index());
                if (index == null) {
                    yield new ValueNodes.DynamicRegRead(rf.index(), rf.zeroIndex(), rf.count(), expr(r.index()));
                }
                if (index < 0 || index >= rf.count()) {
                    throw new SemanticsError(name + ": register number " + index + " is out of range");
                }
                yield index == rf.zeroIndex() ? new ValueNodes.Const(0) : new ValueNodes.RegRead(layout, rf.index(), index.intValue());
            }
            case Expr.Unary u -> u.op() == Expr.UnaryOp.NEG ? new OperatorNodes.Negate(expr(u.operand()), u.width())
                    : new OperatorNodes.Not(expr(u.operand()), u.width());
            case Expr.Binary b -> switch (b.op()) {
                case LOGICAL_AND, LOGICAL_OR -> new OperatorNodes.ShortCircuit(b.op() == Expr.BinaryOp.LOGICAL_AND,
                        expr(b.left()), expr(b.right()));
                default -> new OperatorNodes.Binary(b.op(), expr(b.left()), expr(b.right()), b.left().width(), name);
            };
            case Expr.Slice s -> new ValueNodes.Slice(expr(s.operand()), s.hi(), s.lo());
            case Expr.Concat c -> new ValueNodes.Concat(expr(c.hi()), expr(c.lo()), c.lo().width());
            case Expr.Extend x -> x.signed() ? new ValueNodes.SignExtend(expr(x.operand()), x.operand().width(), x.width())
                    : expr(x.operand()); // values are kept zero-extended already
            case Expr.Select s -> new ValueNodes.Select(expr(s.condition()), expr(s.ifTrue()), expr(s.ifFalse()));
            case Expr.Bind b -> new ValueNodes.Bind(Frames.FIRST_LOCAL + b.slot(), expr(b.value()), expr(b.body()));
            case Expr.Load l -> {
                if (!inAtomic) {
                    yield new MachineNodes.Load(expr(l.address()), l.bytes(), addressMask);
                }
                ExprNode address = expr(l.address());
                atomicLoaded = true;
                yield new AtomicNodes.Load(address, l.bytes(), addressMask, loadedSlot);
            }
            case Expr.CsrRead c -> {
                long number = constant(c.number());
                Csr csr = model.csrByNumber(number);
                yield new MachineNodes.CsrRead(layout, csr, number);
            }
            case Expr.Reserved r -> new MachineNodes.Reserved(expr(r.address()));
            case Expr.FloatOp f -> new FloatNode(f.function(), f.format(), f.operands().getFirst().width(),
                    f.operands().stream().map(this::expr).toArray(ExprNode[]::new),
                    f.rounding() == null ? null : expr(f.rounding()),
                    f.function().raisesFlags() ? model.csrWithRole(Csr.Role.FLOAT_FLAGS) : null, layout);
            case Expr.Const c -> new ValueNodes.Const(c.value());
            case Expr.FieldRef f -> new ValueNodes.Const(model.fields().get(f.field()).decode(word));
            case Expr.PcRead p -> new ValueNodes.Const(address);
        };
    }

    /** The value of e if decoding fixes it (constants, fields and the pc); else null. */
    private Long constantOrNull(Expr e) {
        return DecodedConstants.of(e, word, address, model.fields());
    }

    private long constant(Expr e) {
        Long v = constantOrNull(e);
        if (v == null) {
            throw new SemanticsError(name + ": a CSR number must be known when the instruction is decoded");
        }
        return v;
    }
}
