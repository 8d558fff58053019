package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.Op;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A block's register writes: each register's last value written (by file << 32 | index), how many of each value's
 * writes a later write of the register replaces, and the values read back after their write (by a register read,
 * when register mapping is off).
 */
record RegisterWrites(Map<Long, Inst> last, Map<Inst, Integer> replaced, Set<Inst> readBack) {
    static RegisterWrites of(List<Inst> insts) {
        RegisterWrites w = new RegisterWrites(new HashMap<>(), new HashMap<>(),
                new HashSet<>());
        for (Inst i : insts) {
            if (i.op == Op.SET_REG) {
                Inst previous = w.last.put(i.registerKey(), i.operand(0));
                if (previous != null) {
                    w.replaced.merge(previous, 1, Integer::sum);
                }
            } else if (i.op == Op.GET_REG && w.last.containsKey(i.registerKey())) {
                w.readBack.add(w.last.get(i.registerKey()));
            }
        }
        return w;
    }
}
