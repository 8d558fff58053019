package dbt.isa.check;

import dbt.isa.model.Expr;
import dbt.isa.model.Expr.BinaryOp;
import dbt.isa.model.Field;
import dbt.isa.model.RegisterFile;
import dbt.isa.model.Stmt;
import dbt.isa.parser.IsaParser.*;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;

/**
 * Checks and types the semantics of one instruction, producing {@link Expr} and {@link Stmt} trees.
 *
 * <p>Typing rules. Every value is bits(N) (1..64) or bool. Decimal literals have no width until they meet a sized
 * operand, which sizes them (checking the value fits); operations on two such literals are folded. A hex or binary
 * literal is as wide as its digits only inside a concatenation, where a width is needed. Arithmetic, bitwise and
 * comparison operands must have equal widths; shifts keep the left operand's width; sext()/zext() extend to the
 * ISA word (or to an explicit width). Functions are inlined at each call, their {@code bits(N)} parameters bound
 * by the arguments; procedures likewise. Locals are immutable ({@code let}); each gets a frame slot.
 */
final class SemanticsChecker {
    private final ModelBuilder isa;
    private final Diagnostics diagnostics;
    private final String instruction;
    private final Set<Integer> fieldsUsed = new LinkedHashSet<>();
    private final Deque<Map<String, Binding>> scopes = new ArrayDeque<>();
    private final Deque<String> inlining = new ArrayDeque<>();
    private int locals;
    private boolean writesPc;
    /** In guards (decode and flow conditions) only fields and constants may be read. */
    private boolean fieldsOnly;

    private sealed interface Binding {}

    private record LocalBinding(int slot, int width, boolean bool) implements Binding {}

    private record WidthBinding(int value) implements Binding {}

    /** A typed expression; an unsized literal is a Const of width 0. */
    private record T(Expr e, boolean bool, int literalBits) {
        T(Expr e, boolean bool) {
            this(e, bool, 0);
        }

        /** A literal, or a choice between literals, still waiting for a width. */
        boolean unsized() {
            return e.width() == 0;
        }

        boolean constant0() {
            return e instanceof Expr.Const;
        }

        long constant() {
            return ((Expr.Const) e).value();
        }
    }

    private static final T ERROR = new T(new Expr.Const(0, 0), false);

    SemanticsChecker(ModelBuilder isa, Diagnostics diagnostics, String instruction) {
        this.isa = isa;
        this.diagnostics = diagnostics;
        this.instruction = instruction;
        scopes.push(new HashMap<>());
    }

    Set<Integer> fieldsUsed() {
        return fieldsUsed;
    }

    void useField(int field) {
        fieldsUsed.add(field);
    }

    boolean writesPc() {
        return writesPc;
    }

    int localCount() {
        return locals;
    }

    Expr fieldCondition(ExprContext c) {
        fieldsOnly = true;
        try {
            return condition(c);
        } finally {
            fieldsOnly = false;
        }
    }

    List<Stmt> instructionBody(BlockContext b) {
        return block(b);
    }

    // ---- statements ---------------------------------------------------------------------------------------------

    private List<Stmt> block(BlockContext b) {
        scopes.push(new HashMap<>());
        try {
            List<Stmt> out = new ArrayList<>();
            for (StatementContext s : b.statement()) {
                statement(s, out);
            }
            return List.copyOf(out);
        } finally {
            scopes.pop();
        }
    }

