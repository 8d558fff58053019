package dbt.runtime.translate;

import dbt.frontend.HostCode;
import dbt.x86.asm.Assembler;
import dbt.x86.asm.Gp;
import dbt.x86.asm.Mem;
import dbt.x86.backend.CallFrames;
import java.util.Map;

/**
 * The way in and out of translated code. {@code enter(state, window, memoryCheck, code)} saves the callee-saved
 * registers and the JVM's MXCSR, loads the guest's MXCSR image from the state, sets up r15/r14/r13 (see
 * {@code BlockCompiler} for what they hold) and the first call frame (its spill slots, and a guest return address
 * no return goes to: see {@link CallFrames}), records its rsp and the lowest rsp calls may push frames to in the
 * state, and jumps to code; translated code leaves by jumping to the exit stub with the exit reason in rax, which
 * drops the frames its calls pushed, stores the guest's MXCSR (its sticky flags now hold what guest floating point
 * raised) back into the state, restores the JVM's MXCSR and the registers, and returns the reason. So Java never runs
 * with a guest rounding mode or flags. The pinned guest registers ({@code PinnedRegisters}) are loaded into their host
 * registers on the way in and stored back on the way out: in translated code they live there. Entered through
 * {@link HostCode#call}, a JNI call: an FFM downcall costs a few ns less per entry but milliseconds to create
 * on a cold JVM.
 */
public final class EntryStub {
    /** Where the JVM's MXCSR waits while translated code runs: the 8 bytes above the first call frame. */
    private static final int HOST_MXCSR = CallFrames.FRAME;
    /** The first call frame and the MXCSR word: rsp 16-aligned after six pushes. */
    static final int FRAME = HOST_MXCSR + 8;

    private final long entry;
    private final long exit;

    /**
     * @param mxcsrOffset     where the state keeps the guest's MXCSR image (see {@code GuestState#mxcsrOffset})
     * @param hostStackOffset where it keeps the entry's rsp and the call frames' limit ({@code hostStackOffset})
     * @param pinned          the state offset of each pinned guest register, with its host register
     */
    public EntryStub(CodeCache cache, int mxcsrOffset, int hostStackOffset, Map<Integer, Gp> pinned) {
        Assembler a = new Assembler();
        Gp[] saved = {Gp.RBX, Gp.RBP, Gp.R12, Gp.R13, Gp.R14, Gp.R15};
        for (Gp r : saved) {
            a.push(r);
        }
        a.sub(Gp.RSP, FRAME);
        a.stmxcsr(Mem.d(Gp.RSP, HOST_MXCSR));
        a.ldmxcsr(Mem.d(Gp.RDI, mxcsrOffset));
        a.mov(Gp.R15, Gp.RDI);
        a.mov(Gp.R14, Gp.RSI);
        a.mov(Gp.R13, Gp.RDX);
        a.mov(Mem.q(Gp.RSP, CallFrames.GUEST_RETURN), (int) CallFrames.NO_RETURN);
        a.mov(Mem.q(Gp.R15, hostStackOffset), Gp.RSP);
        a.lea(Gp.RAX, Mem.q(Gp.RSP, -CallFrames.FRAME * CallFrames.MAX_DEPTH));
        a.mov(Mem.q(Gp.R15, hostStackOffset + 8), Gp.RAX);
        pinned.forEach((offset, host) -> a.mov(host, Mem.q(Gp.R15, offset)));
        a.jmp(Gp.RCX);
        a.align(16);
        int exitOffset = a.offset();
        pinned.forEach((offset, host) -> a.mov(Mem.q(Gp.R15, offset), host));
        a.mov(Gp.RSP, Mem.q(Gp.R15, hostStackOffset));
        a.stmxcsr(Mem.d(Gp.R15, mxcsrOffset));
        a.ldmxcsr(Mem.d(Gp.RSP, HOST_MXCSR));
        a.add(Gp.RSP, FRAME);
        for (int k = saved.length - 1; k >= 0; k--) {
            a.pop(saved[k]);
        }
        a.ret();
        long address = cache.reserve(a.offset() + 16);
        cache.write(address, a.finish(address).bytes());
        this.entry = address;
        this.exit = address + exitOffset;
        PerfMap.record(entry, exitOffset, "dbt-entry");
        PerfMap.record(exit, a.offset() - exitOffset, "dbt-exit");
    }

    public long exitAddress() {
        return exit;
    }

    /** Runs translated code at host address code until it exits; returns the exit reason. */
    public int enter(long state, long window, long memoryCheck, long code) {
        return (int) HostCode.call(entry, state, window, memoryCheck, code);
    }
}
