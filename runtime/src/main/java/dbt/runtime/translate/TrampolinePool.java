package dbt.runtime.translate;

import dbt.x86.asm.Assembler;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Mem;
import dbt.x86.backend.ExitReason;
import java.util.ArrayDeque;

/**
 * Trampolines for direct exits whose target is not translated yet (fastBT): a few instructions each, in a region of
 * their own at the start of the code cache, that leave to the dispatcher with {@link ExitReason#CHAIN} and the exit's
 * number in the state's exit-information slot. The dispatcher translates the target and patches the exit's jump to
 * go there directly; the trampoline is then free and handed out again.
 *
 * <p>Invariant: from {@link #allocate} to {@link #release} a trampoline is reached by exactly one exit site, so
 * releasing it after that site is patched leaves no jump to it. Blocks never hold their own link stubs.
 */
final class TrampolinePool {
    static final int SLOT = 32;

    private final CodeCache cache;
    private final long start;
    private final int slots;
    private final long exitStub;
    private final int exitInfoOffset;
    private final ArrayDeque<Long> free = new ArrayDeque<>();
    private int fresh;
    /** Where in a trampoline its site number is. */
    private int siteOffset;
    private long handedOut;
    private long reused;

    /** Reserves room for slots trampolines in cache (call before any block is placed). */
    TrampolinePool(CodeCache cache, int slots, long exitStub, int exitInfoOffset) {
        this.cache = cache;
        this.slots = slots;
        this.exitStub = exitStub;
        this.exitInfoOffset = exitInfoOffset;
        this.start = cache.reserve(slots * SLOT);
        if (start < 0) {
            throw new IllegalStateException("the code cache has no room for " + slots + " trampolines");
        }
        PerfMap.record(start, (long) slots * SLOT, "dbt-trampolines");
    }

    /** How many more trampolines can be handed out. */
    int available() {
        return free.size() + slots - fresh;
    }

    /** A trampoline for exit number site; call {@link #available} first. */
    long allocate(int site) {
        handedOut++;
        if (!free.isEmpty()) {
            long address = free.pop();
            reused++;
            cache.patchInt(address + siteOffset, site); // a reused one differs only in its site
            return address;
        }
        if (fresh == slots) {
            throw new IllegalStateException("no trampoline left");
        }
        long address = start + (long) SLOT * fresh++;
        Assembler a = new Assembler();
        a.mov(Mem.q(Gp.R15, exitInfoOffset), site);
        siteOffset = a.offset() - 4; // the instruction ends with the site's imm32
        a.mov(Gp.EAX, ExitReason.CHAIN);
        a.jmpAbsolute(exitStub);
        cache.write(address, a.finish(address).bytes());
        return address;
    }

    /** Takes back a trampoline whose exit site now jumps elsewhere. */
    void release(long address) {
        free.push(address);
    }

    /** Forgets every trampoline (the code cache was flushed). */
    void reset() {
        free.clear();
        fresh = 0;
    }

    long handedOut() {
        return handedOut;
    }

    long reused() {
        return reused;
    }
}
