package dbt.runtime;

import dbt.frontend.ElfImage;
import dbt.frontend.ElfLoader;
import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.frontend.ImageLoader;
import dbt.frontend.LoadException;
import dbt.isa.asm.AssemblyErrors;
import dbt.isa.check.IsaException;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.model.Csr;
import dbt.runtime.translate.GuestRoutines;
import dbt.runtime.translate.PerfMap;
import dbt.runtime.translate.SavedTranslations;
import dbt.runtime.translate.SavedTranslationsKey;
import dbt.runtime.translate.TranslatingEngine;
import dbt.runtime.linux.GuestPaths;
import dbt.runtime.linux.LinuxSyscalls;
import dbt.runtime.linux.Riscv64LinuxAbi;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code dbt} command line. Every mistake a user can make (a bad option, a missing or malformed program)
 * ends with one line on stderr and a non-zero status, never a stack trace.
 */
public final class Main {
    static final String USAGE = """
            usage: dbt [OPTIONS] PROGRAM [ARGS...]     (or: dbt run [OPTIONS] PROGRAM [ARGS...])
              run a RISC-V (RV64GC) Linux executable, static or dynamically linked, translated to x86-64, as
              qemu-riscv64 runs it; its exit status becomes dbt's. Options after PROGRAM are the guest's.
              -L DIR            the guest's sysroot: its interpreter, libraries and absolute paths are looked up
                                under DIR first (e.g. /usr/riscv64-linux-gnu); QEMU_LD_PREFIX
              -E VAR=VALUE      set VAR in the guest's environment; QEMU_SET_ENV (a comma-separated list)
              -U VAR            remove VAR from the guest's environment; QEMU_UNSET_ENV
              -0 ARGV0          the guest's argv[0] (default: PROGRAM); QEMU_ARGV0
              -D FILE           write -d and -strace output to FILE; QEMU_LOG_FILENAME
              -cpu MODEL        rv64, max or any (all the same: RV64GC); -version; -h
              --interp          run on the reference interpreter (Truffle, from the ISA description) instead
              --isa FILE        the guest ISA is the description FILE (e.g. isa/seed64/seed64.isa) and PROGRAM
                                is assembly source for it (.s), assembled and run; its abi block gives the system calls
              -strace, --strace print every system call with its arguments and result; QEMU_STRACE
              -perfmap          write /tmp/perf-PID.map, naming the translated code for perf report
              --stats           print translation and exit statistics when the guest ends
              -d LIST           print per block: in_asm (guest code), ir, ir_opt (after passes), out_asm (host code)
              --no-PASS         switch an IR pass off: regmap, fold, copyprop, peephole, offsets, cse, sext, nansel,
                                advance, dce, flagguard, fuse, sink
              --no-chain        never link blocks: every block exit returns to the dispatcher
              --no-jcc          conditional exits as jcc over jmp (two jumps)
              --no-fast-lookup  find translated code by linear search, and no inline lookup for indirect jumps
              --no-loops        a block that branches to itself does not keep guest registers in host registers
              --no-licm         a block that branches to itself computes every value on every iteration (by default
                                what depends only on constants and registers it never writes is computed once)
              --no-regions      a loop of several blocks is not compiled as one region (each block on its own)
              --no-inline-calls  a region does not hold the small leaf functions its loop calls (by default a call
                                whose callee is known, or an indirect call that always went to one target, is inlined)
              --no-host-routines  the C library's strlen, strcmp, strncmp, memcmp, strchr, memchr, memcpy, memmove
                                and memset run as the guest's code (by default, found by name in the program's and
                                its libraries' symbols, they run as host code: the same results, 16-64 bytes a step)
              --no-ras          no return-address stack: a return is an indirect jump like any other (calls push
                                their return address and where to continue; a return to the top's address goes there)
              --no-if-convert   a short forward branch over a few plain instructions ends the block, as any branch
                                does (by default they run under its condition, as conditional moves)
              --no-predict      indirect jumps do not first try the target they went to last (fastBT's prediction)
              --no-saved-translations  neither use nor save translations on disk (by default a run installs the
                                code an earlier run of the same program translated, where the guest code is byte for
                                byte the same, and saves what it translated itself when it ends; in $DBT_CACHE_DIR,
                                else $XDG_CACHE_HOME/dbt or ~/.cache/dbt)
              --no-signal-checks  translated code does not test for signals from outside at block entries and loop
                                iterations (they then wait for the thread's next system call)
              --pin N,N,...     keep these integer registers (numbers in the ISA's first register file, at most six)
                                in fixed host registers across all translated code (default: from the ISA's abi
                                block, the stack pointer, the result and the last arguments: on RISC-V
                                2,10,15,14,13, sp, a0, a5, a4, a3); --no-pin: none
              --no-host-features  translated code uses only x86-64's baseline (SSE2), not the CPU's FMA3, BMI2, SSE4.1,
                                ERMS and AVX2
              --no-host-faults  check every guest memory access in software against the page table, instead of
                                letting the host MMU and dbt's fault handler stop what the guest may not do
              --translate-after N  a block runs N times on the IR interpreter before it is translated (default
                                16: most start-up code runs a few times at most, and interpreting it costs less than
                                translating it); 0 translates every block before its first run (the default with -d,
                                so that every block's translation is shown)
                   dbt bench [--quick] [--only NAME,...] [--runs N] [--out DIR]   time bench/programs (see dbt bench --help)
            """;

