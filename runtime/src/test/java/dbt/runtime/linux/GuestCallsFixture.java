package dbt.runtime.linux;

import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.frontend.ShippedIsa;
import dbt.isa.model.Abi;
import org.junit.jupiter.api.AfterEach;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static dbt.frontend.GuestMemory.READ;
import static dbt.frontend.GuestMemory.WRITE;

/**
 * What the tests of the system-call layer share: a guest (memory with a read/write area at {@link #BUF}, a state
 * and a machine) whose {@link LinuxSyscalls} follow RISC-V's convention as the shipped description declares it (a7;
 * a0..a5; a0), attached to the state as Main attaches it; the warnings it gives (and the trace, where asked for)
 * are kept. Memory and state are closed after each test.
 */
abstract class GuestCallsFixture {
    static final Abi RISCV = ShippedIsa.riscv64().model().abi();
    /** A read/write scratch area of guest memory for strings and buffers (16 pages). */
    static final long BUF = 0x100000;

    final GuestMemory memory = new GuestMemory();
    final GuestState state = new GuestState(new int[] {32, 32}, 4);
    final GuestMachine machine = new GuestMachine(state, memory);
    final ByteArrayOutputStream trace = new ByteArrayOutputStream();
    final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    final LinuxSyscalls syscalls;

    /** traced: whether every call is traced into {@link #trace}. */
    GuestCallsFixture(boolean traced) {
        syscalls = new LinuxSyscalls(memory, RISCV, Path.of("/tmp/guest-prog"),
                traced ? new PrintStream(trace, true, StandardCharsets.UTF_8) : null,
                new PrintStream(warnings, true, StandardCharsets.UTF_8));
        memory.map(BUF, 16 * GuestMemory.PAGE_SIZE, READ | WRITE);
        syscalls.attach(state, -1); // as Main does: signals for this thread reach it
    }

    @AfterEach
    void close() {
        memory.close();
        state.close();
    }

    /**
     * Makes system call {@code number} as an ecall would: the arguments in the convention's argument registers, the
     * registers it has no argument for holding {@code absent}.
     */
    void call(int number, long absent, long... arguments) {
        machine.setRegister(RISCV.file(), RISCV.number(), number);
        for (int i = 0; i < RISCV.argumentCount(); i++) {
            machine.setRegister(RISCV.file(), RISCV.argument(i), i < arguments.length ? arguments[i] : absent);
        }
        syscalls.call(machine);
    }

    /** What the result register holds. */
    long result() {
        return machine.register(RISCV.file(), RISCV.result());
    }
}
