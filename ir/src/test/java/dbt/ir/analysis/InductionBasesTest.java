package dbt.ir.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbt.ir.Inst;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which homes count as pointers a loop walks forward: each rule of {@link InductionBases} on loops built by hand
 * (a home p of register 10, blocks that load off it and write register 10 back).
 */
class InductionBasesTest {
    private static final long KEY = 10;
    private final Inst home = new Inst(Op.GET_REG, Type.I64, 0, KEY);
    private final List<Inst> insts = new ArrayList<>(List.of(home));
    private final List<int[]> segments = new ArrayList<>();
    private int start = 1;

    private Inst add(Inst i) {
        insts.add(i);
        return i;
    }

    private Inst constant(long v) {
        return add(new Inst(Op.CONST, Type.I64, v, 0));
    }

    private Inst plus(Inst x, long c) {
        return add(new Inst(Op.ADD, Type.I64, 0, 0, x, constant(c)));
    }

    private void load(Inst address) {
        add(new Inst(Op.LOAD, Type.I8, 1, 0, address));
    }

    private void write(Inst value) {
        add(new Inst(Op.SET_REG, Type.I64, 0, KEY, value));
    }

    /** Starts the loop again: only the reads at its top are kept. */
    private void restart() {
        int reads = insts.indexOf(home) + 1;
        insts.subList(reads, insts.size()).clear();
        segments.clear();
        start = reads;
    }

    /** Ends the block being built (its last instruction is an exit). */
    private void endBlock() {
        add(new Inst(Op.EXIT_JUMP, Type.I64, 0x100, 0));
        segments.add(new int[] {start, insts.size() - 1});
        start = insts.size();
    }

    private Set<Inst> bases() {
        int[] starts = segments.stream().mapToInt(s -> s[0]).toArray();
        int[] ends = segments.stream().mapToInt(s -> s[1]).toArray();
        return InductionBases.of(insts, starts, ends, Map.of(KEY, home), Set.of(), 1 << 15, 4096);
    }

    @Test
    void aPointerLoadedOffAndAdvancedIsOne() {
        load(home);
        write(plus(home, 1));
        endBlock();
        assertEquals(Set.of(home), bases());
    }

    @Test
    void anAccessOffTheAdvancedValueCounts() {
        Inst next = plus(home, 8);
        write(next);
        load(plus(next, -8)); // p += 8; load p[-1]
        endBlock();
        assertEquals(Set.of(home), bases());
    }

    @Test
    void aPointerMovingBackwardIsNot() {
        load(home);
        write(plus(home, -1));
        endBlock();
        assertEquals(Set.of(), bases());
    }

    @Test
    void aStrideBeyondTheLimitIsNot() {
        load(home);
        write(plus(home, 4097));
        endBlock();
        assertEquals(Set.of(), bases());
        restart();
        load(home);
        write(plus(home, 4096));
        endBlock();
        assertEquals(Set.of(home), bases());
    }

    @Test
    void aBlockThatAdvancesWithoutAccessingBreaksTheChain() {
        load(home);
        endBlock();              // accesses, does not advance
        write(plus(home, 1));
        endBlock();              // advances without an access of its own
        assertEquals(Set.of(), bases());
    }

    @Test
    void everyAdvancingBlockMustAccess() {
        load(home);
        write(plus(home, 1));
        endBlock();
        endBlock();              // neither: fine
        load(plus(home, 3));
        write(plus(home, 2));
        endBlock();
        assertEquals(Set.of(home), bases());
    }

    @Test
    void anAccessFarBelowTheGroupDoesNotMakeAnAdvanceSafe() {
        load(plus(home, -40_000)); // further below the pointer than a group's span: no bound on where it is now
        write(plus(home, 8));
        endBlock();
        load(home);
        endBlock();
        assertEquals(Set.of(), bases());
    }

    @Test
    void anyOtherWriteIsNot() {
        load(home);
        write(add(new Inst(Op.ADD, Type.I64, 0, 0, home, home))); // p += p
        endBlock();
        assertEquals(Set.of(), bases());
    }

    @Test
    void aConditionalLoadIsNoAccess() {
        Inst c = add(new Inst(Op.CONST, Type.I1, 1, 0));
        add(new Inst(Op.LOAD_IF, Type.I8, 1, 0, c, home));
        write(plus(home, 1));
        endBlock();
        assertEquals(Set.of(), bases());
    }

    // Arrays walked by index (derived): base (register 11, never written) + the home as the index.

    private static final long BASE_KEY = 11;
    private final Inst base = new Inst(Op.GET_REG, Type.I64, 0, BASE_KEY);

    private Map<Inst, InductionBases.Derived> derived(Set<Inst> narrow) {
        int[] starts = segments.stream().mapToInt(s -> s[0]).toArray();
        int[] ends = segments.stream().mapToInt(s -> s[1]).toArray();
        return InductionBases.derived(insts, starts, ends, Map.of(KEY, home, BASE_KEY, base), Set.of(), narrow,
                Set.of(), 1 << 15, 4096);
    }

    /** The loop reads the base register at its top too (before the home). */
    private void withBase() {
        insts.add(0, base);
        start = insts.indexOf(home) + 1;
    }

    private Inst sum(Inst x, Inst y) {
        return add(new Inst(Op.ADD, Type.I64, 0, 0, x, y));
    }

    @Test
    void baseAndIndexAccessedAndAdvancedIsOne() {
        withBase();
        Inst element = sum(base, home);
        load(element);
        write(plus(home, 1));
        endBlock();
        assertEquals(Map.of(element, new InductionBases.Derived(base, home, 0)), derived(Set.of()));
        assertEquals(Map.of(), derived(Set.of(home)), "a narrow home is not a full index");
    }

    @Test
    void anIndexAdvancedBeforeTheAccessCountsWithItsOffset() {
        withBase();
        Inst next = plus(home, 7);
        write(next);
        Inst element = sum(next, base); // i += 7; load a[i]
        load(element);
        endBlock();
        assertEquals(Map.of(element, new InductionBases.Derived(base, home, 7)), derived(Set.of()));
    }

    @Test
    void aBaseTheLoopChangesIsNot() {
        withBase();
        load(sum(base, home));
        write(plus(home, 1));
        add(new Inst(Op.SET_REG, Type.I64, 0, BASE_KEY, plus(base, 1)));
        endBlock();
        assertEquals(Map.of(), derived(Set.of()));
    }

    @Test
    void aSumWithoutAnAccessOrAnIndexMovingBackIsNot() {
        withBase();
        Inst element = sum(base, home);
        load(plus(element, -40_000)); // far below the sum: no access off it
        write(plus(home, 1));
        endBlock();
        assertEquals(Map.of(), derived(Set.of()));
        restart();
        load(sum(base, home));
        write(plus(home, -1));
        endBlock();
        assertEquals(Map.of(), derived(Set.of()));
    }
}