    private void statement(StatementContext s, List<Stmt> out) {
        switch (s) {
            case LetStatementContext let -> {
                String name = let.ident().getText();
                T value = expr(let.expr());
                boolean bool = value.bool();
                int width;
                if (let.type() != null) {
                    if (let.type() instanceof BoolTypeContext) {
                        if (!value.bool()) {
                            diagnostics.error(let.expr(), "'" + name + "' is declared bool but its value is a number");
                        }
                        width = 1;
                        bool = true;
                    } else {
                        width = declaredWidth((BitsTypeContext) let.type());
                        value = sized(value, width, let.expr());
                    }
                } else if (value.unsized()) {
                    diagnostics.error(let, "cannot infer the width of '" + name + "': write let " + name + " : bits(N) = ...");
                    width = 64;
                    value = sized(value, 64, let.expr());
                } else {
                    width = value.e().width();
                }
                if (scopes.peek().containsKey(name)) {
                    diagnostics.error(let.ident(), "'" + name + "' is already defined in this block");
                }
                int slot = locals++;
                scopes.peek().put(name, new LocalBinding(slot, width, bool));
                out.add(new Stmt.Let(slot, value.e()));
            }
            case AssignStatementContext a -> assign(a, out);
            case IfStatementContext i -> {
                Expr cond = condition(i.expr());
                List<Stmt> then = block(i.block(0));
                List<Stmt> otherwise = List.of();
                if (i.block().size() > 1) {
                    otherwise = block(i.block(1));
                } else if (i.elseIf != null) {
                    List<Stmt> nested = new ArrayList<>();
                    statement(i.elseIf, nested);
                    otherwise = List.copyOf(nested);
                }
                out.add(new Stmt.If(cond, then, otherwise));
            }
            case AtomicStatementContext a -> out.add(new Stmt.Atomic(block(a.block())));
            case CallStatementContext c -> callStatement(c, out);
            default -> throw new IllegalStateException(s.getClass().getName());
        }
    }

    private void assign(AssignStatementContext a, List<Stmt> out) {
        ExprContext target = a.target;
        if (target instanceof IndexExprContext ix && ix.lo == null && ix.expr(0) instanceof PrimaryExprContext p
                && p.primary() instanceof NameExprContext n && isa.registerFile(n.ident().getText()) != null) {
            RegisterFile rf = isa.registerFile(n.ident().getText());
            Expr index = registerIndex(ix.hi, rf);
            T value = sized(expr(a.value), rf.width(), a.value);
            out.add(new Stmt.RegWrite(rf.index(), index, value.e()));
            return;
        }
        if (target instanceof PrimaryExprContext p && p.primary() instanceof NameExprContext n
                && n.ident().getText().equals(isa.pcName())) {
            T value = sized(expr(a.value), isa.pcWidth(), a.value);
            writesPc = true;
            out.add(new Stmt.PcWrite(value.e()));
            return;
        }
        diagnostics.error(target, "cannot assign to '" + target.getText() + "': only registers and "
                + isa.pcName() + " can be assigned (locals are immutable)");
    }

    private void callStatement(CallStatementContext c, List<Stmt> out) {
        String name = c.ident().getText();
        List<ExprContext> args = c.args() == null ? List.of() : c.args().expr();
        int storeBytes = switch (name) {
            case "store8" -> 1;
            case "store16" -> 2;
            case "store32" -> 4;
            case "store64" -> 8;
            default -> 0;
        };
        if (storeBytes > 0) {
            if (arity(c, args, 2)) {
                Expr address = address(args.get(0));
                T value = sized(expr(args.get(1)), storeBytes * 8, args.get(1));
                out.add(new Stmt.Store(address, value.e(), storeBytes));
            }
            return;
        }
        switch (name) {
            case "syscall" -> effect(c, args, Stmt.EffectKind.SYSCALL, out);
            case "breakpoint" -> effect(c, args, Stmt.EffectKind.BREAKPOINT, out);
            case "fence" -> effect(c, args, Stmt.EffectKind.FENCE, out);
            case "fence_i" -> effect(c, args, Stmt.EffectKind.FENCE_I, out);
            case "clear_reservation" -> effect(c, args, Stmt.EffectKind.CLEAR_RESERVATION, out);
            case "reserve" -> {
                if (arity(c, args, 1)) {
                    out.add(new Stmt.Effect(Stmt.EffectKind.RESERVE, address(args.getFirst())));
                }
            }
            case "csr_write" -> {
                if (arity(c, args, 2)) {
                    T number = expr(args.get(0));
                    T value = sized(expr(args.get(1)), isa.wordWidth(), args.get(1));
                    out.add(new Stmt.CsrWrite(sizedNumber(number, args.get(0)), value.e()));
                }
            }
            default -> {
                ProcedureContext proc = isa.procedures.get(name);
                if (proc == null) {
                    if (isa.functions.containsKey(name)) {
                        diagnostics.error(c.ident(), "'" + name + "' is a function: use its result");
                    } else {
                        diagnostics.error(c.ident(), "unknown procedure '" + name + "'");
                    }
                    return;
                }
                List<ParamContext> params = proc.params() == null ? List.of() : proc.params().param();
                if (!arity(c, args, params.size()) || !enter(name, c)) {
                    return;
                }
                Map<String, Binding> scope = new HashMap<>();
                List<Stmt> body = new ArrayList<>();
                for (int i = 0; i < params.size(); i++) {
                    T arg = bindParameter(params.get(i), expr(args.get(i)), args.get(i), scope);
                    int slot = locals++;
                    scope.put(params.get(i).ident().getText(), new LocalBinding(slot, arg.e().width(), arg.bool()));
                    body.add(new Stmt.Let(slot, arg.e()));
                }
                Deque<Map<String, Binding>> saved = new ArrayDeque<>(scopes);
                scopes.clear();
                scopes.push(scope);
                body.addAll(block(proc.block()));
                scopes.clear();
                saved.descendingIterator().forEachRemaining(scopes::push);
                inlining.pop();
                out.addAll(body);
            }
        }
    }

