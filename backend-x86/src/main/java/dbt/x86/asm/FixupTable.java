package dbt.x86.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * The 32-bit displacement fields whose value is not known while emitting: uses of labels (forward jumps, calls,
 * RIP-relative operands) and jumps or calls to absolute host addresses, which depend on where the code is placed.
 * Also the list of patch sites the caller asked for. {@link #resolve} fills every field in a copy of the code.
 *
 * <p>Every field is relative to {@code endOffset}, the end of its instruction (which, for a RIP-relative operand
 * followed by an immediate, is after the immediate).
 */
final class FixupTable {
    private record LabelUse(int fieldOffset, int endOffset, Label label, int addend) {}

    private record AbsoluteTarget(int fieldOffset, int endOffset, long target) {}

    private final List<LabelUse> labelUses = new ArrayList<>();
    private final List<AbsoluteTarget> absoluteTargets = new ArrayList<>();
    private final List<PatchSite> patchSites = new ArrayList<>();

    /** The rel32 at {@code fieldOffset} will hold {@code label + addend - endOffset}. */
    void labelUse(int fieldOffset, int endOffset, Label label, int addend) {
        labelUses.add(new LabelUse(fieldOffset, endOffset, label, addend));
    }

    /** The rel32 at {@code fieldOffset} will hold {@code target - (loadAddress + endOffset)}. */
    void absoluteTarget(int fieldOffset, int endOffset, long target) {
        absoluteTargets.add(new AbsoluteTarget(fieldOffset, endOffset, target));
    }

    PatchSite patchSite(int instructionOffset, int rel32Offset, int length) {
        PatchSite site = new PatchSite(instructionOffset, rel32Offset, length);
        patchSites.add(site);
        return site;
    }

    /** Where the rel32 fields of jumps and calls to absolute host addresses are, in emission order. */
    int[] absoluteFields() {
        int[] fields = new int[absoluteTargets.size()]; // (a loop, not a stream: every trampoline asks, at start-up)
        for (int k = 0; k < fields.length; k++) {
            fields[k] = absoluteTargets.get(k).fieldOffset();
        }
        return fields;
    }

    List<PatchSite> patchSites() {
        return List.copyOf(patchSites);
    }

    /** Fills every recorded field of {@code code}, assembled to run at {@code loadAddress}. */
    void resolve(byte[] code, long loadAddress) {
        for (LabelUse use : labelUses) {
            if (!use.label.isBound()) {
                throw new IllegalStateException("label " + use.label + " is used at offset " + use.fieldOffset
                        + " but never bound");
            }
            long rel = (long) use.label.offset() + use.addend - use.endOffset;
            CodeBuffer.put32(code, use.fieldOffset, checkedRel32(rel, use.label));
        }
        for (AbsoluteTarget t : absoluteTargets) {
            long rel = t.target - (loadAddress + t.endOffset);
            CodeBuffer.put32(code, t.fieldOffset, checkedRel32(rel, t.target));
        }
    }

    /** rel as a rel32; what is the label, or the absolute target address, it reaches (for the error). */
    private static int checkedRel32(long rel, Object what) {
        if (rel != (int) rel) {
            String target = what instanceof Long address ? String.format("target 0x%x", address) : "label " + what;
            throw new IllegalStateException(target + " is out of rel32 range (displacement " + rel + ")");
        }
        return (int) rel;
    }
}