    private static final String LADDER_USAGE = """
                   dbt ladder [--quick]
              seed 000's optimisation ladder: the seed's loop on RISC-V and on seed64 at each stage, against native
            """;

    /** RISC-V's fcsr, which a signal frame saves. */
    private static final int FCSR = 3;

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
            status = e.status();
        } catch (IsaException | AssemblyErrors e) {
            System.err.println(e.getMessage()); // one file:line:col: message per mistake
            status = 1;
        }
        exit(status);
    }

    /**
     * Ends the JVM with status once System.out and System.err are flushed, by halting it: dbt registers no shutdown
     * hook and keeps no other buffered output, and System.exit would first look up a System.Logger to log the exit (a
     * ServiceLoader search that opens every jar on the class path: 12-16 ms of the bundled hello's 150 on a 2-core
     * Zen 4). The JVM still writes its AOT cache when training one.
     */
    public static void exit(int status) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    static int run(List<String> args) throws UsageError, LoadException, IsaException, AssemblyErrors {
        if (args.isEmpty() || args.getFirst().equals("--help") || args.getFirst().equals("-h")) {
            System.out.print(USAGE + dbt.runtime.check.CheckOptions.USAGE + LADDER_USAGE + BinfmtCommand.USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        return switch (args.getFirst()) {
            case "run" -> run(args.subList(1, args.size()), List.of("run"));
            case "bench" -> dbt.runtime.bench.BenchCommand.run(args.subList(1, args.size()));
            case "check" -> check(args.subList(1, args.size()));
            case "ladder" -> dbt.runtime.bench.LadderCommand.run(args.subList(1, args.size()));
            case "binfmt" -> BinfmtCommand.run(args.subList(1, args.size()));
            default -> run(args, List.of()); // qemu's command line: dbt [OPTIONS] PROGRAM [ARGS...]
        };
    }

    /** Runs a guest: args are the options, the program and its arguments; command is what came before them. */
    private static int run(List<String> args, List<String> command)
            throws UsageError, LoadException, IsaException, AssemblyErrors {
        RunOptions options;
        try {
            options = RunOptions.parse(args);
        } catch (RunOptions.Info info) {
            System.out.println(info.getMessage().stripTrailing());
            return 0;
        }
        if (options.perfMap()) {
            String error = PerfMap.enable();
            if (error != null) {
                throw new UsageError(error);
            }
        }
        // A guest's execve of a RISC-V program runs dbt again, on this JVM's java with these options.
        List<String> runOptions = new ArrayList<>(command);
        runOptions.addAll(args.subList(0, args.size() - 1 - options.arguments().size()));
        int fork = runOptions.indexOf("--fork-child");
        if (fork >= 0) {
            runOptions.subList(fork, fork + 2).clear();
        }
        dbt.runtime.linux.GuestProcesses.setRelaunch(() -> {
            List<String> relaunch = new ArrayList<>();
            ProcessHandle.current().info().command().ifPresent(relaunch::add);
            relaunch.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
            relaunch.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
            relaunch.addAll(runOptions);
            return relaunch;
        });
        return runGuest(options);
    }

    private static int check(List<String> args) throws UsageError, IsaException {
        StringBuilder error = new StringBuilder();
        dbt.runtime.check.CheckOptions o = dbt.runtime.check.CheckOptions.parse(args, error);
        if (o == null) {
            throw new UsageError(error.toString());
        }
        return new dbt.runtime.check.CheckCommand(IsaArgument.load(o.isa()), System.out, System.console() != null)
                .run(o.cases(), o.seed(), o.maxLength(), o.injectedFault());
    }

    private static int runGuest(RunOptions options) throws UsageError, LoadException, IsaException, AssemblyErrors {
        long start = System.nanoTime();
        // With --isa, the description is read now and the program is its assembly source; else a RISC-V ELF.
        InstructionDecoder isa = IsaArgument.load(options.isa());
        Path program = Path.of(options.program());
        GuestMemory memory = new GuestMemory();
        boolean forked = options.forkChild() >= 0;
        ElfLoader loader = new ElfLoader(Riscv64LinuxAbi.EM_RISCV, Riscv64LinuxAbi.MACHINE);
        ElfImage image = forked ? null : options.isa() == null ? loader.load(program, memory)
                : ImageLoader.assemble(isa.model(), program, memory);
        GuestPaths paths = GuestPaths.under(options.sysroot());
        ElfImage interpreter = image == null || image.interpreter() == null ? null
                : loader.loadInterpreter(Path.of(paths.resolve(image.interpreter())), options.program(), memory);
        int[] files = isa.model().registerFiles().stream().mapToInt(f -> f.count()).toArray();
        GuestState state = new GuestState(files, isa.model().csrSlots());
        GuestMachine machine = new GuestMachine(state, memory);
        PrintStream log = log(options.logFile());
        LinuxSyscalls syscalls = new LinuxSyscalls(memory, isa.model().abi(), program, options.strace() ? log : null);
        syscalls.setPaths(paths);
        List<String> argv = new ArrayList<>();
        argv.add(options.argv0() != null ? options.argv0() : options.program());
        argv.addAll(options.arguments());
        List<String> envp = options.guestEnvironment(System.getenv());
        syscalls.setArgv(argv);
        if (image != null && options.isa() == null) {
            syscalls.recordProgram(image);
        }
        for (ElfImage loaded : new ElfImage[] {image, interpreter}) {
            if (loaded != null && options.isa() == null) {
                syscalls.nameImage(loaded);
            }
        }
        if (options.isa() == null) { // a RISC-V program: handlers get Linux's riscv64 signal frame
            Csr fcsr = isa.model().csrByNumber(FCSR);
            int fFile = isa.model().registerFiles().stream().filter(f -> f.name().equals("F")).mapToInt(f -> f.index())
                    .findFirst().orElse(-1);
            syscalls.enableSignalFrames(fFile, fcsr == null ? -1 : fcsr.slot());
        }
        if (forked) { // the guest goes on from its parent's fork, in a copy of its memory
            syscalls.restoreFork(options.forkChild(), state);
        } else {
            long sp = syscalls.initialStack().interpreterBase(interpreter == null ? 0 : interpreter.loadBias())
                    .build(image, argv, envp, options.program());
            syscalls.setStackPointer(machine, sp); // the stack register of the description's abi
            syscalls.recordAuxv(sp);
            state.setPc(interpreter == null ? image.entry() : interpreter.entry());
        }
        checkPinned(isa, options);
        GuestRoutines routines = routines(options, program, image, memory, syscalls);
        // Translations saved by earlier runs of an ELF program; a fork's child appends its own, as any run does.
        SavedTranslations saved = options.interpret() || !options.savedTranslations() || options.isa() != null ? null
                : SavedTranslationsKey.open(program, options.sysroot(), options.translation());
        Engine engine = engine(isa, machine, options, log, saved, routines);
        // Every guest thread gets an engine of its own: see GuestThreads.
        syscalls.threads().setRunner((m, calls) -> {
            Dispatcher d = new Dispatcher(isa, m, calls, engine(isa, m, options, log, saved, routines));
            int status = d.run();
            return d.terminatingSignal() != 0 ? -d.terminatingSignal() : status;
        });
        syscalls.attach(state, -1);
        long running = System.nanoTime();
        Dispatcher dispatcher = new Dispatcher(isa, machine, syscalls, engine);
        int status = dispatcher.run();
        if (syscalls.exitedAlone()) {
            syscalls.threads().awaitOthers(syscalls.tid()); // the process goes on while other threads run
        }
        if (saved != null) {
            saved.save();
        }
        if (options.stats()) {
            System.out.flush();
            engine.printStats(System.err);
            if (routines != null) {
                System.err.printf("dbt: host routines: %d entries of C library functions found by name%n",
                        routines.found());
            }
            System.err.printf("dbt: start-up %.0f ms, run %.3f s%n", (running - start) / 1e6, (System.nanoTime() - running) / 1e9);
        }
        if (dispatcher.terminatingSignal() != 0) {
            LinuxSyscalls.endBySignal(dispatcher.terminatingSignal()); // as the guest died, so does dbt
        }
        return status;
    }

    /**
     * Where a RISC-V program's C library functions are, for translated code to run them as host routines (see
     * GuestRoutines): the program's own, and the files it maps executable, which syscalls tells them of (a fork's
     * child: those its parent mapped); or null.
     */
    private static GuestRoutines routines(RunOptions options, Path program, ElfImage image, GuestMemory memory,
                                          LinuxSyscalls syscalls) {
        if (options.isa() != null || !options.translation().hostRoutines() || options.interpret()) {
            return null;
        }
        GuestRoutines routines = new GuestRoutines(Riscv64LinuxAbi.CALLS, memory::holdsCode);
        if (image != null) {
            routines.addProgram(program, image.loadBias());
        }
        syscalls.tellRoutines(routines);
        return routines;
    }

    /** Where -d and -strace write: stderr, or the file of -D. */
    private static PrintStream log(Path file) throws UsageError {
        if (file == null) {
            return System.err;
        }
        try {
            return new PrintStream(new java.io.FileOutputStream(file.toFile()), true);
        } catch (java.io.IOException e) {
            throw new UsageError("-D " + file + ": cannot write it (" + e.getMessage() + ")");
        }
    }

    /** --pin names registers that can be pinned (see PinnedChoice). */
    private static void checkPinned(InstructionDecoder isa, RunOptions options) throws UsageError {
        java.util.List<Integer> pinned = options.translation().backend().pinned();
        for (int r : pinned == null ? java.util.List.<Integer>of() : pinned) {
            String why = dbt.runtime.translate.PinnedChoice.whyNot(isa.model(), r);
            if (why != null) {
                throw new UsageError("--pin " + r + ": " + why);
            }
        }
    }

    private static Engine engine(InstructionDecoder isa, GuestMachine machine, RunOptions options, PrintStream log,
                                 SavedTranslations saved, GuestRoutines routines) {
        return options.interpret() ? new InterpretingEngine(isa, machine)
                : new TranslatingEngine(isa, machine, options.translation(), log, saved, routines);
    }
}