    private void effect(CallStatementContext c, List<ExprContext> args, Stmt.EffectKind kind, List<Stmt> out) {
        if (arity(c, args, 0)) {
            out.add(new Stmt.Effect(kind, null));
        }
    }

    private boolean arity(ParserRuleContext c, List<ExprContext> args, int n) {
        if (args.size() != n) {
            diagnostics.error(c, "'" + c.getStart().getText() + "' takes " + n + " argument" + (n == 1 ? "" : "s")
                    + ", not " + args.size());
            return false;
        }
        return true;
    }

    private boolean enter(String name, ParserRuleContext at) {
        if (inlining.contains(name)) {
            diagnostics.error(at, "'" + name + "' calls itself: functions and procedures cannot be recursive");
            return false;
        }
        inlining.push(name);
        return true;
    }

    // ---- expressions --------------------------------------------------------------------------------------------

    private Expr condition(ExprContext c) {
        T t = expr(c);
        if (!t.bool()) {
            diagnostics.error(c, "condition must be a boolean (a comparison), not a bits value");
        }
        return t.e();
    }

    private Expr address(ExprContext c) {
        return sized(expr(c), isa.wordWidth(), c).e();
    }

    private Expr registerIndex(ExprContext c, RegisterFile rf) {
        T index = expr(c);
        if (index.unsized() && index.constant0() && (index.constant() < 0 || index.constant() >= rf.count())) {
            diagnostics.error(c, "register " + index.constant() + " is outside " + rf.name() + "[" + rf.count() + "]");
        }
        return sizedNumber(index, c);
    }

    /** A number used as an index: a literal gets a width large enough to hold it. */
    private Expr sizedNumber(T t, ExprContext c) {
        if (t.bool()) {
            diagnostics.error(c, "a boolean cannot be used as a number");
        }
        return t.unsized() ? sized(t, 64, c).e() : t.e();
    }

    /** Gives an unsized literal the width w, or checks that a sized value already has it. */
    private T sized(T t, int w, ParserRuleContext at) {
        if (t == ERROR) {
            return new T(new Expr.Const(0, w), false);
        }
        if (t.bool()) {
            diagnostics.error(at, "a boolean cannot be used as bits(" + w + "): write cond ? 1 : 0");
            return new T(new Expr.Const(0, w), false);
        }
        if (t.unsized() && t.e() instanceof Expr.Select sel) {
            T a = sized(new T(sel.ifTrue(), false), w, at);
            T b = sized(new T(sel.ifFalse(), false), w, at);
            return new T(new Expr.Select(sel.condition(), a.e(), b.e(), w), false);
        }
        if (t.unsized()) {
            long v = t.constant();
            if (w < 64 && (v >= (1L << w) || v < -(1L << (w - 1)))) {
                diagnostics.error(at, "literal " + v + " does not fit in bits(" + w + ")");
            }
            return new T(new Expr.Const(Field.truncate(v, w), w), false);
        }
        if (t.e().width() != w) {
            diagnostics.error(at, "width mismatch: expected bits(" + w + "), found bits(" + t.e().width() + ")");
        }
        return t;
    }

