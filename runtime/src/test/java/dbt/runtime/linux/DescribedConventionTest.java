package dbt.runtime.linux;

import static dbt.runtime.linux.LinuxSyscallTable.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.isa.check.IsaLoader;
import dbt.isa.decode.DecodeTree;
import dbt.isa.interp.Execution;
import dbt.isa.interp.Interpreter;
import dbt.isa.model.Abi;
import dbt.isa.model.IsaModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest ISA quite unlike RISC-V makes Linux system calls with nothing but its description: the registers come from
 * its {@code abi linux} block (a second register file, the number in G1, four arguments from G8, the result in G0,
 * which is not an argument register, the stack in G14), and a program written in it opens, writes, closes and exits
 * on the reference interpreter. A description without the block ends the guest with one clear line instead.
 */
class DescribedConventionTest {
    /** A toy 64-bit ISA: opcode in the top byte, two register files, a hard-wired zero at the top of G. */
    private static final String TOY = """
            isa toy { word 64; endian little; }

            registers F[4] : bits(64);
            registers G[16] : bits(64) zero 15;
            pc IP : bits(64);

            abi linux {
                number    = G[1];
                arguments = G[8], G[9], G[10], G[11];
                result    = G[0];
                stack     = G[14];
            }

            encoding { length 32 otherwise; }

            field rd  = [23:20] : G;
            field rs  = [19:16] : G;
            field imm = sext([19:0]);

            insn li   "00000001 .... ...................." asm "li {rd}, {imm}" { G[rd] = imm; }
            insn mov  "00000010 .... .... 0000000000000000" asm "mov {rd}, {rs}" { G[rd] = G[rs]; }
            insn trap "11111111 000000000000000000000000" asm "trap" flow syscall { syscall(); }
            """;
    private static final long CODE = 0x10000;
    private static final long DATA = 0x20000;

    @TempDir
    Path dir;

    private final GuestMemory memory = new GuestMemory();
    private final ByteArrayOutputStream trace = new ByteArrayOutputStream();

    @AfterEach
    void close() {
        memory.close();
    }

    private static IsaModel toy(String description) throws Exception {
        return IsaLoader.load("toy.isa", name -> name.equals("toy.isa") ? description : null);
    }

    private static int li(int rd, long imm) {
        return 0x01 << 24 | rd << 20 | (int) (imm & 0xFFFFF);
    }

    private static int mov(int rd, int rs) {
        return 0x02 << 24 | rd << 20 | rs << 16;
    }

    private static final int TRAP = 0xFF << 24;

    /** Runs the program at CODE on the interpreter, system calls going to {@code syscalls}; returns the exit status. */
    private int run(IsaModel model, LinuxSyscalls syscalls, GuestMachine machine, int... program) {
        memory.map(CODE, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE | GuestMemory.EXEC);
        for (int i = 0; i < program.length; i++) {
            memory.store(CODE + 4L * i, 4, program[i]);
        }
        machine.setPc(CODE);
        Interpreter interpreter = new Interpreter(new DecodeTree(model));
        Execution execution = new Execution();
        try {
            for (int steps = 0; steps < 1000; steps++) {
                switch (interpreter.step(machine, execution)) {
                    case SYSCALL -> syscalls.call(machine);
                    case CONTINUE -> { }
                    default -> fail("unexpected exit at 0x" + Long.toHexString(machine.pc()));
                }
            }
        } catch (GuestExit e) {
            return e.status();
        }
        throw new AssertionError("the guest did not exit");
    }

