package dbt.x86.backend;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.IrRegion;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a region is laid out for compilation. Every pinned register it uses ({@link PinnedRegisters}) gets a home in its
 * host register; of the others, the guest registers it uses most (at most {@link #MAX_HOMES}, so that the
 * allocator keeps registers for the blocks' own values, and as many again of those that hold only floats, see {@link
 * XmmValues#floatRegister}, which the allocator keeps in xmm registers) get homes: one read of each at the region's
 * top, whose host register holds the register's value at the entry of every block of the region. Each block's reads of
 * a homed register (after guest-register mapping, a block reads a register only for its value at the block's entry)
 * become uses of the home: the homes are the blocks' parameters. Other registers go through the guest state at block
 * boundaries. The instructions are the homes' reads, then each block's, end to end; segmentEnds holds the index of each
 * block's last instruction.
 *
 * @param written every guest register some block of the region writes
 */
record RegionPlan(List<Inst> homes, List<Inst> insts, int[] segmentEnds, Set<Long> written) {
    /** Of the allocator's ten general registers (nine without host faults), this many at most hold homes. */
    static final int MAX_HOMES = 6;
    /** Of its twelve xmm registers, this many at most. */
    static final int MAX_FLOAT_HOMES = 9;

    /** The homes of the registers the region never writes: values that stay the same while it runs. */
    Set<Inst> unchangedHomes() {
        Set<Inst> out = new HashSet<>();
        for (Inst h : homes) {
            if (!written.contains(h.registerKey())) {
                out.add(h);
            }
        }
        return out;
    }

    /** Plans the region, rewriting its blocks' register reads. */
    static RegionPlan of(IrRegion region, int maxHomes, int maxFloatHomes, PinnedRegisters pinned) {
        Map<Long, Integer> uses = new HashMap<>();
        Set<Long> notWide = new HashSet<>();
        Set<Long> written = new HashSet<>();
        for (IrBlock b : region.blocks) {
            for (Inst i : b.insts) {
                if (i.op == Op.GET_REG || i.op == Op.SET_REG) {
                    uses.merge(i.registerKey(), 1, Integer::sum);
                    Type t = i.op == Op.GET_REG ? i.type : i.operand(0).type;
                    if (t != Type.I64) {
                        notWide.add(i.registerKey());
                    }
                    if (i.op == Op.SET_REG) {
                        written.add(i.registerKey());
                    }
                }
            }
        }
        List<Long> ranked = new ArrayList<>(uses.keySet());
        ranked.removeAll(notWide);
        ranked.sort((x, y) -> uses.get(y) - uses.get(x) != 0 ? uses.get(y) - uses.get(x) : Long.compare(x, y));
        List<Inst> all = new ArrayList<>();
        region.blocks.forEach(b -> all.addAll(b.insts));
        Set<Inst> xmmValues = XmmValues.of(all);
        List<Long> floats = new ArrayList<>();
        for (long key : ranked) {
            if (XmmValues.floatRegister(all, key, xmmValues)) {
                floats.add(key);
            }
        }
        ranked.removeAll(floats);
        List<Long> homed = new ArrayList<>(); // every pinned register it uses, in its host register, then the others
        for (long key : List.copyOf(ranked)) {
            if (pinned.host(key) != null) {
                homed.add(key);
                ranked.remove(key);
            }
        }
        homed.addAll(ranked.subList(0, Math.min(maxHomes, ranked.size())));
        homed.addAll(floats.subList(0, Math.min(maxFloatHomes, floats.size())));
        Map<Long, Inst> homes = new HashMap<>();
        List<Inst> insts = new ArrayList<>();
        for (long key : homed) {
            Inst read = new Inst(Op.GET_REG, Type.I64, key >>> 32, key & 0xffffffffL);
            homes.put(key, read);
            insts.add(read);
        }
        List<Inst> homeReads = List.copyOf(insts);
        int[] ends = new int[region.blocks.size()];
        for (int n = 0; n < ends.length; n++) {
            IrBlock b = region.blocks.get(n);
            Map<Inst, Inst> parameters = new HashMap<>();
            for (Inst i : b.insts) {
                if (i.op == Op.GET_REG && homes.containsKey(i.registerKey())) {
                    parameters.put(i, homes.get(i.registerKey()));
                }
            }
            b.replaceUses(parameters);
            b.insts.removeAll(parameters.keySet());
            insts.addAll(b.insts);
            ends[n] = insts.size() - 1;
        }
        return new RegionPlan(homeReads, insts, ends, written);
    }
}
