package dbt.ir;

/**
 * The IR's operations. Each is defined once here: its text name, operand count, and what it needs and keeps.
 *
 * <p>Semantics, for the verifier, the IR interpreter and every backend alike:
 * <ul>
 * <li>Values are kept zero-extended in their type; arithmetic wraps.
 * <li>Shifts: an amount (any integer type, read unsigned) of at least the width gives 0, or all sign bits for SAR.
 *     Rotations (ROTL, ROTR) take the amount modulo the width (a power of two).
 * <li>Division is guarded and never traps: x / 0 = 0 and x % 0 = x; signed overflow (MIN / -1) gives MIN and
 *     remainder 0. A guest's own rules for these cases are expressed around the division (with SELECT).
 * <li>Comparisons give I1. SELECT picks its second operand when the first is 1.
 * <li>LOAD/STORE address the guest window by a 64-bit guest address; an address the guest may not access exits
 *     the block with a fault at the current guest instruction. The *_IF forms act only when their I1 operand is 1
 *     (LOAD_IF gives 0 otherwise).
 * <li>STORE_CAS(c, address, expected, value), when c is 1, stores value if memory there still holds expected (the
 *     low aux bytes of each) as one indivisible step for every guest thread (a compare-and-swap); if memory holds
 *     something else, the block exits as for a fault, at the current guest instruction, which then runs again from
 *     its start (the ISA language's {@code atomic} bodies).
 * <li>GET_RESERVATION/SET_RESERVATION: aux 0 is the reserved address (-1 when none), aux 1 the value loaded with
 *     it.
 * <li>FENCE orders every earlier memory access before every later one, also for other guest threads (a backend
 *     whose host orders all but earlier stores before later loads, as x86 does, needs a barrier only for that).
 * <li>FLOAT1/2/3 are the floating-point functions ({@link dbt.ir.fp.FloatFunction}, the ISA language's built-ins; by
 *     ordinal in aux) on IEEE bit patterns in integer types: 1, 2 or 3 operands, then the rounding mode's code. The
 *     float format is the first operand's width, or for a conversion from an integer the result's. Each accrues
 *     the exception flags it raises into the guest's float-flags CSR (where, the IR's user is told: see
 *     {@link FloatCsrs}). The rounding mode is the language's code (0..4), or {@link FloatCsrs#DYNAMIC}: the
 *     guest's dynamic mode, which a backend may take from wherever it keeps it (MXCSR on x86); a dynamic mode
 *     that is not one of the five is an illegal instruction. IR a backend translates never changes the dynamic
 *     mode (a lifter leaves such a CSR write to an interpreter). Which NaN an op delivers is the backend's (IEEE
 *     754 fixes none): an ISA that fixes one writes it (NAN_SELECT).
 * <li>FLOAT_FLAGS is the exception flags FLOAT ops raised that the float-flags CSR does not show yet: a backend
 *     that accrues them elsewhere (x86: MXCSR) reads them there; the IR interpreter accrues into the CSR and gives
 *     0. CLEAR_FLOAT_FLAGS(f) forgets those, before the CSR's flags are written with f (its low five bits, in
 *     FLOAT_FLAGS' order): a backend may keep any that f shows too, since the CSR shows them from then on. An f
 *     that shows every flag forgets none (what {@link dbt.ir.pass.FlagRestoreGuards} leaves where the flags written
 *     are those read, and the host holds no flag they do not show).
 * <li>NAN_SELECT(x, k) is x, or k when x is a NaN in the float format of its type (i32: binary32, i64:
 *     binary64): a SELECT on {@code is_nan}, as an ISA's canonical-NaN rule reads, with no flags.
 * <li>Exactly one terminator (EXIT_*) ends a block: it says where the guest goes next.
 * </ul>
 */
