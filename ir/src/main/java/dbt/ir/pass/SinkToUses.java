package dbt.ir.pass;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.ir.analysis.ReplacedWrites;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes cheap values again where they are used, so that they do not hold a register from where the guest's code
 * computed them. Compilers for RISC-V schedule for its 31 registers: a block cipher's round computes its 16 table
 * indices (a shift, a mask, a scale each) before the first of its loads, and the translation has ten registers for
 * them (cipher.c under dbt: 3.35 s as gcc schedules it, 2.14 s built with -fno-schedule-insns).
 *
 * <p>A value computed from one other value by a shift or rotation by a constant, {@code and}, {@code or},
 * {@code xor}, {@code add} or {@code sub} of a constant, {@code not}, {@code neg} or a conversion, whose first use
 * other than writes of guest registers is at least {@link #MIN_DISTANCE} instructions further on, gets a copy right
 * before that use, which takes over all such uses. The original is then read only by writes of guest registers (and
 * by other such originals): where every register it is written to is written again later in the block, the
 * backend computes it only on the cold paths that write it back (its exit temporaries), so the hot path computes the
 * value once, at its use. Chains move together (the uses are visited last first). A value that some register keeps
 * to the block's end is left where it is: copying it would compute it twice.
 *
 * <p>Behaviour is unchanged: an op without effects computed twice from the same operand gives the same value.
 */
public final class SinkToUses implements Pass {
    /** Values used closer than this to where they are computed are left there. */
    static final int MIN_DISTANCE = 4;

    @Override
    public String name() {
        return "sink";
    }

    @Override
    public void run(IrBlock block) {
        List<Inst> insts = block.insts;
        int n = insts.size();
        Map<Inst, Integer> position = new HashMap<>();
        Map<Inst, List<Inst>> users = new HashMap<>();
        for (int k = 0; k < n; k++) {
            Inst i = insts.get(k);
            position.put(i, k);
            for (Inst o : i.operands) {
                users.computeIfAbsent(o, x -> new ArrayList<>()).add(i);
            }
        }
        Set<Inst> rewritten = ReplacedWrites.of(insts);
        Set<Inst> stateOnly = new HashSet<>(); // originals now read only by register writes and other such originals
        Map<Inst, Integer> anchor = new HashMap<>(); // a copy -> the index of the instruction it goes before
        Map<Integer, List<Inst>> before = new HashMap<>();
        Set<Inst> dead = new HashSet<>();
        for (int k = n - 1; k >= 0; k--) {
            Inst v = insts.get(k);
            if (!movable(v)) {
                continue;
            }
            List<Inst> uses = new ArrayList<>();
            int first = Integer.MAX_VALUE;
            boolean keptToTheEnd = false;
            boolean forTheState = false; // read by register writes, or by originals left for them
            for (Inst u : users.getOrDefault(v, List.of())) {
                if (u.op == Op.SET_REG) {
                    keptToTheEnd |= !rewritten.contains(u);
                    forTheState = true;
                } else if (stateOnly.contains(u)) {
                    forTheState = true;
                } else if (!dead.contains(u)) { // (a moved value's original, which goes)
                    uses.add(u);
                    first = Math.min(first, anchor.getOrDefault(u, position.getOrDefault(u, Integer.MAX_VALUE)));
                }
            }
            if (uses.isEmpty() && !keptToTheEnd) {
                stateOnly.add(v); // (computed only where written back, if at all: its operands' uses do not count)
                continue;
            }
            if (uses.isEmpty() || keptToTheEnd || first - k < MIN_DISTANCE) {
                continue;
            }
            Inst copy = new Inst(v.op, v.type, v.aux, v.aux2, v.operands.clone());
            for (Inst u : uses) {
                for (int p = 0; p < u.operands.length; p++) {
                    if (u.operands[p] == v) {
                        u.operands[p] = copy;
                    }
                }
            }
            users.computeIfAbsent(v.operand(0), x -> new ArrayList<>()).add(copy);
            anchor.put(copy, first);
            before.computeIfAbsent(first, x -> new ArrayList<>()).addFirst(copy); // (operands before their users)
            if (forTheState) {
                stateOnly.add(v);
            } else {
                dead.add(v); // (every use now reads the copy)
            }
        }
        if (before.isEmpty()) {
            return;
        }
        List<Inst> out = new ArrayList<>(n + before.size());
        for (int k = 0; k < n; k++) {
            List<Inst> copies = before.get(k);
            if (copies != null) {
                out.addAll(copies);
            }
            if (!dead.contains(insts.get(k))) {
                out.add(insts.get(k));
            }
        }
        insts.clear();
        insts.addAll(out);
    }

    /** A value computed from one non-constant value alone, cheaply: see the class comment. */
    private static boolean movable(Inst v) {
        return recomputable(v) && !v.operand(0).isConst();
    }

    /**
     * Whether v is computed from its first operand alone (and constants) by one cheap op on 32 or 64 bits: the forms
     * this pass computes again at a use, and the backend on a cold path (its exit temporaries).
     */
    public static boolean recomputable(Inst v) {
        if (v.type != Type.I32 && v.type != Type.I64) {
            return false;
        }
        return switch (v.op) {
            case SHL, SHR, SAR, ROTL, ROTR -> v.operand(1).isConst()
                    && Long.compareUnsigned(v.operand(1).aux, v.type == Type.I64 ? 64 : 32) < 0;
            case AND, OR, XOR, ADD, SUB -> v.operand(1).isConst();
            case NOT, NEG, ZEXT, SEXT, TRUNC -> true;
            default -> false;
        };
    }
}