    private T expr(ExprContext c) {
        return switch (c) {
            case PrimaryExprContext p -> primary(p.primary());
            case IndexExprContext ix -> index(ix);
            case UnaryExprContext u -> unary(u);
            case MulExprContext m -> arithmetic(m, m.op.getText(), m.expr(0), m.expr(1));
            case AddExprContext a -> arithmetic(a, a.op.getText(), a.expr(0), a.expr(1));
            case AndExprContext a -> arithmetic(a, "&", a.expr(0), a.expr(1));
            case XorExprContext x -> arithmetic(x, "^", x.expr(0), x.expr(1));
            case OrExprContext o -> arithmetic(o, "|", o.expr(0), o.expr(1));
            case ShiftExprContext s -> shift(s);
            case ConcatExprContext k -> concat(k);
            case RelationalExprContext r -> compare(r, r.op.getText(), r.expr(0), r.expr(1));
            case EqualityExprContext e -> compare(e, e.op.getText(), e.expr(0), e.expr(1));
            case LogicalAndExprContext l -> logical(BinaryOp.LOGICAL_AND, l.expr(0), l.expr(1));
            case LogicalOrExprContext l -> logical(BinaryOp.LOGICAL_OR, l.expr(0), l.expr(1));
            case ConditionalExprContext q -> conditional(q);
            default -> throw new IllegalStateException(c.getClass().getName());
        };
    }

    private T primary(PrimaryContext p) {
        return switch (p) {
            case NumberLiteralContext n -> new T(new Expr.Const(isa.number(n.number()), 0), false,
                    ModelBuilder.literalBits(n.number().getStart()));
            case TrueLiteralContext t -> new T(new Expr.Const(1, 1), true);
            case FalseLiteralContext f -> new T(new Expr.Const(0, 1), true);
            case ParenExprContext par -> expr(par.expr());
            case NameExprContext n -> name(n);
            case CallExprContext call -> call(call);
            default -> throw new IllegalStateException();
        };
    }

    private T name(NameExprContext n) {
        String name = n.ident().getText();
        for (Map<String, Binding> scope : scopes) {
            Binding b = scope.get(name);
            if (b instanceof LocalBinding l) {
                return new T(new Expr.Local(l.slot(), l.width()), l.bool());
            }
            if (b instanceof WidthBinding w) {
                return new T(new Expr.Const(w.value(), 0), false);
            }
        }
        Integer field = isa.field(name);
        if (field != null) {
            fieldsUsed.add(field);
            return new T(new Expr.FieldRef(field, isa.fieldAt(field).width()), false);
        }
        if (name.equals(isa.pcName())) {
            if (fieldsOnly) {
                diagnostics.error(n, "a guard may read only fields and constants, not " + name);
                return ERROR;
            }
            return new T(new Expr.PcRead(isa.pcWidth()), false);
        }
        if (isa.registerFile(name) != null) {
            diagnostics.error(n, "register file '" + name + "' needs an index: " + name + "[i]");
            return ERROR;
        }
        diagnostics.error(n, "unknown name '" + name + "' in the semantics of '" + instruction + "'");
        return ERROR;
    }

    private T index(IndexExprContext ix) {
        if (ix.expr(0) instanceof PrimaryExprContext p && p.primary() instanceof NameExprContext n
                && isa.registerFile(n.ident().getText()) != null && ix.lo == null) {
            RegisterFile rf = isa.registerFile(n.ident().getText());
            if (fieldsOnly) {
                diagnostics.error(ix, "a guard may read only fields and constants, not registers");
                return ERROR;
            }
            return new T(new Expr.RegRead(rf.index(), registerIndex(ix.hi, rf), rf.width()), false);
        }
        T base = expr(ix.expr(0));
        if (base == ERROR) {
            return ERROR;
        }
        if (base.unsized() || base.bool()) {
            diagnostics.error(ix, "only a sized bits value can be sliced");
            return ERROR;
        }
        int hi = constantInt(ix.hi);
        int lo = ix.lo == null ? hi : constantInt(ix.lo);
        int w = base.e().width();
        if (hi < lo || hi >= w || lo < 0) {
            diagnostics.error(ix, "slice [" + hi + ":" + lo + "] is outside bits(" + w + ")");
            return ERROR;
        }
        return new T(new Expr.Slice(base.e(), hi, lo), false);
    }

