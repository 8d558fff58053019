package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.x86.asm.Assembler;
import dbt.x86.asm.Gp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Moves several values into several locations at once, as if simultaneously: a move waits while its
 * destination still holds a value another move needs; a cycle is broken through rax. Emits only moves between
 * general registers, xmm registers and slots (flags survive). Constants are materialised last, since they read no
 * location.
 */
final class ParallelMove {
    private ParallelMove() {}

    static void emit(Assembler a, Map<Location, Inst> moves, Function<Inst, Location> locations) {
        Map<Location, Location> pending = new HashMap<>();
        List<Map.Entry<Location, Inst>> constants = new ArrayList<>();
        for (var m : moves.entrySet()) {
            Inst v = m.getValue();
            if (v.isConst()) {
                constants.add(m);
            } else if (!locations.apply(v).equals(m.getKey())) {
                pending.put(m.getKey(), locations.apply(v));
            }
        }
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var m = it.next();
                if (!pending.containsValue(m.getKey())) { // nobody still needs what the destination holds
                    move(a, m.getKey(), m.getValue());
                    it.remove();
                    progress = true;
                }
            }
            if (!progress) {
                // Only cycles remain: save one destination's value in rax and redirect its readers there.
                Location dst = pending.keySet().iterator().next();
                load(a, Gp.RAX, dst);
                Location saved = new Location.Register(Gp.RAX);
                pending.replaceAll((d, s) -> s.equals(dst) ? saved : s);
            }
        }
        for (var c : constants) {
            if (c.getKey() instanceof Location.Register r) {
                a.movImm(r.reg(), c.getValue().aux);
            } else {
                a.movImm(Gp.RAX, c.getValue().aux);
                move(a, c.getKey(), new Location.Register(Gp.RAX));
            }
        }
    }

    private static void move(Assembler a, Location dst, Location src) {
        switch (dst) {
            case Location.Register d -> load(a, d.reg(), src);
            case Location.Xmm d -> {
                switch (src) {
                    case Location.Register s -> a.movq(d.reg(), s.reg());
                    case Location.Xmm s -> a.movaps(d.reg(), s.reg());
                    case Location.Slot s -> a.movq(d.reg(), s.mem());
                }
            }
            case Location.Slot d -> {
                switch (src) {
                    case Location.Register s -> a.mov(d.mem(), s.reg());
                    case Location.Xmm s -> a.movq(d.mem(), s.reg());
                    case Location.Slot s -> {
                        a.mov(Gp.RDX, s.mem());
                        a.mov(d.mem(), Gp.RDX);
                    }
                }
            }
        }
    }

    private static void load(Assembler a, Gp dst, Location src) {
        switch (src) {
            case Location.Register r -> {
                if (r.reg() != dst) {
                    a.mov(dst, r.reg());
                }
            }
            case Location.Xmm x -> a.movq(dst, x.reg());
            case Location.Slot s -> a.mov(dst, s.mem());
        }
    }
}
