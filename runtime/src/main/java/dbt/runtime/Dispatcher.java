package dbt.runtime;

import dbt.frontend.GuestMachine;
import dbt.isa.asm.Disassembler;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.exec.GuestFault;
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
    static final int SIGILL = 4;
    static final int SIGTRAP = 5;
    static final int SIGSEGV = 11;

    private final InstructionDecoder decoder;
    private final GuestMachine machine;
    private final LinuxSyscalls syscalls;
    private final Engine engine;
    private long codeGeneration;

    Dispatcher(InstructionDecoder decoder, GuestMachine machine, LinuxSyscalls syscalls, Engine engine) {
        this.decoder = decoder;
        this.machine = machine;
        this.syscalls = syscalls;
        this.engine = engine;
    }

    /** Runs until the guest exits; returns its exit status. */
    int run() {
        try {
            while (true) {
                switch (engine.run()) {
                    case SYSCALL -> {
                        syscalls.call(machine);
                        long generation = syscalls.threads().codeGeneration();
                        if (generation != codeGeneration) { // riscv_flush_icache, by this thread or another
                            codeGeneration = generation;
                            engine.invalidate();
                        }
                    }
                    case FENCE_I -> engine.invalidate();
                    case BREAKPOINT -> {
                        return fatal(SIGTRAP, "breakpoint (trace/breakpoint trap) at pc 0x" + hex(machine.pc()));
                    }
                    case ILLEGAL -> {
                        return fatal(SIGILL, "unsupported instruction at 0x" + hex(machine.pc()) + ": "
                                + bits(engine.illegalWord(), engine.illegalLength()));
                    }
                    case CONTINUE -> { }
                }
            }
        } catch (GuestExit e) {
            if (e.getMessage() != null) {
                System.out.flush();
                System.err.println("dbt: " + e.getMessage());
            }
            return e.status();
        } catch (GuestFault f) {
            String what = f.access() == GuestFault.Access.EXECUTE && f.address() == machine.pc()
                    ? "jumped to 0x" + hex(f.address()) + ", which is not executable code"
                    : f.access().name().toLowerCase() + " of 0x" + hex(f.address()) + " at pc 0x" + hex(machine.pc())
                      + " (" + describe(machine.pc()) + ")";
            return fatal(SIGSEGV, "segmentation fault: guest " + what);
        } catch (IllegalInstruction e) {
            return fatal(SIGILL, "illegal instruction at pc 0x" + hex(machine.pc()) + " (" + describe(machine.pc())
                    + "): " + e.getMessage());
        } catch (SemanticsError e) {
            System.out.flush();
            System.err.println("dbt: error in the ISA description, at guest pc 0x" + hex(machine.pc()) + ": " + e.getMessage());
            return 70;
        }
    }

    private int fatal(int signal, String message) {
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
