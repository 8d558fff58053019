package dbt.runtime.linux;

import dbt.frontend.GuestMemory;
import dbt.isa.exec.Machine;

/**
 * The signal frame Linux pushes for a riscv64 handler ({@code struct rt_sigframe} of arch/riscv/kernel/signal.c),
 * and the return through {@code rt_sigreturn}. From the frame's start, which is 16-byte aligned below the stack
 * pointer (or the alternate stack's top):
 * <pre>
 *    0  siginfo_t (128 bytes): si_signo, si_errno, si_code (ints at 0, 4, 8), then the union at 16
 *  128  ucontext: uc_flags (8), uc_link (8), uc_stack (ss_sp 8, ss_flags 4 + 4, ss_size 8), uc_sigmask (8, in 128
 *       bytes reserved for it), then at 176 (16-aligned) the mcontext:
 *  304  gregs: pc, then x1..x31 (8 bytes each)
 *  560  the F/D state: f0..f31 (8 bytes each), fcsr (4 bytes) at 816, in a union of 528 bytes (the Q state's size)
 * 1088  end
 * </pre>
 * The handler is entered with a0 = signal, a1 = the siginfo, a2 = the ucontext, sp = the frame, and ra = the
 * sigreturn trampoline ({@code li a7, 139; ecall}), which dbt maps where the kernel's vDSO would hold it.
 */
final class Riscv64SignalFrame {
    static final int SIZE = 1088;
    static final int SIGINFO = 0;
    static final int UCONTEXT = 128;
    static final int UC_STACK = UCONTEXT + 16;
    static final int UC_SIGMASK = UCONTEXT + 40;
    static final int GREGS = UCONTEXT + 176;
    static final int FPREGS = GREGS + 256;
    static final int FCSR = FPREGS + 256;
    /** Where the sigreturn trampoline lives: the page above the stack, which nothing else maps. */
    static final long TRAMPOLINE = GuestMemory.STACK_TOP;
    private static final int RT_SIGRETURN = 139;
    /** The length of ecall: a restarted system call goes back this far. */
    static final int SYSCALL_LENGTH = 4;

    private final int xFile;
    private final int fFile;
    private final int fcsrSlot;

    /**
     * @param xFile    the integer register file (x0..x31)
     * @param fFile    the floating-point register file, or -1
     * @param fcsrSlot the CSR slot of fcsr, or -1
     */
    Riscv64SignalFrame(int xFile, int fFile, int fcsrSlot) {
        this.xFile = xFile;
        this.fFile = fFile;
        this.fcsrSlot = fcsrSlot;
    }

    /** Maps the sigreturn trampoline (read and execute, as the vDSO is). */
    static void mapTrampoline(GuestMemory memory) {
        memory.map(TRAMPOLINE, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.EXEC);
        int li = 0x893 | (RT_SIGRETURN << 20); // addi a7, zero, 139
        byte[] code = new byte[8];
        for (int i = 0; i < 4; i++) {
            code[i] = (byte) (li >>> (8 * i));
        }
        code[4] = 0x73; // ecall
        memory.initialize(TRAMPOLINE, code, 0, code.length);
    }

    /**
     * Pushes the frame at stackTop and enters the handler. siginfo is the 128 bytes of the signal's siginfo_t;
     * alternateStack the thread's stack_t as sigaltstack gives it (ss_flags already saying whether the thread is on
     * it). Throws {@link dbt.ir.GuestFault} when the frame cannot be written (the caller ends the guest).
     */
    void push(Machine m, GuestMemory memory, long stackTop, int signal, byte[] siginfo, long mask,
              byte[] alternateStack, long handler) {
        long frame = (stackTop - SIZE) & -16L;
        memory.require(frame, SIZE, GuestMemory.WRITE);
        memory.write(frame + SIGINFO, siginfo, 0, siginfo.length);
        memory.zero(frame + UCONTEXT, SIZE - UCONTEXT);
        memory.write(frame + UC_STACK, alternateStack, 0, alternateStack.length);
        memory.store(frame + UC_SIGMASK, 8, mask);
        memory.store(frame + GREGS, 8, m.pc());
        for (int i = 1; i < 32; i++) {
            memory.store(frame + GREGS + 8L * i, 8, m.register(xFile, i));
        }
        if (fFile >= 0) {
            for (int i = 0; i < 32; i++) {
                memory.store(frame + FPREGS + 8L * i, 8, m.register(fFile, i));
            }
        }
        if (fcsrSlot >= 0) {
            memory.store(frame + FCSR, 4, m.csr(fcsrSlot));
        }
        m.setRegister(xFile, 10, signal);
        m.setRegister(xFile, 11, frame + SIGINFO);
        m.setRegister(xFile, 12, frame + UCONTEXT);
        m.setRegister(xFile, 2, frame);
        m.setRegister(xFile, 1, TRAMPOLINE);
        m.setPc(handler);
    }

    /**
     * rt_sigreturn: restores every register, the pc and fcsr from the frame at sp, and returns the signal mask it
     * saved. Throws {@link dbt.ir.GuestFault} when the frame cannot be read.
     */
    long restore(Machine m, GuestMemory memory) {
        long frame = m.register(xFile, 2);
        memory.require(frame, SIZE, GuestMemory.READ);
        long mask = memory.load(frame + UC_SIGMASK, 8);
        m.setPc(memory.load(frame + GREGS, 8));
        for (int i = 1; i < 32; i++) {
            m.setRegister(xFile, i, memory.load(frame + GREGS + 8L * i, 8));
        }
        if (fFile >= 0) {
            for (int i = 0; i < 32; i++) {
                m.setRegister(fFile, i, memory.load(frame + FPREGS + 8L * i, 8));
            }
        }
        if (fcsrSlot >= 0) {
            m.setCsr(fcsrSlot, memory.load(frame + FCSR, 4) & 0xFF);
        }
        return mask;
    }
}
