package dbt.isa.check;

import dbt.ir.fp.FloatFunction;
import dbt.isa.exec.BitVectors;
import dbt.isa.model.Csr;
import dbt.isa.model.Expr.BinaryOp;
import dbt.isa.model.Expr;
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
 *
 * <p>Function and procedure bodies are also checked once on their own ({@link #checkFunction},
 * {@link #checkProcedure}), with each width variable bound to the word width: a mistake that does not depend on the
 * widths is reported there even if nobody calls the function, and only once, not at every call. Mistakes that may
 * depend on the widths (mismatches, literals that do not fit, slices) are left to the calls, where the widths are
 * known; each place in a body is reported at most once.
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
    /** Checking a body on its own with representative widths: mistakes that may depend on them are not reported. */
    private boolean generic;
    /**
     * Inside a branch of '?' or the right operand of '&&' or '||', which may or may not be evaluated: a
     * floating-point operation there would raise its flags or not depending on how the expression is evaluated.
     */
    private int maybeEvaluated;

    /** Names of the built-in functions and procedures; user functions and procedures may not take them. */
    static final Set<String> BUILTINS = builtins();

    private static Set<String> builtins() {
        Set<String> names = new java.util.HashSet<>(Set.of("load8", "load16", "load32", "load64", "sext", "zext",
                "mulh_ss", "mulh_uu", "mulh_su", "csr_read", "reserved",
                "store8", "store16", "store32", "store64", "syscall", "breakpoint", "fence", "fence_i",
                "clear_reservation", "reserve", "csr_write"));
        for (FloatFunction f : FloatFunction.values()) {
            names.add(f.builtin);
        }
        return Set.copyOf(names);
    }

    private sealed interface Binding {}

    /** A local; a broken one's value was wrong (already reported), so uses of it report nothing more. */
    private record LocalBinding(int slot, int width, boolean bool, boolean broken) implements Binding {
        LocalBinding(int slot, int width, boolean bool) {
            this(slot, width, bool, false);
        }
    }

    private record WidthBinding(int value) implements Binding {}

    /**
     * A typed expression; an unsized literal is a Const of width 0. {@code above} marks a literal of 2^63 or more
     * (held as a negative long), which fits in no width below 64 bits.
     */
    private record T(Expr e, boolean bool, int literalBits, boolean above) {
        T(Expr e, boolean bool) {
            this(e, bool, 0, false);
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

    /** Checks a function's body on its own (see the class comment); the result is thrown away. */
    void checkFunction(ExprFunctionContext fn) {
        String name = fn.ident().getText();
        Map<String, Binding> scope = representativeScope(fn.params());
        inlining.push(name);
        scopes.clear();
        scopes.push(scope);
        functionBody(fn, name, scope);
    }

    /** Checks a procedure's body on its own (see the class comment); the result is thrown away. */
    void checkProcedure(ProcedureContext p) {
        Map<String, Binding> scope = representativeScope(p.params());
        inlining.push(p.ident().getText());
        scopes.clear();
        scopes.push(scope);
        block(p.block());
    }

    /** Parameters as locals of their declared types, each width variable bound to the word width. */
    private Map<String, Binding> representativeScope(ParamsContext ps) {
        Map<String, Binding> scope = new HashMap<>();
        List<ParamContext> params = ps == null ? List.of() : ps.param();
        for (ParamContext p : params) {
            if (p.type() instanceof BitsTypeContext bits && bits.INT() == null) {
                generic = true;
                scope.put(bits.ident().getText(), new WidthBinding(isa.wordWidth()));
            }
        }
        for (ParamContext p : params) {
            LocalBinding local;
            if (p.type() instanceof BitsTypeContext bits) {
                int w = bits.INT() != null ? declaredWidth(bits) : isa.wordWidth();
                local = new LocalBinding(locals++, w < 0 ? 64 : w, false, w < 0);
            } else {
                local = new LocalBinding(locals++, 1, true);
            }
            bindLocal(scope, p.ident().getText(), local);
        }
        return scope;
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
                boolean broken = value == ERROR;
                int width;
                if (let.type() != null) {
                    if (let.type() instanceof BoolTypeContext) {
                        if (!value.bool() && value != ERROR) {
                            error(let.expr(), "'" + name + "' is declared bool but its value is a number");
                        }
                        width = 1;
                        bool = true;
                    } else {
                        width = declaredWidth((BitsTypeContext) let.type());
                        if (width < 0) { // reported; take the value's width if it has one
                            broken |= value.bool() || value.unsized();
                            width = value.bool() || value.unsized() ? 64 : value.e().width();
                            value = broken ? sized(ERROR, width, let.expr()) : value;
                        } else {
                            value = sized(value, width, let.expr());
                        }
                    }
                } else if (value == ERROR) {
                    width = 64;
                    value = sized(value, 64, let.expr());
                } else if (value.unsized()) {
                    error(let, "cannot infer the width of '" + name + "': write let " + name + " : bits(N) = ...");
                    width = 64;
                    value = sized(value, 64, let.expr());
                    broken = true;
                } else {
                    width = value.e().width();
                }
                if (scopes.peek().containsKey(name)) {
                    error(let.ident(), "'" + name + "' is already defined in this block");
                }
                int slot = locals++;
                scopes.peek().put(name, new LocalBinding(slot, width, bool, broken));
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
        if (target instanceof PrimaryExprContext p && p.primary() instanceof NameExprContext n
                && isa.csrNamed(n.ident().getText()) != null && !isLocal(n.ident().getText())) {
            Csr csr = isa.csrNamed(n.ident().getText());
            if (csr.readOnly()) {
                error(target, "CSR '" + csr.name() + "' is read-only");
                return;
            }
            Expr value = sized(expr(a.value), csr.width(), a.value).e();
            if (csr.width() < isa.wordWidth()) {
                value = new Expr.Extend(false, value, isa.wordWidth());
            }
            out.add(new Stmt.CsrWrite(new Expr.Const(csr.number(), 64), value));
            return;
        }
        error(target, "cannot assign to '" + target.getText() + "': only registers, CSRs and "
                + isa.pcLabel() + " can be assigned (locals are immutable)");
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
            case "fence" -> {
                // fence() orders every access; fence(b) says by b whether earlier stores go before later loads
                // (the one order a store-buffered host such as x86 needs a barrier for).
                if (args.size() == 1) {
                    out.add(new Stmt.Effect(Stmt.EffectKind.FENCE, condition(args.getFirst())));
                } else {
                    effect(c, args, Stmt.EffectKind.FENCE, out);
                }
            }
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
                        error(c.ident(), "'" + name + "' is a function: use its result");
                    } else {
                        error(c.ident(), "unknown procedure '" + name + "'");
                    }
                    return;
                }
                List<ParamContext> params = proc.params() == null ? List.of() : proc.params().param();
                if (!arity(c, args, params.size()) || recursive(name, c)) {
                    return;
                }
                Map<String, Binding> scope = new HashMap<>();
                List<Stmt> body = new ArrayList<>();
                boolean bound = true;
                for (int i = 0; i < params.size(); i++) {
                    T arg = bindParameter(params.get(i), expr(args.get(i)), args.get(i), scope);
                    int slot = locals++;
                    if (arg == null) {
                        bound = false;
                        continue;
                    }
                    bindLocal(scope, params.get(i).ident().getText(), new LocalBinding(slot, arg.e().width(), arg.bool()));
                    body.add(new Stmt.Let(slot, arg.e()));
                }
                if (!bound) {
                    return; // an argument was wrong (reported): the body is checked on its own anyway
                }
                inlining.push(name);
                Deque<Map<String, Binding>> saved = new ArrayDeque<>(scopes);
                try {
                    scopes.clear();
                    scopes.push(scope);
                    body.addAll(block(proc.block()));
                } finally {
                    scopes.clear();
                    saved.descendingIterator().forEachRemaining(scopes::push);
                    inlining.pop();
                }
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
            error(c, "'" + c.getStart().getText() + "' takes " + n + " argument" + (n == 1 ? "" : "s")
                    + ", not " + args.size());
            return false;
        }
        return true;
    }

    /** Binds a parameter; a second parameter of the same name (reported) leaves the name broken, not shadowed. */
    private static void bindLocal(Map<String, Binding> scope, String name, LocalBinding local) {
        scope.put(name, scope.get(name) instanceof LocalBinding
                ? new LocalBinding(local.slot(), local.width(), local.bool(), true) : local);
    }

    /** True (after a diagnostic) if a call to name would recurse. */
    private boolean recursive(String name, ParserRuleContext at) {
        if (inlining.contains(name)) {
            error(at, "'" + name + "' calls itself: functions and procedures cannot be recursive");
            return true;
        }
        return false;
    }

    /** Reports a mistake; inside a function or procedure body, at most one per place (bodies are checked often). */
    private void error(ParserRuleContext at, String message) {
        if (inlining.isEmpty()) {
            diagnostics.error(at, message);
        } else {
            diagnostics.errorOncePerPlace(Diagnostics.location(at), message);
        }
    }

    /** A mistake that may depend on the widths: not reported while checking a body with representative widths. */
    private void widthError(ParserRuleContext at, String message) {
        if (!generic) {
            error(at, message);
        }
    }

    /** Where a mistake is, for messages: an instruction's semantics, or the function or procedure being checked. */
    private String where() {
        if (inlining.isEmpty()) {
            return "the semantics of '" + instruction + "'";
        }
        String name = inlining.peek();
        return (isa.functions.containsKey(name) ? "function '" : isa.procedures.containsKey(name) ? "procedure '" : "'")
                + name + "'";
    }

    /**
     * The value of a whole number token; Long.MAX_VALUE for one that does not even fit in a long (its callers
     * range-check it and quote the token).
     */
    static long wholeNumber(org.antlr.v4.runtime.tree.TerminalNode n) {
        try {
            return Long.parseLong(n.getText());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    // ---- expressions --------------------------------------------------------------------------------------------

    private Expr condition(ExprContext c) {
        T t = expr(c);
        if (!t.bool() && t != ERROR) {
            error(c, "condition must be a boolean (a comparison), not a bits value");
        }
        return t.e();
    }

    private Expr address(ExprContext c) {
        return sized(expr(c), isa.wordWidth(), c).e();
    }

    private Expr registerIndex(ExprContext c, RegisterFile rf) {
        T index = expr(c);
        if (index.unsized() && index.constant0() && (index.constant() < 0 || index.constant() >= rf.count())) {
            error(c, "register " + show(index) + " is outside " + rf.name() + "[" + rf.count() + "]");
        }
        return sizedNumber(index, c);
    }

    /** A number used as an index: a literal gets a width large enough to hold it. */
    private Expr sizedNumber(T t, ExprContext c) {
        if (t.bool()) {
            error(c, "a boolean cannot be used as a number");
        }
        return t.unsized() ? sized(t, 64, c).e() : t.e();
    }

    /** Gives an unsized literal the width w, or checks that a sized value already has it. */
    private T sized(T t, int w, ParserRuleContext at) {
        if (t == ERROR) {
            return new T(new Expr.Const(0, w), false);
        }
        if (t.bool()) {
            error(at, "a boolean cannot be used as bits(" + w + "): write cond ? 1 : 0");
            return new T(new Expr.Const(0, w), false);
        }
        if (t.unsized() && t.e() instanceof Expr.Select sel) {
            T a = sized(new T(sel.ifTrue(), false), w, at);
            T b = sized(new T(sel.ifFalse(), false), w, at);
            return new T(new Expr.Select(sel.condition(), a.e(), b.e(), w), false);
        }
        if (t.unsized() && !t.constant0()) {
            return new T(new Expr.Const(0, w), false); // nothing unsized but literals and choices between them
        }
        if (t.unsized()) {
            long v = t.constant();
            if (w < 64 && (t.above() || v >= (1L << w) || v < -(1L << (w - 1)))) {
                widthError(at, "literal " + show(t) + " does not fit in bits(" + w + ")");
            }
            return new T(new Expr.Const(Field.truncate(v, w), w), false);
        }
        if (t.e().width() != w) {
            widthError(at, "width mismatch: expected bits(" + w + "), found bits(" + t.e().width() + ")");
        }
        return t;
    }

    /** A constant as the description wrote it: a literal of 2^63 or more is not negative. */
    private static String show(T t) {
        return t.above() ? Long.toUnsignedString(t.constant()) : String.valueOf(t.constant());
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
            case RelationalExprContext r -> arithmetic(r, r.op.getText(), r.expr(0), r.expr(1));
            case EqualityExprContext e -> arithmetic(e, e.op.getText(), e.expr(0), e.expr(1));
            case LogicalAndExprContext l -> logical(BinaryOp.LOGICAL_AND, l.expr(0), l.expr(1));
            case LogicalOrExprContext l -> logical(BinaryOp.LOGICAL_OR, l.expr(0), l.expr(1));
            case ConditionalExprContext q -> conditional(q);
            default -> throw new IllegalStateException(c.getClass().getName());
        };
    }

    private T primary(PrimaryContext p) {
        return switch (p) {
            case NumberLiteralContext n -> {
                long v = isa.number(n.number());
                yield new T(new Expr.Const(v, 0), false, ModelBuilder.literalBits(n.number().getStart()), v < 0);
            }
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
                return l.broken() ? ERROR : new T(new Expr.Local(l.slot(), l.width()), l.bool());
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
                error(n, "a guard may read only fields and constants, not " + name);
                return ERROR;
            }
            return new T(new Expr.PcRead(isa.pcWidth()), false);
        }
        if (isa.registerFile(name) != null) {
            error(n, "register file '" + name + "' needs an index: " + name + "[i]");
            return ERROR;
        }
        Csr csr = isa.csrNamed(name);
        if (csr != null) {
            if (fieldsOnly) {
                error(n, "a guard may read only fields and constants, not CSR " + name);
                return ERROR;
            }
            return new T(new Expr.CsrRead(new Expr.Const(csr.number(), 64), csr.width()), false);
        }
        error(n, "unknown name '" + name + "' in " + where());
        return ERROR;
    }

    private T index(IndexExprContext ix) {
        if (ix.expr(0) instanceof PrimaryExprContext p && p.primary() instanceof NameExprContext n
                && isa.registerFile(n.ident().getText()) != null && ix.lo == null) {
            RegisterFile rf = isa.registerFile(n.ident().getText());
            if (fieldsOnly) {
                error(ix, "a guard may read only fields and constants, not registers");
                return ERROR;
            }
            return new T(new Expr.RegRead(rf.index(), registerIndex(ix.hi, rf), rf.width()), false);
        }
        T base = expr(ix.expr(0));
        if (base == ERROR) {
            return ERROR;
        }
        if (base.unsized() || base.bool()) {
            error(ix, "only a sized bits value can be sliced");
            return ERROR;
        }
        T hiValue = constant(ix.hi, "slice bounds");
        T loValue = ix.lo == null ? hiValue : constant(ix.lo, "slice bounds");
        if (hiValue == null || loValue == null) {
            return ERROR;
        }
        long hi = hiValue.constant();
        long lo = loValue.constant();
        int w = base.e().width();
        if (hiValue.above() || loValue.above() || hi < lo || hi >= w || lo < 0) {
            widthError(ix, "slice [" + show(hiValue) + ":" + show(loValue) + "] is outside bits(" + w + ")");
            return ERROR;
        }
        return new T(new Expr.Slice(base.e(), (int) hi, (int) lo), false);
    }

    /** A constant (a literal, or literals folded), or null after a diagnostic. */
    private T constant(ExprContext c, String what) {
        T t = expr(c);
        if (t == ERROR) {
            return null;
        }
        if (!t.unsized() || !t.constant0()) {
            error(c, what + " must be constants");
            return null;
        }
        return t;
    }

    private T unary(UnaryExprContext u) {
        T v = expr(u.expr());
        if (v == ERROR) {
            return ERROR;
        }
        String op = u.op.getText();
        if (op.equals("!")) {
            if (!v.bool()) {
                error(u, "'!' needs a boolean; for bits use '~'");
                return ERROR;
            }
            return new T(new Expr.Unary(Expr.UnaryOp.NOT, v.e(), 1), true);
        }
        if (v.bool()) {
            error(u, "'" + op + "' needs a bits value; for booleans use '!'");
            return ERROR;
        }
        if (v.unsized() && !v.constant0()) {
            error(u, "cannot infer the width of this operand");
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
            error(at, "'" + op + "' needs bits values, not booleans");
            return null;
        }
        if (l.unsized() && !r.unsized()) {
            l = sized(l, r.e().width(), lc);
        } else if (r.unsized() && !l.unsized()) {
            r = sized(r, l.e().width(), rc);
        } else if (!l.unsized() && l.e().width() != r.e().width()) {
            widthError(at, "width mismatch: '" + op + "' of bits(" + l.e().width() + ") and bits(" + r.e().width() + ")");
            return null;
        }
        return new T[] {l, r};
    }

    /** Arithmetic, bitwise and comparison operators: equal operand widths; two literals fold (a comparison to bool). */
    private T arithmetic(ParserRuleContext at, String op, ExprContext lc, ExprContext rc) {
        T[] lr = unify(at, op, lc, rc);
        if (lr == null) {
            return ERROR;
        }
        BinaryOp bop = binaryOp(op);
        boolean comparison = bop.isComparison();
        if (lr[0].unsized() && !(lr[0].constant0() && lr[1].constant0())) {
            error(at, "cannot infer the width of '" + op + "': give one operand a width");
            return ERROR;
        }
        if (lr[0].unsized()) {
            long v = fold(bop, lr[0].constant(), lr[1].constant(), at);
            return comparison ? new T(new Expr.Const(v, 1), true) : new T(new Expr.Const(v, 0), false);
        }
        return new T(new Expr.Binary(bop, lr[0].e(), lr[1].e(), comparison ? 1 : lr[0].e().width()), comparison);
    }

    /** Two literals, taken as 64-bit values, by the language's own operators. */
    private long fold(BinaryOp op, long a, long b, ParserRuleContext at) {
        try {
            return BitVectors.apply(op, a, b, 64);
        } catch (ArithmeticException e) {
            error(at, "division of constants by zero");
            return 0;
        }
    }

    private T shift(ShiftExprContext s) {
        T l = expr(s.expr(0));
        T r = expr(s.expr(1));
        if (l == ERROR || r == ERROR) {
            return ERROR;
        }
        if (l.bool() || r.bool()) {
            error(s, "shifts need bits values, not booleans");
            return ERROR;
        }
        BinaryOp op = binaryOp(s.op.getText());
        if (l.unsized() && r.unsized() && l.constant0() && r.constant0()) {
            return new T(new Expr.Const(fold(op, l.constant(), r.constant(), s), 0), false);
        }
        if (l.unsized()) {
            error(s.expr(0), "cannot infer the width of the shifted literal: write it as a sized value");
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
            widthError(k, "concatenation is " + (l.e().width() + r.e().width()) + " bits, wider than 64");
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
            error(c, "a boolean cannot be concatenated");
            return ERROR;
        }
        if (t.unsized()) {
            if (t.literalBits() == 0) {
                error(c, "cannot infer the width of " + c.getText() + " in a concatenation: write it in hex or binary (e.g. 0x000)");
                return ERROR;
            }
            return sized(t, t.literalBits(), c);
        }
        return t;
    }

    private T logical(BinaryOp op, ExprContext lc, ExprContext rc) {
        Expr l = condition(lc);
        maybeEvaluated++;
        try {
            Expr r = condition(rc);
            return new T(new Expr.Binary(op, l, r, 1), true);
        } finally {
            maybeEvaluated--;
        }
    }

    private T conditional(ConditionalExprContext q) {
        Expr cond = condition(q.expr(0));
        T a;
        T b;
        maybeEvaluated++;
        try {
            a = expr(q.expr(1));
            b = expr(q.expr(2));
        } finally {
            maybeEvaluated--;
        }
        if (a == ERROR || b == ERROR) {
            return ERROR;
        }
        if (a.bool() != b.bool()) {
            error(q, "both branches of '?' must be booleans, or both bits");
            return ERROR;
        }
        if (a.unsized() && b.unsized()) {
            if (cond instanceof Expr.Const c) {
                return c.value() != 0 ? a : b;
            }
            if (literalChoice(a) && literalChoice(b)) {
                return new T(new Expr.Select(cond, a.e(), b.e(), 0), false); // sized where it is used
            }
            error(q, "cannot infer the width of '?': both branches are literals");
            return ERROR;
        }
        if (a.unsized()) {
            a = sized(a, b.e().width(), q.expr(1));
        } else if (b.unsized()) {
            b = sized(b, a.e().width(), q.expr(2));
        } else if (a.e().width() != b.e().width()) {
            widthError(q, "width mismatch: '?' branches are bits(" + a.e().width() + ") and bits(" + b.e().width() + ")");
            return ERROR;
        }
        return new T(new Expr.Select(cond, a.e(), b.e(), a.e().width()), a.bool());
    }

    /** A literal, or a choice between literals (which may nest): unsized until it is used. */
    private static boolean literalChoice(T t) {
        return t.constant0() || (t.unsized() && t.e() instanceof Expr.Select);
    }

    private T call(CallExprContext c) {
        String name = c.ident().getText();
        List<ExprContext> args = c.args() == null ? List.of() : c.args().expr();
        if (fieldsOnly && !name.equals("sext") && !name.equals("zext")) {
            error(c, "a guard may read only fields and constants, not call '" + name + "'");
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
                T toValue = args.size() == 2 ? constant(args.get(1), "extension widths") : null;
                if (args.size() == 2 && toValue == null) {
                    return ERROR;
                }
                if (v.unsized() || v.bool()) {
                    error(args.get(0), name + " needs a sized bits value");
                    return ERROR;
                }
                int from = v.e().width();
                long to = toValue != null ? toValue.constant() : isa.wordWidth();
                if ((toValue != null && toValue.above()) || to < from || to > 64) {
                    widthError(c, "cannot " + name + " bits(" + from + ") to bits("
                            + (toValue != null ? show(toValue) : String.valueOf(to)) + ")");
                    return ERROR;
                }
                return from == to ? v : new T(new Expr.Extend(name.equals("sext"), v.e(), (int) to), false);
            }
            case "mulh_ss", "mulh_uu", "mulh_su" -> {
                if (!arity(c, args, 2)) {
                    return ERROR;
                }
                T[] lr = unify(c, name, args.get(0), args.get(1));
                if (lr == null || lr[0].unsized()) {
                    if (lr != null) {
                        error(c, name + " needs sized operands");
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
                FloatFunction f = FloatFunction.byBuiltin(name);
                return f != null ? floatCall(c, f, args) : function(c, name, args);
            }
        }
    }

    /**
     * A floating-point built-in: float operands of one format (bits(32) or bits(64)), an integer operand of 32 or 64
     * bits for a conversion from an integer, then the rounding mode for one that rounds.
     */
    private T floatCall(CallExprContext c, FloatFunction f, List<ExprContext> args) {
        if (args.size() != f.arity()) {
            String shape = f.operands == 1 ? "a" : f.operands == 2 ? "a, b" : "a, b, c";
            error(c, "'" + f.builtin + "' takes " + f.arity() + " argument" + (f.arity() == 1 ? "" : "s")
                    + " (" + shape + (f.rounds() ? ", rounding mode" : "") + "), not " + args.size());
            return ERROR;
        }
        if (f.raisesFlags() && maybeEvaluated > 0) {
            error(c, "'" + f.builtin + "' raises floating-point flags, so it cannot be in a branch of '?' or on the "
                    + "right of '&&' or '||' (whether its flags are raised would depend on evaluation): use an if");
            return ERROR;
        }
        if (f.raisesFlags() && isa.csrWithRole(Csr.Role.FLOAT_FLAGS) == null) {
            error(c, "'" + f.builtin + "' raises floating-point flags: declare the CSR that accrues them "
                    + "('csr NAME = NUMBER : 5 float flags;')");
            return ERROR;
        }
        List<Expr> operands = new ArrayList<>();
        int width = 0;
        for (int i = 0; i < f.operands; i++) {
            T v = expr(args.get(i));
            if (v == ERROR) {
                return ERROR;
            }
            String what = f.operand == FloatFunction.Kind.I ? "an integer" : "a float";
            if (v.bool() || v.unsized()) {
                error(args.get(i), "'" + f.builtin + "' needs " + what + " of bits(32) or bits(64), not "
                        + (v.bool() ? "a boolean" : "an unsized literal"));
                return ERROR;
            }
            int w = v.e().width();
            if (w != 32 && w != 64) {
                widthError(args.get(i), "'" + f.builtin + "' needs " + what + " of bits(32) or bits(64), not bits(" + w + ")");
                return ERROR;
            }
            if (width != 0 && w != width) {
                widthError(args.get(i), "'" + f.builtin + "' operands differ in format: bits(" + width + ") and bits(" + w + ")");
                return ERROR;
            }
            width = w;
            operands.add(v.e());
        }
        Expr rounding = null;
        if (f.rounds()) {
            ExprContext at = args.get(f.operands);
            T rm = expr(at);
            if (rm == ERROR) {
                return ERROR;
            }
            if (rm.unsized() && rm.constant0() && (rm.constant() < 0 || rm.constant() > 4)) {
                error(at, "rounding mode " + show(rm) + " does not exist: 0 nearest-even, 1 toward zero, 2 down, 3 up, "
                        + "4 nearest-max-magnitude");
                return ERROR;
            }
            rounding = rm.unsized() ? sized(rm, 3, at).e() : sizedNumber(rm, at);
        }
        int format = switch (f.result) {
            case F32 -> f.operand == FloatFunction.Kind.I ? 32 : width;
            case F64 -> f.operand == FloatFunction.Kind.I ? 64 : width;
            default -> width;
        };
        return new T(new Expr.FloatOp(f, format, operands, rounding, f.resultWidth(format)),
                f.result == FloatFunction.Kind.BOOL);
    }

    private boolean isLocal(String name) {
        for (Map<String, Binding> scope : scopes) {
            if (scope.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    private T function(CallExprContext c, String name, List<ExprContext> args) {
        ExprFunctionContext fn = isa.functions.get(name);
        if (fn == null) {
            if (isa.procedures.containsKey(name)) {
                error(c.ident(), "'" + name + "' is a procedure and has no value");
            } else {
                error(c.ident(), "unknown function '" + name + "'");
            }
            return ERROR;
        }
        List<ParamContext> params = fn.params() == null ? List.of() : fn.params().param();
        if (!arity(c, args, params.size())) {
            return ERROR;
        }
        Map<String, Binding> scope = new HashMap<>();
        List<T> values = new ArrayList<>();
        boolean bound = true;
        for (int i = 0; i < params.size(); i++) {
            T value = bindParameter(params.get(i), expr(args.get(i)), args.get(i), scope);
            bound &= value != null;
            values.add(value);
        }
        if (!bound || recursive(name, c)) {
            return ERROR; // a wrong argument was reported; the body is checked on its own anyway
        }
        inlining.push(name);
        int[] slots = new int[params.size()];
        for (int i = 0; i < params.size(); i++) {
            slots[i] = locals++;
            bindLocal(scope, params.get(i).ident().getText(),
                    new LocalBinding(slots[i], values.get(i).e().width(), values.get(i).bool()));
        }
        Deque<Map<String, Binding>> saved = new ArrayDeque<>(scopes);
        scopes.clear();
        scopes.push(scope);
        T body;
        try {
            body = functionBody(fn, name, scope);
        } finally {
            scopes.clear();
            saved.descendingIterator().forEachRemaining(scopes::push);
            inlining.pop();
        }
        if (body == ERROR) {
            return ERROR;
        }
        Expr result = body.e();
        for (int i = params.size() - 1; i >= 0; i--) {
            result = new Expr.Bind(slots[i], values.get(i).e(), result);
        }
        return new T(result, body.bool());
    }

    /** A function's body, typed as its result type (ERROR after a diagnostic that leaves it without a value). */
    private T functionBody(ExprFunctionContext fn, String name, Map<String, Binding> scope) {
        T body = expr(fn.expr());
        if (fn.type() instanceof BoolTypeContext) {
            if (body == ERROR) {
                return ERROR;
            }
            if (!body.bool()) {
                error(fn.expr(), "function '" + name + "' returns bool but its body is a number");
                return ERROR;
            }
            return body;
        }
        int width = resultWidth((BitsTypeContext) fn.type(), scope);
        if (width < 0) {
            return ERROR;
        }
        T result = sized(body, width, fn.expr());
        return result.e().width() == width ? result : ERROR; // a mismatch was reported: no follow-on at the call
    }

    /**
     * Checks an argument against its parameter's type, binding a width variable such as N on first use. Returns
     * the argument as the parameter's type, or null if it does not fit it (after a diagnostic, unless the argument
     * itself was wrong and reported).
     */
    private T bindParameter(ParamContext p, T arg, ExprContext at, Map<String, Binding> scope) {
        if (arg == ERROR) {
            return null;
        }
        if (p.type() instanceof BoolTypeContext) {
            if (!arg.bool()) {
                error(at, "parameter '" + p.ident().getText() + "' is bool");
                return null;
            }
            return arg;
        }
        BitsTypeContext bits = (BitsTypeContext) p.type();
        int width;
        if (bits.INT() != null) {
            width = declaredWidth(bits);
            if (width < 0) {
                return null;
            }
        } else if (scope.get(bits.ident().getText()) instanceof WidthBinding w) {
            width = w.value();
        } else {
            String var = bits.ident().getText();
            if (arg.unsized() || arg.bool()) {
                error(at, "cannot infer " + var + " from this argument: pass a sized bits value");
                return null;
            }
            scope.put(var, new WidthBinding(arg.e().width()));
            return arg;
        }
        T value = sized(arg, width, at);
        return arg.bool() || value.e().width() != width ? null : value;
    }

    /** A function's result width, or -1 after a diagnostic. */
    private int resultWidth(BitsTypeContext t, Map<String, Binding> scope) {
        if (t.INT() != null) {
            return declaredWidth(t);
        }
        if (scope.get(t.ident().getText()) instanceof WidthBinding w) {
            return w.value();
        }
        error(t, "unknown width '" + t.ident().getText() + "': name it in a parameter's type");
        return -1;
    }

    /** The width a bits(...) type gives, or -1 after a diagnostic. */
    private int declaredWidth(BitsTypeContext t) {
        if (t.INT() == null) {
            for (Map<String, Binding> scope : scopes) {
                if (scope.get(t.ident().getText()) instanceof WidthBinding w) {
                    return w.value();
                }
            }
            error(t, "unknown width '" + t.ident().getText() + "'");
            return -1;
        }
        long w = wholeNumber(t.INT());
        if (w < 1 || w > 64) {
            error(t, "width must be 1 to 64 bits, not " + t.INT().getText());
            return -1;
        }
        return (int) w;
    }
}
