package dbt.x86.backend;

import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;

/**
 * Guest calls and returns as host calls and returns (see {@link CallFrames}): the frame a call pushes before its host
 * call and drops where the callee returns to, and the test a return makes before its {@code ret}. The caller
 * ({@link ExitLowering}) emits the host call and what follows it. A frame moves rsp, and with it every spill slot: it
 * is pushed once no value is left in a slot (the guest registers written back, or only host registers carrying
 * values).
 */
final class ReturnLowering {
    private final BlockContext cx;
    private final long statsCounters;

    ReturnLowering(BlockContext cx, long statsCounters) {
        this.cx = cx;
        this.statsCounters = statsCounters;
    }

    /** Whether calls and returns use host frames. */
    boolean on() {
        return cx.options.returnStack();
    }

    /**
     * The frame of a call returning to guest address returnAddress, before its host call; returns the label to bind
     * where the callee is reached without a frame (jumped to at the depth limit).
     */
    Label pushFrame(long returnAddress) {
        var a = cx.a;
        Label unframed = a.newLabel();
        a.cmp(Gp.RSP, Mem.q(Gp.R15, cx.layout.hostStackOffset() + 8));
        a.jcc(Cond.BE, unframed);
        a.sub(Gp.RSP, CallFrames.PUSHED);
        if (returnAddress == (int) returnAddress) {
            a.mov(Mem.q(Gp.RSP, CallFrames.PUSHED - 8), (int) returnAddress);
        } else {
            a.movImm(Gp.RCX, returnAddress);
            a.mov(Mem.q(Gp.RSP, CallFrames.PUSHED - 8), Gp.RCX);
        }
        return unframed;
    }

    /** Drops the frame, where a host ret comes back to (the host call's continuation). */
    void dropFrame() {
        cx.a.add(Gp.RSP, CallFrames.PUSHED);
    }

    /** A return to the target in rax: a host ret if its frame's guest return address is the target, else on. */
    void ret() {
        var a = cx.a;
        Label other = a.newLabel();
        a.cmp(Gp.RAX, Mem.q(Gp.RSP, CallFrames.GUEST_RETURN));
        a.jcc(Cond.NE, other);
        count(StatsCounters.RETURN_HITS);
        a.ret();
        a.bind(other);
        count(StatsCounters.RETURN_MISSES);
    }

    private void count(int counter) {
        if (statsCounters != 0) {
            cx.movAddress(Gp.RCX, ExternalRef.Target.STATS_COUNTERS, statsCounters, 0);
            cx.a.inc(Mem.q(Gp.RCX, counter));
        }
    }
}
