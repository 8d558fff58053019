package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.ir.analysis.IndexRanges;
import dbt.ir.analysis.InductionBases;
import dbt.ir.analysis.SharedBaseChecks;
import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;

/**
 * Instruction selection for guest memory accesses: loads (zero- or sign-extending), stores and compare-and-swap,
 * each at r14 + address after the confinement check of the class comment of {@link BlockCompiler}.
 */
final class MemoryLowering extends Lowering {
    /** A guest address as base register + displacement (folded additions keep their constant here). */
    record Address(Gp base, int disp) {}

    /** Permission bits of the page table (without host faults). */
    static final int PERM_READ = 1;
    static final int PERM_WRITE = 2;

    MemoryLowering(BlockContext cx) {
        super(cx);
    }

    /**
     * The address v as a base register and a displacement from the window's start; a constant address (a global
     * variable's, with host faults, which check it now) is the displacement alone: {@code [r14 + disp32]}.
     */
    Address address(Inst v) {
        if (v.isConst() && options.hostFaults() && v.aux >= 0 && v.aux <= Integer.MAX_VALUE) {
            return new Address(null, (int) v.aux);
        }
        if (v.op == Op.ADD && cx.alloc.folded(v) && !v.isConst()) {
            return new Address(use(v.operand(0), Gp.RCX), (int) v.operand(1).aux);
        }
        return new Address(use(v, Gp.RCX), 0);
    }

    /**
     * How far apart the displacements off one base may be for one check to cover them all (see
     * {@link SharedBaseChecks}): 32 KiB, far within the guard the runtime keeps past the window's end (GuestMemory.GUARD).
     */
    static final long SHARED_CHECK_SPAN = 1 << 15;

    /**
     * How far either way from a base an array index may reach for a check of the base alone to cover the access
     * ({@link SharedBaseChecks}; an index made from a C int, scaled by 8 at most, reaches 2^34): half the guard.
     */
    static final long WIDE_REACH = BlockCompiler.WINDOW_GUARD / 2;

    /**
     * How far a pointer a loop walks forward may advance per block for one check where the loop is entered to cover
     * it ({@link dbt.ir.analysis.InductionBases}): with a group's span, within the guard.
     */
    static final long MAX_STRIDE = 1 << 12;

    /**
     * Checks that the guest may access size bytes at the address with the given permission, as far as it is checked
     * inline (see the class comment); jumps to a cold path (interpret the instruction) otherwise. Returns that cold
     * path, for {@link #access}. Clobbers rdx. With host faults, an access whose base an earlier access of the block
     * checked for all its displacements ({@link BlockContext#sharedChecks}) is not checked again.
     */
    Label checkAccess(Inst access, Address addr, int size, int permission) {
        Label cold = coldInterpret();
        if (options.hostFaults()) {
            if (cx.sharedChecks.covered().contains(access) || cx.invariantChecks.covered().contains(access)) {
                return cold;
            }
            Inst address = access.operand(access.op == Op.LOAD || access.op == Op.STORE ? 0 : 1);
            if (address.isConst()) { // known now: inside the window, or never
                if (Long.compareUnsigned(address.aux, BlockCompiler.WINDOW_PAGES << 12) >= 0) {
                    a.jmp(cold);
                }
                return cold;
            }
            long[] range = IndexRanges.of(address);
            if (range != null && range[1] < (BlockCompiler.WINDOW_PAGES << 12) - 8) {
                return cold; // always inside the window (a table at a known address, a known small index)
            }
            Long low = cx.sharedChecks.checkAt().get(access);
            // The group's base at its lowest displacement (see SharedBaseChecks), or this access's own address.
            Gp base = low != null ? use(cx.sharedChecks.bases().get(access), Gp.RDX) : addr.base();
            long disp = low != null ? low : addr.disp();
            checkBase(base, disp, low != null ? cx.sharedChecks.spans().get(access) : 0);
            a.jcc(Cond.AE, cold);
            return cold;
        }
        if (addr.disp() == 0) {
            a.mov(Gp.RDX, addr.base());
        } else {
            a.lea(Gp.RDX, Mem.q(addr.base(), addr.disp()));
        }
        a.shr(Gp.RDX, 12);
        a.cmp(Gp.RDX, (int) BlockCompiler.WINDOW_PAGES);
        a.jcc(Cond.AE, cold);
        a.test(Mem.b(Gp.R13, Gp.RDX, 1, 0), permission);
        a.jcc(Cond.E, cold);
        if (size > 1) {
            if (addr.disp() == 0) {
                a.mov(Gp.EDX, addr.base().withSize(4));
            } else {
                a.lea(Gp.EDX, Mem.q(addr.base(), addr.disp()));
            }
            a.and(Gp.EDX, 0xfff);
            a.cmp(Gp.EDX, 4096 - size);
            a.jcc(Cond.A, cold);
        }
        return cold;
    }

    /**
     * Where a region is entered: checks each base the region never changes at the lowest displacement it is used
     * with (see {@link SharedBaseChecks#ofInvariant}); if one is outside the window, the region is not run: its first
     * instruction runs on the interpreter (the state is exact there: nothing has run yet), so that an access off that
     * base faults, or not, as the guest's own instruction would.
     */
    void checkInvariantBases(long regionAddress, ExitLowering exits) {
        for (var e : cx.invariantChecks.checkAt().entrySet()) {
            long low = e.getValue();
            InductionBases.Derived sum = cx.derivedBases.get(e.getKey());
            if (sum != null) { // base + index + offset, of their values here
                Gp base = use(sum.base(), Gp.RCX);
                a.lea(Gp.RDX, Mem.q(base, use(sum.index(), Gp.RDX), 1, (int) (low + sum.offset())));
                a.cmp(Gp.RDX, windowSize());
                exits.leaveBeforeBlockIf(Cond.AE, regionAddress, ExitReason.INTERPRET);
                continue;
            }
            checkBase(use(e.getKey(), Gp.RCX), low, cx.invariantChecks.spans().get(e.getKey()));
            exits.leaveBeforeBlockIf(Cond.AE, regionAddress, ExitReason.INTERPRET);
        }
    }

