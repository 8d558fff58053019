package dbt.ir.pass;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Guest-register mapping (seed 000's "inline ALU"): within a block each guest register is read from the guest
 * state at most once; later reads use the value already known (read or last written). A write that a later write
 * to the same register overwrites, with nothing in between that could fault or leave the block, is dropped.
 * Together with the backend keeping written registers in host registers until the block exits, a guest register
 * is loaded at most once and stored at most once per block.
 *
 * <p>Keeps: the state seen by a fault. A write is never dropped across an op that may exit at its instruction
 * ({@link dbt.ir.Op#mayExitAtInstruction}: memory accesses, and FLOAT ops, which a backend may hand to the
 * interpreter when the host's answer needs fixing), so a fault or an interpreted
 * instruction sees every register written before it.
 */
public final class GuestRegisterMapping implements Pass {
    @Override
    public String name() {
        return "regmap";
    }

    @Override
    public void run(IrBlock block) {
        Map<Long, Inst> known = new HashMap<>();
        Map<Long, Integer> pendingWrite = new HashMap<>();
        Map<Inst, Inst> forwarded = new HashMap<>();
        List<Integer> dropped = new ArrayList<>();
        for (int k = 0; k < block.insts.size(); k++) {
            Inst i = block.insts.get(k);
            for (int n = 0; n < i.operands.length; n++) {
                Inst f = forwarded.get(i.operands[n]);
                if (f != null) {
                    i.operands[n] = f;
                }
            }
            long key = (i.aux << 32) | i.aux2;
            switch (i.op) {
                case GET_REG -> {
                    Inst v = known.get(key);
                    if (v != null && v.type == i.type) {
                        forwarded.put(i, v);
                    } else {
                        known.put(key, i);
                    }
                }
                case SET_REG -> {
                    Integer earlier = pendingWrite.put(key, k);
                    if (earlier != null) {
                        dropped.add(earlier);
                    }
                    known.put(key, i.operand(0));
                }
                default -> {
                    if (i.op.mayExitAtInstruction()) {
                        pendingWrite.clear();
                    }
                }
            }
        }
        dropped.sort(null);
        for (int k = dropped.size() - 1; k >= 0; k--) {
            block.insts.remove((int) dropped.get(k));
        }
        block.replaceUses(forwarded);
    }
}
