package dbt.isa.decode;

import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A decision tree over instruction bits, generated from the patterns of an ISA model: no instruction is decoded by
 * hand. Each inner node switches on the bits that every remaining candidate fixes (at most {@link #MAX_BITS} at a
 * time) and indexes a table with them; a leaf holds the few candidates left, most specific first, checked one by one
 * (mask, match, then guard). One tree per instruction length. Identical subtrees are shared.
 */
public final class DecodeTree implements InstructionDecoder {
    static final int MAX_BITS = 10;

    /** A tree node: either a switch (bits non-empty) or a leaf (candidates). */
    public record Node(int[] bits, Node[] children, Instruction[] candidates) {
        boolean leaf() {
            return bits == null;
        }
    }

    private final IsaModel model;
    private final Map<Integer, Node> roots = new HashMap<>();

    public DecodeTree(IsaModel model) {
        this.model = model;
        Map<Integer, List<Instruction>> byLength = new HashMap<>();
        for (Instruction i : model.instructions()) {
            byLength.computeIfAbsent(i.length(), k -> new ArrayList<>()).add(i);
        }
        for (var e : byLength.entrySet()) {
            roots.put(e.getKey(), build(e.getValue(), 0, new HashMap<>()));
        }
    }

    @Override
    public IsaModel model() {
        return model;
    }

    public Node root(int length) {
        return roots.get(length);
    }

    public java.util.Set<Integer> lengths() {
        return roots.keySet();
    }

    private Node build(List<Instruction> candidates, long tested, Map<List<Instruction>, Node> shared) {
        Node existing = shared.get(candidates);
        if (existing != null) {
            return existing;
        }
        long common = -1L;
        for (Instruction i : candidates) {
            common &= i.mask();
        }
        common &= ~tested;
        Node node;
        if (candidates.size() <= 1 || common == 0) {
            List<Instruction> sorted = new ArrayList<>(candidates);
            sorted.sort(Comparator.comparingInt(Instruction::priority).reversed());
            node = new Node(null, null, sorted.toArray(Instruction[]::new));
        } else {
            int[] bits = lowestBits(common, MAX_BITS);
            long chosen = 0;
            for (int b : bits) {
                chosen |= 1L << b;
            }
            Node[] children = new Node[1 << bits.length];
            for (int v = 0; v < children.length; v++) {
                long value = scatter(v, bits);
                List<Instruction> subset = new ArrayList<>();
                for (Instruction i : candidates) {
                    if ((i.match() & chosen) == value) {
                        subset.add(i);
                    }
                }
                children[v] = build(subset, tested | chosen, shared);
            }
            node = new Node(bits, children, null);
        }
        shared.put(candidates, node);
        return node;
    }

    private static int[] lowestBits(long mask, int max) {
        int n = Math.min(Long.bitCount(mask), max);
        int[] bits = new int[n];
        for (int k = 0; k < n; k++) {
            bits[k] = Long.numberOfTrailingZeros(mask);
            mask &= mask - 1;
        }
        return bits;
    }

    private static long scatter(int v, int[] bits) {
        long out = 0;
        for (int k = 0; k < bits.length; k++) {
            out |= (long) ((v >>> k) & 1) << bits[k];
        }
        return out;
    }

    @Override
    public Instruction decode(long word, int length) {
        Node n = roots.get(length);
        if (n == null) {
            return null;
        }
        while (!n.leaf()) {
            int index = 0;
            int[] bits = n.bits();
            for (int k = 0; k < bits.length; k++) {
                index |= (int) ((word >>> bits[k]) & 1) << k;
            }
            n = n.children()[index];
        }
        for (Instruction i : n.candidates()) {
            if (i.matches(word) && (i.guard() == null || FieldGuard.holds(i.guard(), word, model.fields()))) {
                return i;
            }
        }
        return null;
    }

    /** Reads an instruction word starting at address through fetch16 (little-endian parcels). */
    public static long fetchWord(ParcelSource source, long address, int length) {
        long word = 0;
        for (int k = 0; k < length / 16; k++) {
            word |= (long) source.fetch16(address + 2L * k) << (16 * k);
        }
        return word;
    }

    /** Where instruction parcels come from (guest memory, or a byte array in tests). */
    public interface ParcelSource {
        int fetch16(long address);
    }

}
