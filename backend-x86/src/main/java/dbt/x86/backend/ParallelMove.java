package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.Type;
import dbt.x86.asm.Assembler;
import dbt.x86.asm.Gp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Moves several values into several locations at once, as if simultaneously: a move waits while its
 * destination still holds a value another move needs; a cycle is broken through rax. Emits only moves between
 * general registers, xmm registers and slots (flags survive). Constants are materialised last, since they read no
 * location. An xmm register holding a 32-bit value is read with 32-bit moves (see {@link XmmValues}).
 */
final class ParallelMove {
    private ParallelMove() {}

    static void emit(Assembler a, Map<Location, Inst> moves, Function<Inst, Location> locations) {
        Map<Location, Location> pending = new HashMap<>();
        List<Map.Entry<Location, Inst>> constants = new ArrayList<>();
        Set<Location> narrow = new HashSet<>();
        for (var m : moves.entrySet()) {
            Inst v = m.getValue();
            Location from = v.isConst() ? null : locations.apply(v);
            if (v.isConst()) {
                constants.add(m);
            } else if (!from.equals(m.getKey())) {
                pending.put(m.getKey(), from);
            }
            if (from instanceof Location.Xmm && v.type != Type.I64) {
                narrow.add(from);
            }
        }
        // A slot (or state) whose value a move already put in a general register: read from there instead. (Each
        // destination is written once, and a source once overwritten is read by no move still to come.)
        Map<Location, Location> copies = new HashMap<>();
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var m = it.next();
                if (!pending.containsValue(m.getKey())) { // nobody still needs what the destination holds
                    Location src = copies.getOrDefault(m.getValue(), m.getValue());
                    boolean throughRdx = m.getKey() instanceof Location.InMemory && !(src instanceof Location.Register);
                    if (throughRdx) {
                        copies.values().remove(RDX); // (see move: rdx carries it)
                    }
                    move(a, m.getKey(), src, narrow);
                    if (src instanceof Location.InMemory && (throughRdx || m.getKey() instanceof Location.Register)) {
                        copies.put(src, throughRdx ? RDX : m.getKey());
                    }
                    it.remove();
                    progress = true;
                }
            }
            if (!progress) {
                // Only cycles remain: save one destination's value in rax and redirect its readers there.
                Location dst = pending.keySet().iterator().next();
                load(a, Gp.RAX, dst, narrow);
                Location saved = new Location.Register(Gp.RAX);
                pending.replaceAll((d, s) -> s.equals(dst) ? saved : s);
            }
        }
        for (var c : constants) {
            if (c.getKey() instanceof Location.Register r) {
                a.movImm(r.reg(), c.getValue().aux);
            } else {
                a.movImm(Gp.RAX, c.getValue().aux);
                move(a, c.getKey(), new Location.Register(Gp.RAX), narrow);
            }
        }
    }

    private static final Location RDX = new Location.Register(Gp.RDX);

    /**
     * One move; narrow: the xmm registers that hold 32-bit values. (instanceof tests, not type switches: a first
     * translation runs this in the bytecode interpreter, where a type switch's bootstrap spins a class.)
     */
    private static void move(Assembler a, Location dst, Location src, Set<Location> narrow) {
        if (dst instanceof Location.Register d) {
            load(a, d.reg(), src, narrow);
        } else if (dst instanceof Location.Xmm d) {
            if (src instanceof Location.Register s) {
                a.movq(d.reg(), s.reg());
            } else if (src instanceof Location.Xmm s) {
                a.movaps(d.reg(), s.reg());
            } else {
                a.movq(d.reg(), ((Location.InMemory) src).mem());
            }
        } else {
            Location.InMemory d = (Location.InMemory) dst;
            if (src instanceof Location.Register s) {
                a.mov(d.mem(), s.reg());
            } else if (src instanceof Location.Xmm s && narrow.contains(s)) {
                load(a, Gp.RDX, s, narrow);
                a.mov(d.mem(), Gp.RDX);
            } else if (src instanceof Location.Xmm s) {
                a.movq(d.mem(), s.reg());
            } else {
                a.mov(Gp.RDX, ((Location.InMemory) src).mem());
                a.mov(d.mem(), Gp.RDX);
            }
        }
    }

    private static void load(Assembler a, Gp dst, Location src, Set<Location> narrow) {
        if (src instanceof Location.Register r) {
            if (r.reg() != dst) {
                a.mov(dst, r.reg());
            }
        } else if (src instanceof Location.Xmm x) {
            if (narrow.contains(x)) {
                a.movd(dst.withSize(4), x.reg());
            } else {
                a.movq(dst, x.reg());
            }
        } else {
            a.mov(dst, ((Location.InMemory) src).mem());
        }
    }
}
