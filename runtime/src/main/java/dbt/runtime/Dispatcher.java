package dbt.runtime;

import static dbt.runtime.linux.LinuxSignals.*;

import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.ir.GuestFault;
import dbt.isa.asm.Disassembler;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.interp.IllegalInstruction;
import dbt.isa.interp.SemanticsError;
import dbt.runtime.linux.GuestExit;
import dbt.runtime.linux.LinuxSyscalls;

/**
 * Runs a loaded guest to its end on an engine (interpreter or translator), handing system calls to the Linux
 * layer and turning every way a guest can end into a host exit status. A guest that faults ends as Linux would end
 * it (128 + the signal number) with one line saying what and where; it never ends the JVM badly.
 */
final class Dispatcher {
    /** si_code values of synchronous signals: SEGV_MAPERR, SEGV_ACCERR, ILL_ILLOPC, TRAP_BRKPT. */
    private static final int SEGV_MAPERR = 1;
    private static final int SEGV_ACCERR = 2;
    private static final int ILL_ILLOPC = 1;
    private static final int TRAP_BRKPT = 1;

    private final InstructionDecoder decoder;
    private final GuestMachine machine;
    private final LinuxSyscalls syscalls;
    private final Engine engine;
    private long codeGeneration;
    /** The signal that ended the guest, or 0. */
    private int terminatingSignal;

    Dispatcher(InstructionDecoder decoder, GuestMachine machine, LinuxSyscalls syscalls, Engine engine) {
        this.decoder = decoder;
        this.machine = machine;
        this.syscalls = syscalls;
        this.engine = engine;
    }

    /**
     * Runs until the guest exits; returns its exit status. A synchronous signal (fault, illegal instruction,
     * breakpoint) goes to the guest's handler if it has one, else ends the guest; signals the guest sent itself are
     * delivered after the system call that sent them.
     */
    int run() {
        try {
            while (true) {
                try {
                    int status = step();
                    if (status != GOING_ON) {
                        return status;
                    }
                } catch (GuestFault f) {
                    boolean mapped = (machine.memory().permissions(f.address()) & GuestMemory.MAPPED) != 0;
                    if (syscalls.fault(machine, SIGSEGV, mapped ? SEGV_ACCERR : SEGV_MAPERR, f.address())) {
                        continue;
                    }
                    String what = f.access() == GuestFault.Access.EXECUTE && f.address() == machine.pc()
                            ? "jumped to 0x" + hex(f.address()) + ", which is not executable code"
                            : f.access().name().toLowerCase() + " of 0x" + hex(f.address()) + " at pc 0x"
                              + hex(machine.pc()) + " (" + describe(machine.pc()) + ")";
                    return fatal(SIGSEGV, "segmentation fault: guest " + what);
                } catch (InternalError e) {
                    if (!busError(e)) {
                        throw e;
                    }
                    // A page of a file mapping past the file's end (the file shrank): the host's SIGBUS, which the JVM
                    // turns into this error soon after the access (so the pc may be a little past it).
                    if (syscalls.fault(machine, SIGBUS, BUS_ADRERR, 0)) {
                        continue;
                    }
                    return fatal(SIGBUS, "bus error: guest access to a file mapping past the end of its file, near pc 0x"
                            + hex(machine.pc()));
                } catch (IllegalInstruction e) {
                    if (syscalls.fault(machine, SIGILL, ILL_ILLOPC, machine.pc())) {
                        continue;
                    }
                    return fatal(SIGILL, "illegal instruction at pc 0x" + hex(machine.pc()) + " ("
                            + describe(machine.pc()) + "): " + e.getMessage());
                }
            }
        } catch (GuestExit e) {
            terminatingSignal = e.signal();
            if (e.getMessage() != null) {
                System.out.flush();
                System.err.println("dbt: " + e.getMessage());
            }
            return e.status();
        } catch (SemanticsError e) {
            System.out.flush();
            System.err.println("dbt: error in the ISA description, at guest pc 0x" + hex(machine.pc()) + ": " + e.getMessage());
            return 70;
        }
    }

    /** Whether e is the JVM's report of a host SIGBUS in a memory access (a mapped file's missing page). */
    static boolean busError(InternalError e) {
        return e.getMessage() != null && e.getMessage().contains("fault occurred in an unsafe memory access");
    }

    /** What step() returns while the guest goes on (exit statuses are 0..255). */
    private static final int GOING_ON = -1;

    /** Runs the engine to its next exit and handles it: {@link #GOING_ON}, or the status the guest stopped with. */
    private int step() {
        switch (engine.run()) {
            case SYSCALL -> {
                syscalls.call(machine);
                invalidateIfFlushed();
                syscalls.deliverSignals(machine);
            }
            case FENCE_I -> engine.invalidate();
            case BREAKPOINT -> {
                if (!syscalls.fault(machine, SIGTRAP, TRAP_BRKPT, machine.pc())) {
                    return fatal(SIGTRAP, "breakpoint (trace/breakpoint trap) at pc 0x" + hex(machine.pc()));
                }
            }
            case ILLEGAL -> {
                if (!syscalls.fault(machine, SIGILL, ILL_ILLOPC, machine.pc())) {
                    return fatal(SIGILL, "unsupported instruction at 0x" + hex(machine.pc()) + ": "
                            + bits(engine.illegalWord(), engine.illegalLength()));
                }
            }
            case CONTINUE -> { // an interrupt: a signal, or riscv_flush_icache, from elsewhere
                invalidateIfFlushed();
                syscalls.deliverSignals(machine);
            }
        }
        return GOING_ON;
    }

    private void invalidateIfFlushed() {
        long generation = syscalls.threads().codeGeneration();
        if (generation != codeGeneration) { // riscv_flush_icache, by this thread or another
            codeGeneration = generation;
            engine.invalidate();
        }
    }

    /** The signal that ended the guest, once run() has returned; 0 if it exited. */
    int terminatingSignal() {
        return terminatingSignal;
    }

    private int fatal(int signal, String message) {
        terminatingSignal = signal;
        System.out.flush();
        System.err.println("dbt: " + message);
        return 128 + signal;
    }

    /** The disassembly of the instruction at pc, for fault messages. */
    private String describe(long pc) {
        try {
            var block = new BlockDecoder(decoder, 1).decode(machine::fetch16, pc);
            if (block.instructions().isEmpty()) {
                return "undecodable";
            }
            var d = block.instructions().getFirst();
            return new Disassembler(decoder.model()).print(d.instruction(), d.word(), pc);
        } catch (GuestFault e) {
            return "not readable";
        }
    }

    private static String bits(long word, int length) {
        String hex = Long.toHexString(word);
        return "0x" + "0".repeat(Math.max(0, length / 4 - hex.length())) + hex + " (" + length + " bits)";
    }

    private static String hex(long v) {
        return Long.toHexString(v);
    }
}
