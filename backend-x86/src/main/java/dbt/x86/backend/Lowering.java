package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.x86.asm.Assembler;
import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every part of instruction selection does with values: find an operand in its register, xmm register or slot,
 * compute a result in its register, keep the value invariant (every IR value zero-extended in a 64-bit register or
 * slot, or in an xmm register's low half), read and write the guest state, and leave through a cold path. Each op
 * family's lowering extends it, sharing one {@link BlockContext}.
 */
abstract class Lowering {
    final BlockContext cx;
    final Assembler a;
    final StateLayout layout;
    final BackendOptions options;

    Lowering(BlockContext cx) {
        this.cx = cx;
        this.a = cx.a;
        this.layout = cx.layout;
        this.options = cx.options;
    }

    /** Where v is at the instruction being emitted. */
    final Location loc(Inst v) {
        if (cx.stateReads.contains(v)) {
            return new Location.State(registerOffset(v.registerKey())); // (read in place by its one user)
        }
        return cx.alloc.at(cx.narrowViews.contains(v) ? v.operand(0) : v, cx.position);
    }

    /** The value of v in a register: its own, or scratch after loading it there. */
    final Gp use(Inst v, Gp scratch) {
        if (cx.narrowViews.contains(v)) {
            return use(v.operand(0), scratch);
        }
        Location l = loc(v);
        if (v.isConst() && l == null) {
            a.movImm(scratch, v.aux);
            return scratch;
        }
        if (l instanceof Location.Register r) {
            return r.reg();
        }
        if (l instanceof Location.InMemory s) {
            a.mov(scratch, s.mem());
            return scratch;
        }
        if (l instanceof Location.Xmm x) {
            moveOut(scratch, x.reg(), v);
            return scratch;
        }
        throw new IllegalStateException("value without a location: " + v);
    }

    /**
     * Moves v, which x holds, to general register r: 64 bits, or for a 32-bit value its 32 bits zero-extended (the
     * rest of x is not v's, see {@link XmmValues}).
     */
    final void moveOut(Gp r, dbt.x86.asm.Xmm x, Inst v) {
        if (v.type == Type.I64) {
            a.movq(r, x);
        } else {
            a.movd(r.withSize(4), x);
        }
    }

    /** Puts the value of v in register r (the target or a scratch register), moving it only if it is elsewhere. */
    final void into(Gp r, Inst v) {
        Gp s = use(v, r);
        if (s != r) {
            a.mov(r, s);
        }
    }

    /** The register to compute i's result in: its own, or rax when it is spilled or in an xmm register. */
    final Gp target(Inst i) {
        return loc(i) instanceof Location.Register r ? r.reg() : Gp.RAX;
    }

    /** Moves a result computed in rax to i's spill slot or xmm register, if it has one. */
    final void finish(Inst i, Gp computed) {
        Location l = loc(i);
        if (l instanceof Location.InMemory s) {
            a.mov(s.mem(), computed);
        } else if (l instanceof Location.Xmm x) {
            a.movq(x.reg(), computed);
        } else if (l instanceof Location.Register r && r.reg() != computed) {
            a.mov(r.reg(), computed);
        }
    }

    static boolean fitsInt(long v) {
        return v == (int) v;
    }

    /** A constant as the immediate of an op of type t: 64-bit ops sign-extend 32 bits, narrower ops take 32. */
    static long immediate(Inst c, Type t) {
        return t == Type.I64 ? c.aux : (int) c.aux;
    }

    static Gp sized(Gp r, Type t) {
        return t == Type.I64 ? r : r.withSize(4);
    }

    /** Zero-extends a value computed in 32 or 64 bits back to its type's width (the value invariant). */
    final void normalize(Gp r, Type t) {
        switch (t) {
            case I1 -> a.and(r.withSize(4), 1);
            case I8 -> a.movzx(r.withSize(4), r.withSize(1));
            case I16 -> a.movzx(r.withSize(4), r.withSize(2));
            default -> { }
        }
    }

    /** Sign- or zero-extends a zero-extended value of type t in r to 64 bits. */
    final void extend(Gp r, Type t, boolean signed) {
        if (!signed || t == Type.I64) {
            return;
        }
        switch (t) {
            case I32 -> a.movsxd(r, r.withSize(4));
            case I16 -> a.movsx(r, r.withSize(2));
            case I8 -> a.movsx(r, r.withSize(1));
            default -> a.neg(r); // (i1: 1 is -1)
        }
    }

    final void loadState(Inst i, int offset) {
        if (loc(i) instanceof Location.Xmm x) {
            a.movq(x.reg(), Mem.q(Gp.R15, offset));
            return;
        }
        Gp t = target(i);
        a.mov(t, Mem.q(Gp.R15, offset));
        finish(i, t);
    }

    final void storeState(int offset, Inst v) {
        if (cx.exitTemporaries.contains(v)) {
            computeTemporary(v);
            a.mov(Mem.q(Gp.R15, offset), Gp.RAX);
            return;
        }
        // A raw float home, or a canonical-NaN select made only here (of its operand): made canonical here.
        Inst select = cx.rawFloat.containsKey(v) ? cx.rawFloat.get(v)
                : v.op == Op.NAN_SELECT && cx.exitOnlyForms.contains(v) ? v : null;
        if (select != null) {
            storeCanonical(offset, select == v ? v.operand(0) : v, select.operand(1).aux);
            return;
        }
        // The 64-bit form of a word, made here from the word: a narrow home or carrier holds it; an exit-only form's
        // operand (which lives as long as the form) is it, or its zero extension (or folded into the box, the word).
        Inst box = cx.narrow(v) ? null : LoopLowering.boxedWord(v);
        Inst word = cx.narrow(v) ? v : !cx.exitOnlyForms.contains(v) ? null
                : box == null ? v.operand(0) : cx.alloc.folded(box) ? box.operand(0) : box;
        if (word != null) {
            boolean boxed = cx.narrow(v) ? cx.boxed.contains(v) : box != null; // (else a sign extension)
            boolean made = cx.exitTemporaries.contains(word)
                    || word.op == Op.NAN_SELECT && cx.exitOnlyForms.contains(word);
            if (boxed && !made && loc(word) instanceof Location.Xmm x) {
                a.movd(Gp.EAX, x.reg()); // (the word zero-extended straight from its xmm register)
            } else {
                Gp low = cx.exitTemporaries.contains(word) ? computeTemporary(word)
                        : made ? canonicalSingle(word) : use(word, Gp.RAX).withSize(4);
                if (boxed) {
                    a.mov(Gp.EAX, low);
                } else {
                    a.movsxd(Gp.RAX, low);
                }
            }
            if (boxed) {
                a.movImm(Gp.RDX, LoopLowering.NAN_BOX);
                a.or(Gp.RAX, Gp.RDX);
            }
            a.mov(Mem.q(Gp.R15, offset), Gp.RAX);
        } else if (loc(v) instanceof Location.Xmm x && v.type == Type.I64) {
            a.movq(Mem.q(Gp.R15, offset), x.reg());
        } else if (v.isConst() && fitsInt(v.aux)) {
            a.mov(Mem.q(Gp.R15, offset), (int) v.aux);
        } else {
            a.mov(Mem.q(Gp.R15, offset), use(v, Gp.RAX));
        }
    }

    /**
     * Computes a canonical-NaN select of a single made only where written back (see {@link CanonicalNans#exitOnly})
     * in eax: its operand, or the canonical NaN if that is a NaN; returns eax.
     */
    private Gp canonicalSingle(Inst select) {
        Inst raw = select.operand(0);
        Label done = a.newLabel();
        if (loc(raw) instanceof Location.Xmm x) {
            a.movd(Gp.EAX, x.reg());
            a.ucomiss(x.reg(), x.reg());
            a.jcc(Cond.NP, done);
        } else {
            into(Gp.RAX, raw);
            a.mov(Gp.EDX, Gp.EAX);
            a.add(Gp.EDX, Gp.EDX); // (the bits shifted left once: above 0xff000000, a NaN)
            a.cmp(Gp.EDX, 0xff00_0000);
            a.jcc(Cond.BE, done);
        }
        a.movImm(Gp.EAX, select.operand(1).aux & 0xffff_ffffL);
        a.bind(done);
        return Gp.EAX;
    }

    /**
     * Computes the register temporary v (see {@link ExitTemporaries}) in rax, from the value its chain starts at;
     * returns eax.
     */
    private Gp computeTemporary(Inst v) {
        Inst o = v.operand(0);
        if (cx.exitTemporaries.contains(o)) {
            computeTemporary(o);
        } else {
            into(Gp.RAX, o);
        }
        Gp r = v.type == Type.I64 ? Gp.RAX : Gp.EAX;
        long c = v.operands.length > 1 ? v.operand(1).aux : 0;
        switch (v.op) {
            case SHL -> a.shl(r, (int) c);
            case SHR -> a.shr(r, (int) c);
            case SAR -> a.sar(r, (int) c);
            case ROTL -> a.rol(r, (int) c);
            case ROTR -> a.ror(r, (int) c);
            case AND, OR, XOR, ADD, SUB -> {
                if (v.type == Type.I32 || fitsInt(c)) {
                    switch (v.op) {
                        case AND -> a.and(r, (int) c);
                        case OR -> a.or(r, (int) c);
                        case XOR -> a.xor(r, (int) c);
                        case ADD -> a.add(r, (int) c);
                        default -> a.sub(r, (int) c);
                    }
                } else {
                    a.movImm(Gp.RDX, c);
                    switch (v.op) {
                        case AND -> a.and(r, Gp.RDX);
                        case OR -> a.or(r, Gp.RDX);
                        case XOR -> a.xor(r, Gp.RDX);
                        case ADD -> a.add(r, Gp.RDX);
                        default -> a.sub(r, Gp.RDX);
                    }
                }
            }
            case NOT -> a.not(r);
            case NEG -> a.neg(r);
            case SEXT -> a.movsxd(Gp.RAX, Gp.EAX); // (from 32 bits: the only widening ExitTemporaries takes)
            case TRUNC, ZEXT -> a.mov(Gp.EAX, Gp.EAX); // (from 32 bits: the operand may be a narrow view, read in place)
            default -> throw new IllegalStateException("not a register temporary: " + v);
        }
        return Gp.EAX;
    }

    /**
     * Stores the binary64 value raw, or canonical when raw is a NaN (exponent all ones, significand not zero): in an
     * xmm register, an unordered compare with itself tells (no flag: raw is a quiet NaN or none, see CanonicalNans).
     */
    private void storeCanonical(int offset, Inst raw, long canonical) {
        if (loc(raw) instanceof Location.Xmm x) {
            Label stored = a.newLabel();
            a.movq(Mem.q(Gp.R15, offset), x.reg());
            a.ucomisd(x.reg(), x.reg());
            a.jcc(Cond.NP, stored);
            a.movImm(Gp.RAX, canonical);
            a.mov(Mem.q(Gp.R15, offset), Gp.RAX);
            a.bind(stored);
            return;
        }
        into(Gp.RAX, raw);
        Label store = a.newLabel();
        a.mov(Gp.RDX, Gp.RAX);
        a.shl(Gp.RDX, 1);
        a.shr(Gp.RDX, 53);
        a.cmp(Gp.RDX, 0x7ff);
        a.jcc(Cond.NE, store);
        a.mov(Gp.RDX, Gp.RAX);
        a.shl(Gp.RDX, 12);
        a.jcc(Cond.E, store);
        a.movImm(Gp.RAX, canonical);
        a.bind(store);
        a.mov(Mem.q(Gp.R15, offset), Gp.RAX);
    }

    /** Stores the values bound to guest registers to the state. */
    final void writeBack() {
        writeBack(cx.bindings);
        if (!cx.pinned.isEmpty()) {
            // What is written back is in the state, or in a pinned register's host register, where other values may
            // have been: those bound to registers are read from the state from now on (a jump into a loop).
            cx.bindings.entrySet().removeIf(e -> cx.pinned.host(e.getKey()) != null
                    || loc(e.getValue()) instanceof Location.Register r && cx.pinned.isHost(r.reg()));
        }
    }

    /**
     * Stores the values of a snapshot of the bindings to the state, those of pinned registers to their host registers:
     * first every store to the state (their values may live in those host registers), then the pinned registers' moves
     * all at once (a value may live in another pinned register's host register); a pinned register's value that is
     * made where it is written back (a sign extension, a canonical NaN) is made in the state, then loaded.
     */
    final void writeBack(Map<Long, Inst> bound) {
        Map<Location, Inst> moves = new LinkedHashMap<>();
        java.util.List<Long> made = new java.util.ArrayList<>();
        bound.forEach((key, v) -> {
            Gp host = cx.pinned.host(key);
            if (v == PinnedRegisters.IN_STATE) {
                made.add(key); // (evicted: loaded back below)
            } else if (host == null) {
                storeRegister(key, v);
            } else if (madeAtWriteBack(v)) {
                storeState(registerOffset(key), v);
                made.add(key);
            } else {
                moves.put(new Location.Register(host), v);
            }
        });
        ParallelMove.emit(a, moves, this::loc);
        for (long key : made) {
            a.mov(cx.pinned.host(key), Mem.q(Gp.R15, registerOffset(key)));
        }
    }

    /**
     * Where a self-loop or region is entered, before its homes are loaded: stores the pinned registers it evicts to the
     * state (their host registers are then its own) and binds them to {@link PinnedRegisters#IN_STATE}, so that every
     * way out loads them back. (A block that enters it past the loads stores them itself: see ExitLowering#bridge.)
     */
    final void evict() {
        storeEvicted(cx.evicted);
        bindEvicted();
    }

    /** Stores pinned registers a self-loop or region evicts to the state, from their host registers. */
    final void storeEvicted(Map<Long, Gp> evicted) {
        evicted.forEach((key, host) -> a.mov(Mem.q(Gp.R15, registerOffset(key)), host));
    }

    /** Binds the evicted pinned registers again (after the bindings were cleared, at a block of a region). */
    final void bindEvicted() {
        cx.evicted.keySet().forEach(key -> cx.bindings.put(key, PinnedRegisters.IN_STATE));
    }

    /** Whether the value written back for v is made there from v (see {@link #storeState}), not v's own bits. */
    private boolean madeAtWriteBack(Inst v) {
        return cx.rawFloat.containsKey(v) || cx.narrow(v) || cx.exitOnlyForms.contains(v)
                || cx.exitTemporaries.contains(v) || !v.isConst() && loc(v) == null;
    }

    /**
     * Writes v to guest register key (file << 32 | index): to the state, or a pinned register's host register, which
     * must then hold no value still needed (the register has no home here, or its home's value is dead).
     */
    final void storeRegister(long key, Inst v) {
        Gp host = cx.pinned.host(key);
        if (host == null) {
            storeState(registerOffset(key), v);
        } else if (madeAtWriteBack(v)) {
            storeState(registerOffset(key), v);
            a.mov(host, Mem.q(Gp.R15, registerOffset(key)));
        } else if (v.isConst()) {
            a.movImm(host, v.aux);
        } else {
            ParallelMove.emit(a, Map.of(new Location.Register(host), v), this::loc);
        }
    }

    /** Reads guest register key into i's location: from the state, or from a pinned register's host register. */
    final void loadRegister(Inst i, long key) {
        Gp host = cx.pinned.host(key);
        if (host == null) {
            loadState(i, registerOffset(key));
        } else if (loc(i) instanceof Location.Xmm x) {
            a.movq(x.reg(), host);
        } else {
            Gp t = target(i);
            if (t != host) {
                a.mov(t, host);
            }
            finish(i, t);
        }
    }

    /**
     * Whether l, the location of a read of guest register key, is that register's place in the state: the read is
     * made where it is used (a self-loop's read of a register it never writes that found no register of its own, see
     * {@link LoopLowering#stateResident}).
     */
    final boolean readInState(Location l, long key) {
        return l instanceof Location.State s && s.offset() == registerOffset(key);
    }

    final int registerOffset(long key) {
        return layout.register(key >>> 32, key & 0xffffffffL);
    }

    /** A cold path that writes back the current bindings and interprets the current guest instruction. */
    final Label coldInterpret() {
        return coldInterpret(null);
    }

    /** Like {@link #coldInterpret()}, running prologue (if not null) first. */
    final Label coldInterpret(Runnable prologue) {
        return coldInterpretAt(cx.guestPc, prologue);
    }

    /**
     * Like {@link #coldInterpret(Runnable)}, interpreting from the guest instruction at pc (an earlier one of the block,
     * whose registers the current bindings still are: see {@link FmaCheckGroups}).
     */
    final Label coldInterpretAt(long pc, Runnable prologue) {
        Label cold = a.newLabel();
        Map<Long, Inst> snapshot = new LinkedHashMap<>(cx.bindings);
        if (cx.injected(BackendOptions.REGION_COLD_PATH)) {
            snapshot.values().removeAll(cx.loopReads.values()); // (the wrong rule: the homes stay unwritten)
        }
        cx.cold(() -> {
            a.bind(cold);
            if (prologue != null) {
                prologue.run();
            }
            writeBack(snapshot);
            exitWith(pc, ExitReason.INTERPRET);
        });
        return cold;
    }

    final void exitWith(long pc, int reason) {
        setPc(pc);
        a.mov(Gp.EAX, reason);
        cx.jumpAbsolute(ExternalRef.Target.EXIT_STUB, cx.exitStub);
    }

    final void setPc(long pc) {
        if (fitsInt(pc)) {
            a.mov(Mem.q(Gp.R15, layout.pcOffset()), (int) pc);
        } else {
            a.movImm(Gp.RAX, pc);
            a.mov(Mem.q(Gp.R15, layout.pcOffset()), Gp.RAX);
        }
    }

    final void note(String s) {
        a.comment(s);
    }
}
