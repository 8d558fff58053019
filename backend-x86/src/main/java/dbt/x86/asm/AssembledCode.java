package dbt.x86.asm;

import java.util.List;

/**
 * The result of {@link Assembler#finish(long)}: machine code ready to be copied to {@code loadAddress}, every label
 * and absolute target resolved, and the jumps the caller asked to be able to patch later.
 *
 * @param bytes the code; the array is the caller's to keep
 * @param loadAddress the host address the code was resolved for
 * @param patchSites the rel32 jumps and calls returned by the {@code ...Rel32}, {@code ...Absolute} and
 *     {@code call(Label)} methods, in emission order
 * @param absoluteFields where the rel32 fields of the jumps and calls to absolute host addresses are (code that is
 *     moved elsewhere needs them written again), in emission order
 */
public record AssembledCode(byte[] bytes, long loadAddress, List<PatchSite> patchSites, int[] absoluteFields) {
    public AssembledCode {
        patchSites = List.copyOf(patchSites);
    }

    public int size() {
        return bytes.length;
    }
}
