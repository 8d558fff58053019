package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.Op;
import dbt.ir.Type;
import dbt.x86.asm.Gp;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guest registers that live in fixed host registers across all translated code (ria-jit's static mapping): the
 * integer file's registers listed in {@link BackendOptions#pinned}, the first in rbp, the next in r12, r11, r10, r9,
 * r8. Translated code keeps them there wherever one translation goes on to another (direct and indirect jumps,
 * calls and returns): the entry stub loads them from the guest state and the exit stub stores them back, so the
 * state is up to date whenever the dispatcher runs, and inside translated code a pinned register's value is in its
 * host register, not in the state.
 *
 * <p>Inside a translation a pinned register is a home, as in a region ({@link RegisterAllocator}): one read of it at
 * the top whose location is the fixed host register, held until the read's last use and the register's first write
 * (and the exits before that write); from then on the allocator may hand the host register to other values, and the
 * value the register is bound to prefers it. Every write-back of bindings ({@link Lowering#writeBack}) then moves all
 * the pinned registers' values into their host registers at once (a parallel move), after the other registers'
 * stores, which may read values living in those host registers.
 */
final class PinnedRegisters {
    /** The host registers pinned registers take, in order: not rax, rcx, rdx (scratch), r13, r14, r15, rsp. */
    static final Gp[] HOSTS = {Gp.RBP, Gp.R12, Gp.R11, Gp.R10, Gp.R9, Gp.R8};
    static final PinnedRegisters NONE = new PinnedRegisters(List.of());

    /** Guest register key (file << 32 | index) → its host register. */
    private final Map<Long, Gp> hosts = new LinkedHashMap<>();

    PinnedRegisters(List<Integer> indices) {
        if (indices.size() > HOSTS.length) {
            throw new IllegalArgumentException("at most " + HOSTS.length + " pinned registers");
        }
        for (int j = 0; j < indices.size(); j++) {
            hosts.put((long) indices.get(j), HOSTS[j]);
        }
    }

    /** The host register of guest register key, or null when it is not pinned. */
    Gp host(long key) {
        return hosts.get(key);
    }

    boolean isEmpty() {
        return hosts.isEmpty();
    }

    /** The guest register keys pinned, in order, with their host registers. */
    Map<Long, Gp> all() {
        return hosts;
    }

    /** Whether r is the host register of some pinned register. */
    boolean isHost(Gp r) {
        return hosts.containsValue(r);
    }

    /** The allocator's registers without the pinned ones' host registers. */
    Gp[] withoutHosts(Gp[] pool) {
        return java.util.Arrays.stream(pool).filter(r -> !isHost(r)).toArray(Gp[]::new);
    }

    /**
     * Puts the homes of a block's pinned registers first: each pinned register the block reads or writes gets one
     * read at the top, the block's first read of it when that comes before any write of it in the block (its other
     * reads before a write then use that one), else a new read. Returns the homes. Reads after a write of the
     * register stay where they are (they see the written value).
     */
    List<Inst> hoistHomes(List<Inst> insts) {
        Map<Long, Inst> homes = new LinkedHashMap<>();
        Set<Long> written = new java.util.HashSet<>();
        Map<Inst, Inst> duplicates = new HashMap<>();
        for (Inst i : insts) {
            long key = i.op == Op.GET_REG || i.op == Op.SET_REG ? i.registerKey() : -1;
            if (key == -1 || !hosts.containsKey(key)) {
                continue;
            }
            if (i.op == Op.SET_REG) {
                written.add(key);
                homes.computeIfAbsent(key, k -> new Inst(Op.GET_REG, Type.I64, k >>> 32, k & 0xffffffffL));
            } else if (!written.contains(key)) { // (registers of file 0 are read whole: see TranslatingEngine)
                Inst first = homes.putIfAbsent(key, i);
                if (first != null) {
                    duplicates.put(i, first);
                }
            }
        }
        if (!duplicates.isEmpty()) {
            for (Inst i : insts) {
                for (int p = 0; p < i.operands.length; p++) {
                    Inst d = duplicates.get(i.operands[p]);
                    if (d != null) {
                        i.operands[p] = d;
                    }
                }
            }
        }
        List<Inst> top = new ArrayList<>(homes.values());
        Set<Inst> moved = new java.util.HashSet<>();
        moved.addAll(top);
        moved.addAll(duplicates.keySet());
        insts.removeIf(moved::contains);
        insts.addAll(0, top);
        return top;
    }

    /**
     * The pinned registers that these instructions neither read nor write, with their host registers: a self-loop or
     * a region evicts them (stores them to the state where it is entered, {@link #IN_STATE}) and so has their host
     * registers for its own values; every way out loads them back.
     */
    Map<Long, Gp> unusedBy(List<Inst> insts) {
        Map<Long, Gp> out = new LinkedHashMap<>(hosts);
        for (Inst i : insts) {
            if (i.op == Op.GET_REG || i.op == Op.SET_REG) {
                out.remove(i.registerKey());
            }
        }
        return out;
    }

    /**
     * What an evicted pinned register is bound to (see {@link #unusedBy}): its value is in the state, and a write-back
     * loads it into its host register.
     */
    static final Inst IN_STATE = new Inst(Op.GET_REG, Type.I64, -1, -1);
}
