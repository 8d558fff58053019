package dbt.runtime.linux;

import dbt.frontend.GuestMemory;
import dbt.frontend.HostProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dbt.runtime.linux.Errno.*;

/**
 * Programs the guest starts and the children it waits for.
 *
 * <p>{@code execve} of a RISC-V ELF runs it under dbt again, with the options this run has (the host process is
 * replaced by a new JVM: the same pid, the guest's descriptors at their numbers); of anything else (a host program,
 * a script), it runs that on the host, as the kernel would under qemu. A {@code vfork}-style clone (CLONE_VM |
 * CLONE_VFORK: {@code posix_spawn}, {@code system}, {@code popen}) runs the child as a guest thread of its own, with
 * a copy of the descriptors and signal actions, while the parent waits; the child's {@code execve} starts the
 * program as a host child process, whose pid the parent's clone returns. A child that ends without {@code execve}
 * (posix_spawn's child when the program cannot be run) is remembered with its status under a pid of dbt's above the
 * kernel's range, for {@code wait4}. Host children are waited for with the host's own {@code wait4}/{@code waitid}.
 *
 * <p>Not yet: {@code fork} without CLONE_VM (a child that keeps running guest code in a copy of the memory).
 */
public final class GuestProcesses {
    /** Above Linux's largest pid (pid_max is at most 2^22): pids of vfork children that ended without execve. */
    private static final long FIRST_VIRTUAL_PID = (1L << 22) + 1;
    private static final int EM_RISCV = 243;
    private static final int ARG_MAX = 1 << 20;

    /**
     * How to start dbt again for an execve: java, its flags, the class path, the main class, "run", options (asked
     * for only then: finding the JVM's flags costs start-up time).
     */
    private static volatile java.util.function.Supplier<List<String>> relaunch = List::of;

    private final GuestMemory memory;
    private final Map<Long, Integer> endedWithoutExec = new HashMap<>();
    private long nextVirtualPid = FIRST_VIRTUAL_PID;

    GuestProcesses(GuestMemory memory) {
        this.memory = memory;
    }

    /** The command that runs dbt with this run's options, up to the program (set by the command line). */
    public static void setRelaunch(java.util.function.Supplier<List<String>> command) {
        relaunch = command;
    }

    synchronized long newVirtualPid() {
        return nextVirtualPid++;
    }

    /** A vfork child ended without execve: its wait status, for the parent's wait4. */
    synchronized void endedWithoutExec(long pid, int waitStatus) {
        endedWithoutExec.put(pid, waitStatus);
    }

    /**
     * execve(path, argv, envp). In a vfork child (spawn true) the program starts as a host child and its pid is
     * returned; otherwise this process becomes it and the call returns only with -errno.
     */
    long execve(CallingThread thread, long pathAddress, long argvAddress, long envpAddress, boolean spawn) {
        String path = thread.paths().resolve(memory.readCString(pathAddress, 4096));
        List<byte[]> argv = strings(argvAddress);
        List<byte[]> envp = strings(envpAddress);
        Path file = Path.of(path);
        if (!Files.exists(file)) {
            return -ENOENT;
        }
        if (Files.isDirectory(file) || !Files.isExecutable(file)) {
            return -EACCES;
        }
        byte[] program = path.getBytes(StandardCharsets.UTF_8);
        if (isRiscvElf(file)) { // dbt again, on the host's java
            List<byte[]> command = new ArrayList<>();
            for (String s : relaunch.get()) {
                command.add(s.getBytes(StandardCharsets.UTF_8));
            }
            if (command.isEmpty()) {
                return thread.refuse("execve of a RISC-V program from this kind of run", ENOEXEC);
            }
            command.add(program);
            command.addAll(argv.isEmpty() ? List.of() : argv.subList(1, argv.size()));
            program = command.getFirst();
            argv = command;
        }
        int[] layout = thread.descriptorLayout();
        long mask = thread.signalMask();
        long ignored = thread.ignoredSignals();
        System.out.flush();
        System.err.flush();
        return spawn ? HostProcess.spawn(program, argv, envp, layout, mask, ignored)
                : HostProcess.exec(program, argv, envp, layout, mask, ignored);
    }