    @Test
    void aToyIsaWritesAFileAndExitsThroughItsDescribedConvention() throws Exception {
        IsaModel model = toy(TOY);
        Abi abi = model.abi();
        assertEquals(new Abi("linux", 1, 1, List.of(8, 9, 10, 11), 0, 14, Abi.NONE), abi);
        int[] sizes = model.registerFiles().stream().mapToInt(f -> f.count()).toArray();
        try (GuestState state = new GuestState(sizes, model.csrSlots())) {
            GuestMachine machine = new GuestMachine(state, memory);
            LinuxSyscalls syscalls = new LinuxSyscalls(memory, abi, Path.of("/tmp/toy-prog"),
                    new PrintStream(trace, true, StandardCharsets.UTF_8));
            syscalls.setStackPointer(machine, 0x7000_0000L);
            assertEquals(0x7000_0000L, machine.register(1, 14), "the stack pointer is G14");

            memory.map(DATA, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE);
            Path file = dir.resolve("out.txt");
            byte[] path = (file + "\0").getBytes(StandardCharsets.UTF_8);
            memory.write(DATA, path, 0, path.length);
            byte[] message = "hello from toy\n".getBytes(StandardCharsets.UTF_8);
            memory.write(DATA + 0x800, message, 0, message.length);

            int status = run(model, syscalls, machine,
                    li(1, SYS_OPENAT), li(8, -100), li(9, DATA), li(10, 01 | 0100 | 01000), li(11, 0644), TRAP,
                    mov(8, 0),                                        // the descriptor, from the result register
                    li(1, SYS_WRITE), li(9, DATA + 0x800), li(10, message.length), TRAP,
                    mov(12, 0),                                       // bytes written
                    li(1, SYS_CLOSE), TRAP,
                    mov(8, 12), li(1, SYS_EXIT_GROUP), TRAP);
            assertEquals(message.length, status, "exit status = what write returned in G0");
            assertEquals("hello from toy\n", Files.readString(file));
            assertEquals(0, machine.register(1, 0), "close returned 0 in G0");
            assertEquals(0, machine.register(0, 0), "register file F is untouched");
            String[] lines = trace.toString(StandardCharsets.UTF_8).split("\n");
            assertTrue(lines[0].contains(" openat(AT_FDCWD,\"" + file + "\",O_WRONLY|O_CREAT|O_TRUNC,0644) = 3"),
                    lines[0]);
            assertTrue(lines[1].endsWith(" write(3,0x" + Long.toHexString(DATA + 0x800) + "," + message.length + ") = "
                    + message.length), lines[1]);
            assertTrue(lines[3].endsWith(" exit_group(15)"), lines[3]);
        }
    }

    @Test
    void argumentsTheConventionDoesNotPassAreZero() throws Exception {
        IsaModel model = toy(TOY);
        int[] sizes = model.registerFiles().stream().mapToInt(f -> f.count()).toArray();
        try (GuestState state = new GuestState(sizes, model.csrSlots())) {
            GuestMachine machine = new GuestMachine(state, memory);
            LinuxSyscalls syscalls = new LinuxSyscalls(memory, model.abi(), Path.of("/tmp/toy-prog"),
                    new PrintStream(trace, true, StandardCharsets.UTF_8));
            // mmap takes six arguments; with four registers the fd (-1 wanted) and offset arrive as 0: an anonymous
            // mapping ignores the fd, so the call still succeeds
            machine.setRegister(1, 1, SYS_MMAP);
            machine.setRegister(1, 8, 0);
            machine.setRegister(1, 9, 4096);
            machine.setRegister(1, 10, GuestMemory.READ | GuestMemory.WRITE);
            machine.setRegister(1, 11, 0x22);
            syscalls.call(machine);
            assertEquals(GuestMemory.MMAP_TOP - 4096, machine.register(1, 0));
            assertTrue(trace.toString(StandardCharsets.UTF_8).contains("mmap(NULL,4096,PROT_READ|PROT_WRITE,"
                    + "MAP_PRIVATE|MAP_ANONYMOUS,0,0)"), trace.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void withoutAConventionASystemCallEndsTheGuestWithOneLine() throws Exception {
        IsaModel model = toy(TOY.replaceAll("(?s)abi linux \\{.*?\\}", ""));
        assertEquals(null, model.abi());
        int[] sizes = model.registerFiles().stream().mapToInt(f -> f.count()).toArray();
        try (GuestState state = new GuestState(sizes, model.csrSlots())) {
            GuestMachine machine = new GuestMachine(state, memory);
            LinuxSyscalls syscalls = new LinuxSyscalls(memory, null, Path.of("/tmp/toy-prog"), null);
            syscalls.setStackPointer(machine, 0x7000_0000L); // nowhere to put it: ignored
            int status = run(model, syscalls, machine, li(1, SYS_EXIT_GROUP), TRAP);
            assertEquals(LinuxSyscalls.NO_CONVENTION_STATUS, status);
            GuestExit exit = assertThrows(GuestExit.class, () -> syscalls.call(machine));
            assertEquals("the guest made a system call, but the ISA description declares no system-call convention"
                    + " (an 'abi linux { ... }' block)", exit.getMessage());
            assertTrue(!exit.getMessage().contains("\n"), "one line");
        }
    }
}
