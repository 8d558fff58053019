package dbt.x86.backend;

import dbt.x86.asm.Cond;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Label;
import dbt.x86.asm.Mem;

/**
 * Guest calls and returns as host calls and returns (see {@link CallFrames}): the frame a call pushes, and the test a
 * return makes before its {@code ret}. Both run after the guest registers were written back to the state: a frame
 * moves rsp, and with it every spill slot.
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
     * A call returning to guest address returnAddress: pushes a frame and host-calls the code the caller emits next,
     * which jumps to the callee (and which is jumped to without a frame at the depth limit). The continuation, run
     * with the frame dropped, is what continuation emits.
     */
    void call(long returnAddress, Runnable continuation) {
        var a = cx.a;
        Label callee = a.newLabel();
        a.cmp(Gp.RSP, Mem.q(Gp.R15, cx.layout.hostStackOffset() + 8));
        a.jcc(Cond.BE, callee);
        a.sub(Gp.RSP, CallFrames.PUSHED);
        if (returnAddress == (int) returnAddress) {
            a.mov(Mem.q(Gp.RSP, CallFrames.PUSHED - 8), (int) returnAddress);
        } else {
            a.movImm(Gp.RCX, returnAddress);
            a.mov(Mem.q(Gp.RSP, CallFrames.PUSHED - 8), Gp.RCX);
        }
        a.call(callee);
        a.add(Gp.RSP, CallFrames.PUSHED);
        continuation.run();
        a.bind(callee);
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
            cx.a.movImm(Gp.RCX, statsCounters);
            cx.a.inc(Mem.q(Gp.RCX, counter));
        }
    }
}