    /**
     * fork: a new dbt, a host child of this one, gets the calling thread's snapshot (see {@link ForkSnapshot})
     * through a pipe and goes on from the clone; returns its pid.
     */
    long fork(CallingThread thread, dbt.frontend.GuestMachine machine, long setTid, long clearTid, byte[] executable,
              long[] pipe, ForkSnapshot.Names names) {
        java.util.BitSet cloexec = new java.util.BitSet();
        int[] guestFds = thread.forkLayout(cloexec);
        List<MappingNames.Named> named = names.mappings().all();
        int[] backings = ForkSnapshot.backings(named);
        int[] layout = java.util.Arrays.copyOf(guestFds, guestFds.length + 1 + backings.length);
        layout[guestFds.length] = (int) pipe[0]; // the snapshot's way in, after the guest's descriptors
        System.arraycopy(backings, 0, layout, guestFds.length + 1, backings.length); // then the shared memory
        List<byte[]> command = new ArrayList<>();
        for (String s : relaunch.get()) {
            command.add(s.getBytes(StandardCharsets.UTF_8));
        }
        if (command.isEmpty()) {
            return thread.refuse("fork from this kind of run", ENOSYS);
        }
        command.add("--fork-child".getBytes(StandardCharsets.UTF_8));
        command.add(String.valueOf(guestFds.length).getBytes(StandardCharsets.UTF_8));
        command.add(executable);
        List<byte[]> environment = new ArrayList<>();
        System.getenv().forEach((k, v) -> environment.add((k + "=" + v).getBytes(StandardCharsets.UTF_8)));
        System.out.flush();
        System.err.flush();
        long pid = HostProcess.spawn(command.getFirst(), command, environment, layout, thread.signalMask(),
                thread.ignoredSignals());
        thread.closeHost(pipe[0]);
        if (pid > 0) {
            List<Long> open = new ArrayList<>();
            for (int g = 0; g < guestFds.length; g++) {
                if (guestFds[g] >= 0) {
                    open.add(g | (cloexec.get(g) ? 1L << 32 : 0));
                }
            }
            try {
                ForkSnapshot.write((int) pipe[1], machine.state(), memory, thread.signals(), thread.signalActions(),
                        setTid, clearTid, open.stream().mapToLong(Long::longValue).toArray(), named,
                        names.proc().facts());
            } catch (IllegalStateException e) {
                thread.closeHost(pipe[1]);
                return -EAGAIN; // the child died before it had its snapshot
            }
        }
        thread.closeHost(pipe[1]);
        return pid;
    }

    private static boolean isRiscvElf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] h = in.readNBytes(20);
            return h.length == 20 && h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F'
                    && ((h[18] & 0xff) | (h[19] & 0xff) << 8) == EM_RISCV;
        } catch (IOException e) {
            return false;
        }
    }

    /** A NULL-terminated array of C strings in guest memory (argv, envp); EFAULT or E2BIG as the kernel gives. */
    private List<byte[]> strings(long address) {
        List<byte[]> out = new ArrayList<>();
        if (address == 0) {
            return out;
        }
        long total = 0;
        for (long p = address; ; p += 8) {
            long s = memory.load(p, 8);
            if (s == 0) {
                return out;
            }
            int length = memory.cStringLength(s, ARG_MAX);
            total += length + 1;
            if (length < 0 || total > ARG_MAX) {
                throw new Errno(E2BIG);
            }
            byte[] bytes = new byte[length];
            memory.read(s, bytes, 0, length);
            out.add(bytes);
        }
    }

    /**
     * wait4(pid, status, options, rusage): a vfork child that ended without execve first, else the host's. The
     * status word and struct rusage have the same layout on both sides.
     */
    long wait4(CallingThread thread, long pid, long status, long options, long rusage) {
        Integer ended = null;
        long which = pid;
        synchronized (this) {
            if (pid == -1 && !endedWithoutExec.isEmpty()) {
                which = endedWithoutExec.keySet().iterator().next();
            }
            if (which > 0) {
                ended = endedWithoutExec.remove(which);
            }
        }
        if (ended != null) {
            if (status != 0) {
                memory.store(status, 4, ended);
            }
            return which;
        }
        return thread.host().call(HostSyscalls.WAIT4, pid, status == 0 ? 0 : thread.out(status, 4), options,
                rusage == 0 ? 0 : thread.out(rusage, 144));
    }
}
