package dbt.runtime.translate;

import dbt.frontend.ElfSymbols;
import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Routine;
import dbt.ir.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the C library functions that translated code runs as host routines ({@link Routine}) begin in guest memory,
 * found by name in the symbol tables of the program and of the files the guest maps executable (the dynamic loader
 * maps libc.so.6 with mmap), and the block that runs one there ({@link #block}) in place of the guest's own code.
 * Shared by the process's threads.
 *
 * <p>A function is taken by its name: the names are reserved to the C implementation, and compilers already assume
 * their meaning (gcc turns loops into memcpy calls and folds strlen of a constant). The C standard fixes every
 * result but the magnitude of strcmp's, strncmp's and memcmp's, which the routines give as the difference of the first
 * differing bytes: what glibc (its generic C code, and its x86 and RISC-V assembly), musl and newlib return. A C
 * library that returned another magnitude (say -1 or 1) would see that of the routine.
 */
public final class GuestRoutines {
    /**
     * The registers of the C calling convention a routine block uses, in register file {@code file}: the first three
     * arguments, the result, and the link register, whose value ANDed with returnMask is where the function
     * returns.
     */
    public record Convention(int file, int[] arguments, int result, int link, long returnMask) {}

    /** A function of a file, and the first bytes of its code there. */
    private record Found(ElfSymbols.Function function, byte[] head) {}

    /** How many of a function's first bytes guest memory must hold where it is taken to begin. */
    private static final int HEAD = 16;

    private final Convention convention;
    private final SavedTranslations.CodeReader code;
    private final Map<Long, Routine> at = new ConcurrentHashMap<>();
    /** Files whose symbols were read, so that each is read once however often it is mapped. */
    private final Map<Path, List<Found>> read = new ConcurrentHashMap<>();

    /**
     * @param code where a function is taken to begin only if guest memory holds its first bytes there, executable,
     *             as its file has them (so a layout misread, or memory changed since, never makes a routine)
     */
    public GuestRoutines(Convention convention, SavedTranslations.CodeReader code) {
        this.convention = convention;
        this.code = code;
    }

    /** The routine that begins at guest address pc, or null. */
    public Routine at(long pc) {
        return at.get(pc);
    }

    /** How many routines were found (for --stats). */
    public int found() {
        return at.size();
    }

    /** The program's own functions: its file, loaded with this bias. */
    public void addProgram(Path file, long bias) {
        for (Found f : functionsOf(file)) {
            add(f.function().address() + bias, f);
        }
    }

    /** The functions whose code lies in length bytes of file from offset, mapped at guest address address. */
    public void addMapping(Path file, long address, long offset, long length) {
        for (Found f : functionsOf(file)) {
            long from = f.function().fileOffset();
            if (from >= offset && from - offset < length) {
                add(address + (from - offset), f);
            }
        }
    }

    private void add(long address, Found f) {
        if (code.holdsCode(address, f.head(), 0, f.head().length)) {
            at.put(address, Routine.named(f.function().name()));
        }
    }

    /** Forgets the functions found in [from, to), which is unmapped or mapped anew. */
    public void forget(long from, long to) {
        at.keySet().removeIf(a -> Long.compareUnsigned(a, from) >= 0 && Long.compareUnsigned(a, to) < 0);
    }

    private List<Found> functionsOf(Path file) {
        return read.computeIfAbsent(file.toAbsolutePath().normalize(), p -> {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (IOException | OutOfMemoryError unreadable) {
                return List.of();
            }
            return ElfSymbols.functions(bytes, Routine.names()).stream()
                    .filter(f -> f.size() > 0 && f.fileOffset() >= 0 && f.fileOffset() + f.size() <= bytes.length)
                    .map(f -> new Found(f, java.util.Arrays.copyOfRange(bytes, (int) f.fileOffset(),
                            (int) (f.fileOffset() + Math.min(HEAD, f.size())))))
                    .toList();
        });
    }

    /**
     * The block that runs routine r at pc: its arguments read, the routine run (it leaves at pc, where the guest's
     * code runs instead, when it declines or faults), the result written, and a return to the link register.
     */
    public IrBlock block(long pc, Routine r) {
        Convention c = convention;
        IrBlock b = new IrBlock(pc);
        run(b, pc, r);
        Inst link = b.add(new Inst(Op.GET_REG, Type.I64, c.file(), c.link()));
        Inst mask = b.add(new Inst(Op.CONST, Type.I64, c.returnMask(), 0));
        Inst target = b.add(new Inst(Op.AND, Type.I64, 0, 0, link, mask));
        b.add(new Inst(Op.EXIT_INDIRECT, Type.I64, 1, 0, target));
        return b;
    }

    /**
     * The block b, as lifted, made to run the routine its last instruction calls, when that is a direct call of one:
     * after the call's write of the link register, the routine runs as in {@link #block} (leaving at the function's
     * first instruction, the link register written as the call wrote it, when it declines or faults), and the block
     * ends in a jump to the return address, as the function's return would go. No host call and return, no block of
     * the function's own: a loop that calls memcpy is then one region with it. Otherwise b as it is.
     */
    public IrBlock runCalled(IrBlock b) {
        Inst t = b.terminator();
        Routine r = t != null && t.op == Op.EXIT_JUMP && t.callReturnAddress() != 0 ? at(t.aux) : null;
        if (r == null) {
            return b;
        }
        long returnAddress = t.callReturnAddress();
        b.insts.removeLast();
        run(b, t.aux, r);
        b.add(new Inst(Op.EXIT_JUMP, Type.I64, returnAddress, 0));
        return b;
    }

    /** Adds to b the run of routine r at pc: its arguments read, the routine run, the result written. */
    private void run(IrBlock b, long pc, Routine r) {
        Convention c = convention;
        b.add(new Inst(Op.GUEST_PC, Type.I64, pc, 0));
        Inst[] args = new Inst[3];
        for (int k = 0; k < 3; k++) {
            args[k] = b.add(new Inst(Op.GET_REG, Type.I64, c.file(), c.arguments()[k]));
        }
        Inst result = b.add(new Inst(Op.ROUTINE, Type.I64, r.ordinal(), 0, args));
        b.add(new Inst(Op.SET_REG, Type.I64, c.file(), c.result(), result));
    }
}