public enum Op {
    CONST("const", 0),
    /** Guest register: aux = register file, aux2 = register number. */
    GET_REG("getreg", 0),
    SET_REG("setreg", 1),
    /** A stored control/status register: aux = slot. */
    GET_CSR("getcsr", 0),
    SET_CSR("setcsr", 1),
    /** aux = 0: the reserved address; 1: the reserved value. */
    GET_RESERVATION("getresv", 0),
    SET_RESERVATION("setresv", 1),
    ADD("add", 2), SUB("sub", 2), MUL("mul", 2),
    MULH_SS("mulh.ss", 2), MULH_UU("mulh.uu", 2), MULH_SU("mulh.su", 2),
    DIV_S("div.s", 2), DIV_U("div.u", 2), REM_S("rem.s", 2), REM_U("rem.u", 2),
    AND("and", 2), OR("or", 2), XOR("xor", 2),
    SHL("shl", 2), SHR("shr", 2), SAR("sar", 2),
    ROTL("rotl", 2), ROTR("rotr", 2),
    NEG("neg", 1), NOT("not", 1),
    EQ("eq", 2), NE("ne", 2), LT_S("lt.s", 2), LT_U("lt.u", 2), LE_S("le.s", 2), LE_U("le.u", 2),
    GT_S("gt.s", 2), GT_U("gt.u", 2), GE_S("ge.s", 2), GE_U("ge.u", 2),
    SELECT("select", 3),
    FLOAT_FLAGS("fflags", 0), CLEAR_FLOAT_FLAGS("fflags.clear", 1),
    NAN_SELECT("select.nan", 2),
    ZEXT("zext", 1), SEXT("sext", 1), TRUNC("trunc", 1),
    /** aux = FloatFunction ordinal; the last operand is the rounding mode. */
    FLOAT1("float1", 2), FLOAT2("float2", 3), FLOAT3("float3", 4),
    /** aux = size in bytes (the result type holds it). */
    LOAD("load", 1), LOAD_IF("load.if", 2),
    STORE("store", 2), STORE_IF("store.if", 3),
    /** aux = size in bytes; operands: condition, address, expected, value. */
    STORE_CAS("store.cas", 4),
    FENCE("fence", 0),
    /**
     * aux = {@link Routine} ordinal: a C library function run whole on its operands (the function's first three
     * arguments), giving its result. It may exit at the current guest instruction (the function's first) as for a
     * fault: memory the guest may not access, or arguments the routine declines.
     */
    ROUTINE("routine", 3),
    /** Marks the start of guest instruction aux (its address), for fault reporting and listings. */
    GUEST_PC("pc", 0),
    /** aux = target; a call's return address in aux2 (0: not a call). Printed {@code exit.jump T, call R}. */
    EXIT_JUMP("exit.jump", 0),
    EXIT_BRANCH("exit.branch", 1),
    /**
     * The target is the operand; a call's return address in aux2 (0: not a call), aux = 1 for a return. Printed
     * {@code exit.indirect %t, call R} or {@code exit.indirect %t, return}.
     */
    EXIT_INDIRECT("exit.indirect", 1),
    EXIT_SYSCALL("exit.syscall", 0),
    EXIT_INTERPRET("exit.interp", 0),
    EXIT_ILLEGAL("exit.illegal", 0),
    EXIT_BREAKPOINT("exit.breakpoint", 0),
    EXIT_FENCE_I("exit.fence_i", 0);

    public final String text;
    public final int arity;

    Op(String text, int arity) {
        this.text = text;
        this.arity = arity;
    }

    /** {@link #isTerminator} and {@link #hasResult}, computed once (the translator asks them of every op often). */
    private boolean terminator;
    private boolean result;

    static {
        for (Op op : values()) {
            op.terminator = op.name().startsWith("EXIT_");
            op.result = !op.terminator && op != SET_REG && op != SET_CSR && op != SET_RESERVATION && op != STORE
                    && op != STORE_IF && op != STORE_CAS && op != FENCE && op != GUEST_PC && op != CLEAR_FLOAT_FLAGS;
        }
    }

    public boolean isTerminator() {
        return terminator;
    }

    public boolean isComparison() {
        return ordinal() >= EQ.ordinal() && ordinal() <= GE_U.ordinal();
    }

    /** Whether the op defines a value. */
    public boolean hasResult() {
        return result;
    }

    /**
     * Whether removing the op (when its value is unused) would change behaviour (floats raise flags; see
     * {@link Inst#hasSideEffect} for the ones that do not).
     */
    public boolean hasSideEffect() {
        return !hasResult() || this == LOAD || this == LOAD_IF || this == ROUTINE || isFloat();
    }

    /**
     * Whether the op's value is a function of its operands and aux alone and computing it has no effect (no state
     * read, no fault, no flag): two such ops of equal operands give one value.
     */
    public boolean isPure() {
        return !hasSideEffect() && (arity > 0 || this == CONST);
    }

    /** Whether the op may exit the block at the current guest instruction (a fault or a changed memory word). */
    public boolean mayExitAtInstruction() {
        return this == LOAD || this == LOAD_IF || this == STORE || this == STORE_IF || this == STORE_CAS
                || this == ROUTINE || isFloat();
    }

    public boolean isFloat() {
        return this == FLOAT1 || this == FLOAT2 || this == FLOAT3;
    }

    /** The FLOAT op for a function of this many float or integer operands (the rounding mode not counted). */
    public static Op floatWith(int operands) {
        return switch (operands) {
            case 1 -> FLOAT1;
            case 2 -> FLOAT2;
            case 3 -> FLOAT3;
            default -> throw new IllegalArgumentException(operands + " operands");
        };
    }

    public static Op byText(String text) {
        for (Op op : values()) {
            if (op.text.equals(text)) {
                return op;
            }
        }
        return null;
    }
}
