package dbt.runtime;

import dbt.frontend.ElfImage;
import dbt.frontend.ElfLoader;
import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.frontend.LoadException;
import dbt.frontend.ShippedIsa;
import dbt.isa.decode.InstructionDecoder;
import dbt.runtime.translate.TranslatingEngine;
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
            usage: dbt run [OPTIONS] PROGRAM [ARGS...]
              run a static RISC-V (RV64) Linux executable, translated to x86-64; its exit status becomes dbt's
              --interp          run on the reference interpreter (Truffle, from the ISA description) instead
              --strace          print every system call with its arguments and result, like qemu -strace
              --stats           print translation and exit statistics when the guest ends
              -d LIST           print per block: in_asm (guest code), ir, ir_opt (after passes), out_asm (host code)
              --no-PASS         switch an IR pass off: regmap, fold, copyprop, peephole, dce, fuse
              --no-chain        never link blocks: every block exit returns to the dispatcher
              --no-jcc          conditional exits as jcc over jmp (two jumps)
              --no-fast-lookup  find translated code by linear search, and no inline lookup for indirect jumps
              --no-loops        a block that branches to itself does not keep guest registers in host registers
                   dbt bench [--quick] [--only NAME,...] [--runs N] [--out DIR]   time bench/programs (see dbt bench --help)
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
            case "bench" -> dbt.runtime.bench.BenchCommand.run(args.subList(1, args.size()));
            default -> throw new UsageError("unknown command '" + args.getFirst() + "' (see dbt --help)");
        };
    }

    private static int runGuest(RunOptions options) throws UsageError, LoadException {
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
        Engine engine = options.interpret() ? new InterpretingEngine(isa, machine)
                : new TranslatingEngine(isa, machine, options.translation(), System.err);
        long running = System.nanoTime();
        int status = new Dispatcher(isa, machine, syscalls, engine).run();
        if (options.stats()) {
            System.out.flush();
            engine.printStats(System.err);
            System.err.printf("dbt: start-up %.0f ms, run %.3f s%n", (running - start) / 1e6, (System.nanoTime() - running) / 1e9);
        }
        return status;
    }
}