    private int constantInt(ExprContext c) {
        T t = expr(c);
        if (!t.unsized() || !t.constant0()) {
            diagnostics.error(c, "slice bounds must be constants");
            return 0;
        }
        return (int) t.constant();
    }

    private T unary(UnaryExprContext u) {
        T v = expr(u.expr());
        if (v == ERROR) {
            return ERROR;
        }
        String op = u.op.getText();
        if (op.equals("!")) {
            if (!v.bool()) {
                diagnostics.error(u, "'!' needs a boolean; for bits use '~'");
                return ERROR;
            }
            return new T(new Expr.Unary(Expr.UnaryOp.NOT, v.e(), 1), true);
        }
        if (v.bool()) {
            diagnostics.error(u, "'" + op + "' needs a bits value; for booleans use '!'");
            return ERROR;
        }
        if (v.unsized() && !v.constant0()) {
            diagnostics.error(u, "cannot infer the width of this operand");
            return ERROR;
        }
        if (v.unsized()) {
            return new T(new Expr.Const(op.equals("-") ? -v.constant() : ~v.constant(), 0), false);
        }
        return new T(new Expr.Unary(op.equals("-") ? Expr.UnaryOp.NEG : Expr.UnaryOp.NOT, v.e(), v.e().width()), false);
    }

    private static BinaryOp binaryOp(String op) {
        return switch (op) {
            case "+" -> BinaryOp.ADD;
            case "-" -> BinaryOp.SUB;
            case "*" -> BinaryOp.MUL;
            case "/_s" -> BinaryOp.DIV_S;
            case "/_u" -> BinaryOp.DIV_U;
            case "%_s" -> BinaryOp.REM_S;
            case "%_u" -> BinaryOp.REM_U;
            case "&" -> BinaryOp.AND;
            case "|" -> BinaryOp.OR;
            case "^" -> BinaryOp.XOR;
            case "<<" -> BinaryOp.SHL;
            case ">>" -> BinaryOp.SHR;
            case ">>_s" -> BinaryOp.SAR;
            case "==" -> BinaryOp.EQ;
            case "!=" -> BinaryOp.NE;
            case "<_s" -> BinaryOp.LT_S;
            case "<_u" -> BinaryOp.LT_U;
            case "<=_s" -> BinaryOp.LE_S;
            case "<=_u" -> BinaryOp.LE_U;
            case ">_s" -> BinaryOp.GT_S;
            case ">_u" -> BinaryOp.GT_U;
            case ">=_s" -> BinaryOp.GE_S;
            case ">=_u" -> BinaryOp.GE_U;
            default -> throw new IllegalStateException(op);
        };
    }

    /** Operands of equal width (literals sized to the other side); two literals fold. */
    private T[] unify(ParserRuleContext at, String op, ExprContext lc, ExprContext rc) {
        T l = expr(lc);
        T r = expr(rc);
        if (l == ERROR || r == ERROR) {
            return null;
        }
        if (l.bool() || r.bool()) {
            if (l.bool() && r.bool() && (op.equals("==") || op.equals("!="))) {
                return new T[] {l, r};
            }
            diagnostics.error(at, "'" + op + "' needs bits values, not booleans");
            return null;
        }
        if (l.unsized() && !r.unsized()) {
            l = sized(l, r.e().width(), lc);
        } else if (r.unsized() && !l.unsized()) {
            r = sized(r, l.e().width(), rc);
        } else if (!l.unsized() && l.e().width() != r.e().width()) {
            diagnostics.error(at, "width mismatch: '" + op + "' of bits(" + l.e().width() + ") and bits(" + r.e().width() + ")");
            return null;
        }
        return new T[] {l, r};
    }

