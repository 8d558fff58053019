package dbt.runtime.translate;

import dbt.x86.asm.Assembler;
import dbt.x86.asm.Gp;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The way in and out of translated code. {@code enter(state, window, memoryCheck, code)} saves the callee-saved
 * registers, sets up r15/r14/r13 (see {@code BlockCompiler} for what they hold) and 32 spill slots at rsp, and jumps to code; translated code leaves by jumping
 * to the exit stub with the exit reason in rax, which restores the registers and returns it. Entered through an
 * FFM downcall (about 3 ns, see DESIGN.md).
 */
public final class EntryStub {
    static final int FRAME = 264; // 32 spill slots, and rsp 16-aligned after six pushes

    private final MethodHandle enter;
    private final long exit;

    public EntryStub(CodeCache cache) {
        Assembler a = new Assembler();
        Gp[] saved = {Gp.RBX, Gp.RBP, Gp.R12, Gp.R13, Gp.R14, Gp.R15};
        for (Gp r : saved) {
            a.push(r);
        }
        a.sub(Gp.RSP, FRAME);
        a.mov(Gp.R15, Gp.RDI);
        a.mov(Gp.R14, Gp.RSI);
        a.mov(Gp.R13, Gp.RDX);
        a.jmp(Gp.RCX);
        a.align(16);
        int exitOffset = a.offset();
        a.add(Gp.RSP, FRAME);
        for (int k = saved.length - 1; k >= 0; k--) {
            a.pop(saved[k]);
        }
        a.ret();
        long address = cache.reserve(a.offset() + 16);
        cache.write(address, a.finish(address).bytes());
        this.exit = address + exitOffset;
        this.enter = Linker.nativeLinker().downcallHandle(MemorySegment.ofAddress(address),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
    }

    public long exitAddress() {
        return exit;
    }

    /** Runs translated code at host address code until it exits; returns the exit reason. */
    public int enter(long state, long window, long memoryCheck, long code) {
        try {
            return (int) (long) enter.invokeExact(state, window, memoryCheck, code);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