    /**
     * Compares base with the window's size (below: inside), for accesses at displacements disp to disp + span off
     * base. The guards cover all of them (-GUARD <= disp, disp + span + 16 <= GUARD: each access, at most 16 bytes,
     * then lies inside the window or a guard whenever base does): an access that reaches a guard faults on the host,
     * at its own instruction, as it would have failed a check of its own. (A 32-bit displacement is always within
     * them; SharedBaseChecks keeps its groups within them.)
     */
    private void checkBase(Gp base, long disp, long span) {
        long guard = BlockCompiler.WINDOW_GUARD;
        if (disp < -guard || disp + span + 16 > guard) {
            throw new IllegalStateException("the guards do not cover displacements " + disp + " to " + (disp + span));
        }
        a.cmp(base, windowSize());
    }

    /** The guest window's size, in the state (with host faults, the whole inline check compares with it). */
    private Mem windowSize() {
        return Mem.q(Gp.R15, layout.windowSizeOffset());
    }

    /** Marks the instruction emitted next as the guest memory access whose check jumps to cold. */
    void access(Label cold) {
        if (options.hostFaults()) {
            cx.faultSites.add(new FaultSite(a.offset(), cold));
        }
    }

    /**
     * Loads for i into result's location: i's value, or (signed) its sign extension to 64 bits, which result (a
     * {@link dbt.ir.analysis.SignedLoads} extension) is.
     */
    void load(Inst i, Inst result, boolean signed) {
        boolean conditional = i.op == Op.LOAD_IF;
        Inst address = i.operand(conditional ? 1 : 0);
        Gp t = target(result);
        Label skip = null;
        if (conditional) {
            Gp c = use(i.operand(0), Gp.RCX);
            a.xor(Gp.EAX, Gp.EAX);
            skip = a.newLabel();
            a.test(c.withSize(4), c.withSize(4));
            a.jcc(Cond.E, skip);
        }
        Address addr = address(address);
        Label cold = checkAccess(i, addr, (int) i.aux, PERM_READ);
        Gp dst = conditional ? Gp.RAX : t;
        Mem m = Mem.of((int) i.aux, Gp.R14, addr.base(), 1, addr.disp());
        access(cold);
        if (!conditional && loc(result) instanceof Location.Xmm x) { // (a float value, see XmmValues)
            if (i.aux == 8) {
                a.movq(x.reg(), m);
            } else {
                a.movd(x.reg(), m);
            }
            return;
        }
        if (signed) {
            switch ((int) i.aux) {
                case 1, 2 -> a.movsx(dst, m);
                default -> a.movsxd(dst, m);
            }
        } else {
            switch ((int) i.aux) {
                case 1, 2 -> a.movzx(dst.withSize(4), m);
                case 4 -> a.mov(dst.withSize(4), m);
                default -> a.mov(dst, m);
            }
        }
        if (conditional) {
            a.bind(skip);
        }
        finish(result, dst);
    }

    void store(Inst i) {
        boolean conditional = i.op == Op.STORE_IF;
        int base = conditional ? 1 : 0;
        Label skip = null;
        if (conditional) {
            Gp c = use(i.operand(0), Gp.RCX);
            skip = a.newLabel();
            a.test(c.withSize(4), c.withSize(4));
            a.jcc(Cond.E, skip);
        }
        Address addr = address(i.operand(base));
        Label cold = checkAccess(i, addr, (int) i.aux, PERM_WRITE);
        int size = (int) i.aux;
        Mem m = Mem.of(size, Gp.R14, addr.base(), 1, addr.disp());
        Inst value = i.operand(base + 1);
        if ((size == 8 || size == 4 && value.type == Type.I32) && loc(value) instanceof Location.Xmm x) {
            access(cold);
            if (size == 8) {
                a.movq(m, x.reg());
            } else {
                a.movd(m, x.reg());
            }
        } else {
            Gp v = use(i.operand(base + 1), Gp.RAX);
            access(cold);
            a.mov(m, v.withSize(size));
        }
        if (conditional) {
            a.bind(skip);
        }
    }

    /**
     * {@code lock cmpxchg} of the value with the expected one in rax; a different value in memory goes to the same
     * cold path as a refused access (the instruction runs on the interpreter, which retries it).
     */
    void compareAndSwap(Inst i) {
        Label skip = null;
        if (!(i.operand(0).isConst() && i.operand(0).aux == 1)) {
            Gp c = use(i.operand(0), Gp.RCX);
            skip = a.newLabel();
            a.test(c.withSize(4), c.withSize(4));
            a.jcc(Cond.E, skip);
        }
        Address addr = address(i.operand(1));
        int size = (int) i.aux;
        Label cold = checkAccess(i, addr, size, PERM_WRITE);
        into(Gp.RAX, i.operand(2));
        Gp v = use(i.operand(3), Gp.RDX); // rcx may hold the address

        access(cold);
        a.lockCmpxchg(Mem.of(size, Gp.R14, addr.base(), 1, addr.disp()), v.withSize(size));
        a.jcc(Cond.NE, cold);
        if (skip != null) {
            a.bind(skip);
        }
    }
}
