package dbt.runtime.translate;

import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.frontend.ShippedIsa;
import dbt.ir.IrBlock;
import dbt.ir.random.TestMachine;
import dbt.isa.exec.NativeMemory;
import dbt.x86.asm.Gp;
import dbt.x86.backend.ExitReason;
import dbt.x86.backend.Mxcsr;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs IR blocks as translated host code, on a guest shaped as the IR tests' {@link TestMachine} (its two register
 * files, its CSRs, its float CSR layout, a page of data at {@link TestMachine#DATA}): the translator's passes, the
 * block compiler, the code cache, the entry stub and host faults, as the runtime has them, with no guest code and no
 * lifter. One runner per translator configuration; it keeps its machine from block to block and forgets each
 * block's code before the next.
 */
final class TranslatedIrRunner implements AutoCloseable {
    /** The data window: one page (translated code's accesses are checked a page at a time). */
    static final int DATA_BYTES = (int) GuestMemory.PAGE_SIZE;
    /** Block entries and loop iterations translated code may run before it leaves with BUDGET. */
    static final long BUDGET = 10_000;

    /** How translated code left: its exit reason and the pc in the state. */
    record Exit(int reason, long pc) {}

    private final GuestState state = new GuestState(TestMachine.FILE_SIZES, TestMachine.CSRS);
    private final GuestMemory memory = new GuestMemory();
    private final CodeCache cache = new CodeCache(8L << 20);
    private final MappingTable mapping = new MappingTable();
    private final MemorySegment budget = Arena.ofAuto().allocate(8, 8);
    private final EntryStub entry;
    private final Translator translator;
    private final long memoryCheck;

    TranslatedIrRunner(TranslationOptions options) {
        if (options.backend().hostFaults() && !HostFaults.install()) {
            options = options.withSoftwareMemoryChecks();
        }
        options = options.withBudget();
        memory.map(TestMachine.DATA, DATA_BYTES, GuestMemory.READ | GuestMemory.WRITE);
        Map<Integer, Gp> pinned = new LinkedHashMap<>();
        options.backend().pinnedHosts().forEach((index, host) -> pinned.put(state.registerOffset(0, index), host));
        entry = new EntryStub(cache, state.mxcsrOffset(), state.hostStackOffset(), pinned);
        memoryCheck = options.backend().hostFaults() ? 0 : memory.permissionTable().address();
        // (the decoder is for lifting, which IR made here never needs)
        translator = new Translator(ShippedIsa.riscv64(), TranslatingEngine.layout(state), options, cache, mapping, new InterruptPatches(),
                entry.exitAddress(), 0, budget.address(), new TranslationStats(),
                new PrintStream(OutputStream.nullOutputStream()), null, memory::holdsCode, null);
    }

    /** Sets the guest's state to m's: registers, CSRs, reservation, pc, and the data page. */
    void load(TestMachine m) {
        for (int f = 0; f < TestMachine.FILE_SIZES.length; f++) {
            for (int r = 0; r < TestMachine.FILE_SIZES[f]; r++) {
                state.setRegister(f, r, m.register(f, r));
            }
        }
        for (int s = 0; s < TestMachine.CSRS; s++) {
            state.setCsr(s, m.csr(s));
        }
        state.setReservation(m.reservation());
        state.setReservedValue(m.reservedValue());
        state.setPc(m.pc());
        byte[] data = new byte[DATA_BYTES];
        for (int k = 0; k < DATA_BYTES; k++) {
            data[k] = (byte) m.load(TestMachine.DATA + k, 1);
        }
        memory.write(TestMachine.DATA, data, 0, DATA_BYTES);
    }

    /** Copies the guest's state into m (the inverse of {@link #load}). */
    void store(TestMachine m) {
        for (int f = 0; f < TestMachine.FILE_SIZES.length; f++) {
            for (int r = 0; r < TestMachine.FILE_SIZES[f]; r++) {
                m.setRegister(f, r, state.register(f, r));
            }
        }
        for (int s = 0; s < TestMachine.CSRS; s++) {
            m.setCsr(s, state.csr(s));
        }
        m.setReservation(state.reservation());
        m.setReservedValue(state.reservedValue());
        m.setPc(state.pc());
        byte[] data = new byte[DATA_BYTES];
        memory.read(TestMachine.DATA, data, 0, DATA_BYTES);
        for (int k = 0; k < DATA_BYTES; k++) {
            m.store(TestMachine.DATA + k, 1, data[k]);
        }
    }

    /** Forgets the code translated so far, and translates block (whose guest address is then mapped to it). */
    void translate(IrBlock block) {
        translator.flush();
        if (translator.translateIr(block) == 0) {
            throw new IllegalStateException("code cache full after a flush");
        }
    }

    /**
     * Runs the translated block at the state's pc until it leaves, as the engine would enter it: with the guest's
     * dynamic rounding mode in MXCSR (which must be one x86 has: the engine interprets otherwise), its flags accrued
     * into the flags CSR after. A direct exit's pc is its target's (the engine links it there).
     */
    Exit run() {
        long mode = state.csr(TestMachine.FLOAT_CSRS.roundingSlot()) >>> TestMachine.FLOAT_CSRS.roundingShift()
                & ((1L << TestMachine.FLOAT_CSRS.roundingWidth()) - 1);
        if (!Mxcsr.hasMode(mode)) {
            throw new IllegalArgumentException("rounding mode " + mode + " is not one translated code runs in");
        }
        long code = translator.lookup(state.pc());
        if (code == 0) {
            throw new IllegalStateException("no translation at 0x" + Long.toHexString(state.pc()));
        }
        state.setMxcsr(Mxcsr.MASKED | Mxcsr.roundingControl(mode));
        NativeMemory.putLong(budget, 0, BUDGET);
        int reason = entry.enter(state.address(), memory.base(), memoryCheck, code);
        int flags = Mxcsr.ieeeFlags(state.mxcsr());
        int slot = TestMachine.FLOAT_CSRS.flagsSlot();
        state.setCsr(slot, state.csr(slot) | (long) flags << TestMachine.FLOAT_CSRS.flagsShift());
        if (reason == ExitReason.CHAIN) {
            state.setPc(translator.site((int) state.exitInfo()).target());
        }
        return new Exit(reason, state.pc());
    }

    @Override
    public void close() {
        translator.flush();
        memory.close();
        state.close();
    }
}
