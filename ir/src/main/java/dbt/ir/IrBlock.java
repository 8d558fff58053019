package dbt.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The IR of one guest basic block: straight-line SSA, instructions in execution order, ending in exactly one
 * terminator. Conditional effects inside a guest block are predicated (SELECT, LOAD_IF, STORE_IF), so there is
 * no control flow inside a block; control leaves only through the terminator.
 */
public final class IrBlock {
    public final long guestAddress;
    public final List<Inst> insts = new ArrayList<>();
    /** Number of guest instructions the block covers. */
    public int guestInstructions;

    public IrBlock(long guestAddress) {
        this.guestAddress = guestAddress;
    }

    public Inst add(Inst i) {
        insts.add(i);
        return i;
    }

    public Inst terminator() {
        return insts.isEmpty() ? null : insts.getLast();
    }

    /** Renumbers values densely in order. */
    public void renumber() {
        for (int k = 0; k < insts.size(); k++) {
            insts.get(k).id = k;
        }
    }

    /** Makes every use of a value a use of its replacement. */
    public void replaceUses(Map<Inst, Inst> replacements) {
        if (replacements.isEmpty()) {
            return;
        }
        for (Inst i : insts) {
            for (int k = 0; k < i.operands.length; k++) {
                Inst r = replacements.get(i.operands[k]);
                while (r != null) {
                    i.operands[k] = r;
                    r = replacements.get(r);
                }
            }
        }
    }

    /** A deep copy: new instructions, operands mapped to the copies (passes on it leave this block as it is). */
    public IrBlock copy() {
        IrBlock c = new IrBlock(guestAddress);
        c.guestInstructions = guestInstructions;
        Map<Inst, Inst> copies = new HashMap<>();
        for (Inst i : insts) {
            Inst[] operands = new Inst[i.operands.length];
            for (int k = 0; k < operands.length; k++) {
                operands[k] = copies.get(i.operands[k]);
            }
            Inst n = new Inst(i.op, i.type, i.aux, i.aux2, operands);
            n.id = i.id;
            n.fused = i.fused;
            copies.put(i, n);
            c.insts.add(n);
        }
        return c;
    }

    /** The guest addresses the block may jump to directly (its terminator's targets), none for other exits. */
    public long[] directSuccessors() {
        Inst t = terminator();
        if (t == null) {
            return new long[0];
        }
        return switch (t.op) {
            case EXIT_JUMP -> new long[] {t.aux};
            case EXIT_BRANCH -> t.aux == t.aux2 ? new long[] {t.aux} : new long[] {t.aux, t.aux2};
            default -> new long[0];
        };
    }

    /** Each value's users among insts, in order (a value used twice by one instruction is listed twice). */
    public static Map<Inst, List<Inst>> users(List<Inst> insts) {
        Map<Inst, List<Inst>> users = new HashMap<>();
        for (Inst i : insts) {
            for (Inst o : i.operands) {
                users.computeIfAbsent(o, k -> new ArrayList<>()).add(i);
            }
        }
        return users;
    }

    /** How many times each value is used. */
    public Map<Inst, Integer> useCounts() {
        Map<Inst, Integer> uses = new HashMap<>();
        for (Inst i : insts) {
            for (Inst o : i.operands) {
                uses.merge(o, 1, Integer::sum);
            }
        }
        return uses;
    }

    @Override
    public String toString() {
        return IrPrinter.print(this);
    }
}
