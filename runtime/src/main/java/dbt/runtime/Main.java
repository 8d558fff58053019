package dbt.runtime;

import dbt.frontend.ElfImage;
import dbt.frontend.ElfLoader;
import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.frontend.LoadException;
import dbt.frontend.ShippedIsa;
import dbt.isa.decode.InstructionDecoder;
import dbt.runtime.linux.LinuxSyscalls;
import dbt.runtime.linux.Riscv64LinuxAbi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code dbt} command line. Every mistake a user can make (a bad option, a missing or malformed program)
 * ends with one line on stderr and a non-zero status, never a stack trace.
 */
public final class Main {
    private static final String USAGE = """
            usage: dbt run [--interp] [--strace] [--stats] PROGRAM [ARGS...]
              run a static RISC-V (RV64) Linux executable; its exit status becomes dbt's
              --interp   run on the reference interpreter (Truffle, from the ISA description)
              --strace   print every system call with its arguments and result, like qemu -strace
              --stats    print blocks, guest instructions and speed when the guest ends
            """;

    private Main() {}

    public static void main(String[] args) {
        int status;
        try {
            status = run(Arrays.asList(args));
        } catch (UsageError e) {
            System.err.println("dbt: " + e.getMessage());
            status = 2;
        } catch (LoadException e) {
            System.err.println("dbt: " + e.getMessage());
            status = 1;
        }
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    static int run(List<String> args) throws UsageError, LoadException {
        if (args.isEmpty() || args.getFirst().equals("--help") || args.getFirst().equals("-h")) {
            System.out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        return switch (args.getFirst()) {
            case "run" -> runGuest(RunOptions.parse(args.subList(1, args.size())));
            default -> throw new UsageError("unknown command '" + args.getFirst() + "' (see dbt --help)");
        };
    }

    private static int runGuest(RunOptions options) throws UsageError, LoadException {
        if (!options.interpret()) {
            throw new UsageError("translation to x86-64 is not built yet: run with --interp (the reference interpreter)");
        }
        long start = System.nanoTime();
        InstructionDecoder isa = ShippedIsa.riscv64();
        Path program = Path.of(options.program());
        GuestMemory memory = new GuestMemory();
        ElfImage image = new ElfLoader(Riscv64LinuxAbi.EM_RISCV, Riscv64LinuxAbi.MACHINE).load(program, memory);
        int[] files = isa.model().registerFiles().stream().mapToInt(f -> f.count()).toArray();
        GuestState state = new GuestState(files, isa.model().csrSlots());
        GuestMachine machine = new GuestMachine(state, memory);
        LinuxSyscalls syscalls = new LinuxSyscalls(memory, program, options.strace() ? System.err : null);
        List<String> argv = new ArrayList<>();
        argv.add(options.program());
        argv.addAll(options.arguments());
        List<String> envp = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            envp.add(e.getKey() + "=" + e.getValue());
        }
        long sp = syscalls.initialStack().build(image, argv, envp, options.program());
        state.setRegister(Riscv64LinuxAbi.GPR, Riscv64LinuxAbi.SP, sp);
        state.setPc(image.entry());
        Dispatcher dispatcher = new Dispatcher(isa, machine, syscalls);
        long running = System.nanoTime();
        int status = dispatcher.run();
        if (options.stats()) {
            long end = System.nanoTime();
            double seconds = (end - running) / 1e9;
            System.out.flush();
            System.err.printf("dbt: %,d guest instructions in %,d blocks, %.3f s (%.1f M instructions/s); start-up %.0f ms%n",
                    dispatcher.retired(), dispatcher.blocks(), seconds, dispatcher.retired() / seconds / 1e6,
                    (running - start) / 1e6);
        }
        return status;
    }
}
