package dbt.x86.backend;

import dbt.x86.asm.Label;

/**
 * A place in a compiled block that the runtime rewrites to make the guest thread leave translated code soon, when
 * it is asked to take a signal (see {@code InterruptPatches}), and rewrites back afterwards. Translated code tests
 * nothing while it runs: a block's entry is an 8-byte nop that becomes a jump to the block's interrupt exit, and
 * a self-loop's back edge is a rel32 jump whose displacement is redirected to the loop's interrupt exit. Both exits
 * leave for the dispatcher with the guest state exact, before the block or iteration begins.
 *
 * @param offset where the rewritten bytes begin, from the start of the block's code
 * @param width 8 (the entry's nop) or 4 (a back edge's displacement)
 * @param exit the interrupt exit the rewritten code goes to
 */
public record InterruptSite(int offset, int width, Label exit) {
    static final int ENTRY_WIDTH = 8;
    static final int BACK_EDGE_WIDTH = 4;

    /** The bytes at the site, as a little-endian value of width bytes, that go to the exit: the code placed at address. */
    public long interrupted(long address) {
        return interrupted(address, offset, width, exit.offset());
    }

    /** The bytes that go to the exit at exitOffset, for a site of this width at offset in code placed at address. */
    public static long interrupted(long address, int offset, int width, int exitOffset) {
        long site = address + offset;
        long exitAddress = address + exitOffset;
        if (width == BACK_EDGE_WIDTH) {
            return (exitAddress - (site + 4)) & 0xffff_ffffL;
        }
        long rel = (exitAddress - (site + 5)) & 0xffff_ffffL;
        return 0xE9L | rel << 8 | 0x00_1F_0FL << 40; // jmp rel32; then a 3-byte nop (never reached)
    }
}
