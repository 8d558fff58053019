package dbt.x86.asm;

/**
 * A jump or call whose rel32 field the code cache may rewrite later (block linking). Offsets are from the start
 * of the assembled code; the displacement is relative to the end of the instruction, so a jump placed at
 * {@code loadAddress} reaches {@code target} with {@code rel32 = target - (loadAddress + instructionOffset + length)}.
 *
 * @param instructionOffset where the instruction starts
 * @param rel32Offset where its 4-byte little-endian displacement starts
 * @param length the instruction's length in bytes; the displacement is its last four bytes
 */
public record PatchSite(int instructionOffset, int rel32Offset, int length) {
    public PatchSite {
        if (rel32Offset + 4 != instructionOffset + length) {
            throw new IllegalArgumentException("rel32 must be the last four bytes of the instruction");
        }
    }

    /** The offset of the first byte after the instruction, which the displacement is relative to. */
    public int endOffset() {
        return instructionOffset + length;
    }

    /** The displacement that makes this site reach {@code target} when the code is placed at {@code loadAddress}. */
    public int rel32For(long loadAddress, long target) {
        long rel = target - (loadAddress + endOffset());
        if (rel != (int) rel) {
            throw new IllegalArgumentException(String.format(
                    "target 0x%x is out of rel32 range of the jump at 0x%x", target, loadAddress + instructionOffset));
        }
        return (int) rel;
    }
}