    private T arithmetic(ParserRuleContext at, String op, ExprContext lc, ExprContext rc) {
        T[] lr = unify(at, op, lc, rc);
        if (lr == null) {
            return ERROR;
        }
        BinaryOp bop = binaryOp(op);
        if (lr[0].unsized() && !(lr[0].constant0() && lr[1].constant0())) {
            diagnostics.error(at, "cannot infer the width of '" + op + "': give one operand a width");
            return ERROR;
        }
        if (lr[0].unsized()) {
            return new T(new Expr.Const(fold(bop, lr[0].constant(), lr[1].constant(), at), 0), false);
        }
        return new T(new Expr.Binary(bop, lr[0].e(), lr[1].e(), lr[0].e().width()), false);
    }

    private long fold(BinaryOp op, long a, long b, ParserRuleContext at) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case SHL -> b >= 64 ? 0 : a << b;
            case SHR -> b >= 64 ? 0 : a >>> b;
            case SAR -> a >> Math.min(b, 63);
            default -> {
                if (b == 0) {
                    diagnostics.error(at, "division of constants by zero");
                    yield 0;
                }
                yield switch (op) {
                    case DIV_S -> a / b;
                    case DIV_U -> Long.divideUnsigned(a, b);
                    case REM_S -> a % b;
                    default -> Long.remainderUnsigned(a, b);
                };
            }
        };
    }

    private T shift(ShiftExprContext s) {
        T l = expr(s.expr(0));
        T r = expr(s.expr(1));
        if (l == ERROR || r == ERROR) {
            return ERROR;
        }
        if (l.bool() || r.bool()) {
            diagnostics.error(s, "shifts need bits values, not booleans");
            return ERROR;
        }
        BinaryOp op = binaryOp(s.op.getText());
        if (l.unsized() && r.unsized() && l.constant0() && r.constant0()) {
            return new T(new Expr.Const(fold(op, l.constant(), r.constant(), s), 0), false);
        }
        if (l.unsized()) {
            diagnostics.error(s.expr(0), "cannot infer the width of the shifted literal: write it as a sized value");
            return ERROR;
        }
        Expr amount = r.unsized() ? sized(r, 64, s.expr(1)).e() : r.e();
        return new T(new Expr.Binary(op, l.e(), amount, l.e().width()), false);
    }

    private T concat(ConcatExprContext k) {
        T l = concatOperand(k.expr(0));
        T r = concatOperand(k.expr(1));
        if (l == ERROR || r == ERROR) {
            return ERROR;
        }
        if (l.e().width() + r.e().width() > 64) {
            diagnostics.error(k, "concatenation is " + (l.e().width() + r.e().width()) + " bits, wider than 64");
            return ERROR;
        }
        return new T(new Expr.Concat(l.e(), r.e()), false);
    }

    private T concatOperand(ExprContext c) {
        T t = expr(c);
        if (t == ERROR) {
            return ERROR;
        }
        if (t.bool()) {
            diagnostics.error(c, "a boolean cannot be concatenated");
            return ERROR;
        }
        if (t.unsized()) {
            if (t.literalBits() == 0) {
                diagnostics.error(c, "cannot infer the width of " + c.getText() + " in a concatenation: write it in hex or binary (e.g. 0x000)");
                return ERROR;
            }
            return sized(t, t.literalBits(), c);
        }
        return t;
    }

    private T compare(ParserRuleContext at, String op, ExprContext lc, ExprContext rc) {
        T[] lr = unify(at, op, lc, rc);
        if (lr == null) {
            return ERROR;
        }
        BinaryOp bop = binaryOp(op);
        if (lr[0].unsized() && !(lr[0].constant0() && lr[1].constant0())) {
            diagnostics.error(at, "cannot infer the width of '" + op + "': give one operand a width");
            return ERROR;
        }
        if (lr[0].unsized()) {
            long a = lr[0].constant();
            long b = lr[1].constant();
            boolean v = switch (bop) {
                case EQ -> a == b;
                case NE -> a != b;
                case LT_S -> a < b;
                case LE_S -> a <= b;
                case GT_S -> a > b;
                case GE_S -> a >= b;
                case LT_U -> Long.compareUnsigned(a, b) < 0;
                case LE_U -> Long.compareUnsigned(a, b) <= 0;
                case GT_U -> Long.compareUnsigned(a, b) > 0;
                default -> Long.compareUnsigned(a, b) >= 0;
            };
            return new T(new Expr.Const(v ? 1 : 0, 1), true);
        }
        return new T(new Expr.Binary(bop, lr[0].e(), lr[1].e(), 1), true);
    }

    private T logical(BinaryOp op, ExprContext lc, ExprContext rc) {
        Expr l = condition(lc);
        Expr r = condition(rc);
        return new T(new Expr.Binary(op, l, r, 1), true);
    }

    private T conditional(ConditionalExprContext q) {
        Expr cond = condition(q.expr(0));
        T a = expr(q.expr(1));
        T b = expr(q.expr(2));
        if (a == ERROR || b == ERROR) {
            return ERROR;
        }
        if (a.bool() != b.bool()) {
            diagnostics.error(q, "both branches of '?' must be booleans, or both bits");
            return ERROR;
        }
        if (a.unsized() && b.unsized()) {
            if (cond instanceof Expr.Const c) {
                return c.value() != 0 ? a : b;
            }
            if (a.constant0() && b.constant0()) {
                return new T(new Expr.Select(cond, a.e(), b.e(), 0), false); // sized where it is used
            }
            diagnostics.error(q, "cannot infer the width of '?': both branches are literals");
            return ERROR;
        }
        if (a.unsized()) {
            a = sized(a, b.e().width(), q.expr(1));
        } else if (b.unsized()) {
            b = sized(b, a.e().width(), q.expr(2));
        } else if (a.e().width() != b.e().width()) {
            diagnostics.error(q, "width mismatch: '?' branches are bits(" + a.e().width() + ") and bits(" + b.e().width() + ")");
            return ERROR;
        }
        return new T(new Expr.Select(cond, a.e(), b.e(), a.e().width()), a.bool());
    }

    private T call(CallExprContext c) {
        String name = c.ident().getText();
        List<ExprContext> args = c.args() == null ? List.of() : c.args().expr();
        if (fieldsOnly && !name.equals("sext") && !name.equals("zext")) {
            diagnostics.error(c, "a guard may read only fields and constants, not call '" + name + "'");
            return ERROR;
        }
        int loadBytes = switch (name) {
            case "load8" -> 1;
            case "load16" -> 2;
            case "load32" -> 4;
            case "load64" -> 8;
            default -> 0;
        };
        if (loadBytes > 0) {
            return arity(c, args, 1) ? new T(new Expr.Load(address(args.getFirst()), loadBytes), false) : ERROR;
        }
        switch (name) {
            case "sext", "zext" -> {
                if (args.isEmpty() || args.size() > 2) {
                    arity(c, args, 1);
                    return ERROR;
                }
                T v = expr(args.get(0));
                if (v == ERROR) {
                    return ERROR;
                }
                int to = args.size() == 2 ? constantInt(args.get(1)) : isa.wordWidth();
                if (v.unsized() || v.bool()) {
                    diagnostics.error(args.get(0), name + " needs a sized bits value");
                    return ERROR;
                }
                int from = v.e().width();
                if (to < from || to > 64) {
                    diagnostics.error(c, "cannot " + name + " bits(" + from + ") to bits(" + to + ")");
                    return ERROR;
                }
                return from == to ? v : new T(new Expr.Extend(name.equals("sext"), v.e(), to), false);
            }
            case "mulh_ss", "mulh_uu", "mulh_su" -> {
                if (!arity(c, args, 2)) {
                    return ERROR;
                }
                T[] lr = unify(c, name, args.get(0), args.get(1));
                if (lr == null || lr[0].unsized()) {
                    if (lr != null) {
                        diagnostics.error(c, name + " needs sized operands");
                    }
                    return ERROR;
                }
                BinaryOp op = switch (name) {
                    case "mulh_ss" -> BinaryOp.MULH_SS;
                    case "mulh_uu" -> BinaryOp.MULH_UU;
                    default -> BinaryOp.MULH_SU;
                };
                return new T(new Expr.Binary(op, lr[0].e(), lr[1].e(), lr[0].e().width()), false);
            }
            case "csr_read" -> {
                return arity(c, args, 1)
                        ? new T(new Expr.CsrRead(sizedNumber(expr(args.getFirst()), args.getFirst()), isa.wordWidth()), false)
                        : ERROR;
            }
            case "reserved" -> {
                return arity(c, args, 1) ? new T(new Expr.Reserved(address(args.getFirst())), true) : ERROR;
            }
            default -> {
                return function(c, name, args);
            }
        }
    }

    private T function(CallExprContext c, String name, List<ExprContext> args) {
        ExprFunctionContext fn = isa.functions.get(name);
        if (fn == null) {
            if (isa.procedures.containsKey(name)) {
                diagnostics.error(c.ident(), "'" + name + "' is a procedure and has no value");
            } else {
                diagnostics.error(c.ident(), "unknown function '" + name + "'");
            }
            return ERROR;
        }
        List<ParamContext> params = fn.params() == null ? List.of() : fn.params().param();
        if (!arity(c, args, params.size())) {
            return ERROR;
        }
        Map<String, Binding> scope = new HashMap<>();
        List<T> values = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            values.add(bindParameter(params.get(i), expr(args.get(i)), args.get(i), scope));
        }
        if (!enter(name, c)) {
            return ERROR;
        }
        int[] slots = new int[params.size()];
        for (int i = 0; i < params.size(); i++) {
            slots[i] = locals++;
            scope.put(params.get(i).ident().getText(), new LocalBinding(slots[i], values.get(i).e().width(), values.get(i).bool()));
        }
        Deque<Map<String, Binding>> saved = new ArrayDeque<>(scopes);
        scopes.clear();
        scopes.push(scope);
        T body;
        try {
            body = expr(fn.expr());
            if (fn.type() instanceof BoolTypeContext) {
                if (!body.bool()) {
                    diagnostics.error(fn.expr(), "function '" + name + "' returns bool but its body is a number");
                }
            } else {
                body = sized(body, resultWidth((BitsTypeContext) fn.type(), scope), fn.expr());
            }
        } finally {
            scopes.clear();
            saved.descendingIterator().forEachRemaining(scopes::push);
            inlining.pop();
        }
        Expr result = body.e();
        for (int i = params.size() - 1; i >= 0; i--) {
            result = new Expr.Bind(slots[i], values.get(i).e(), result);
        }
        return new T(result, body.bool());
    }

    /** Checks an argument against its parameter's type, binding a width variable such as N on first use. */
    private T bindParameter(ParamContext p, T arg, ExprContext at, Map<String, Binding> scope) {
        if (p.type() instanceof BoolTypeContext) {
            if (!arg.bool()) {
                diagnostics.error(at, "parameter '" + p.ident().getText() + "' is bool");
            }
            return arg;
        }
        BitsTypeContext bits = (BitsTypeContext) p.type();
        if (bits.INT() != null) {
            return sized(arg, declaredWidth(bits), at);
        }
        String var = bits.ident().getText();
        if (scope.get(var) instanceof WidthBinding w) {
            return sized(arg, w.value(), at);
        }
        if (arg.unsized() || arg.bool()) {
            diagnostics.error(at, "cannot infer " + var + " from this argument: pass a sized bits value");
            return new T(new Expr.Const(0, 64), false);
        }
        scope.put(var, new WidthBinding(arg.e().width()));
        return arg;
    }

    private int resultWidth(BitsTypeContext t, Map<String, Binding> scope) {
        if (t.INT() != null) {
            return declaredWidth(t);
        }
        if (scope.get(t.ident().getText()) instanceof WidthBinding w) {
            return w.value();
        }
        diagnostics.error(t, "unknown width '" + t.ident().getText() + "': name it in a parameter's type");
        return 64;
    }

    private int declaredWidth(BitsTypeContext t) {
        if (t.INT() == null) {
            for (Map<String, Binding> scope : scopes) {
                if (scope.get(t.ident().getText()) instanceof WidthBinding w) {
                    return w.value();
                }
            }
            diagnostics.error(t, "unknown width '" + t.ident().getText() + "'");
            return 64;
        }
        int w = Integer.parseInt(t.INT().getText());
        if (w < 1 || w > 64) {
            diagnostics.error(t, "width must be 1 to 64 bits, not " + w);
            return 64;
        }
        return w;
    }
}
