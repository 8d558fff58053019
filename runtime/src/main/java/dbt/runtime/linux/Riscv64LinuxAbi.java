package dbt.runtime.linux;

/**
 * What is particular to Linux on RV64 and not in the ISA description: the ELF machine number, the machine name
 * {@code uname} reports, the hwcap word, and the C calling convention's registers. Which registers carry a system call is declared by the description
 * ({@code abi linux} in isa/riscv64/riscv64.isa); the system-call numbers are the asm-generic ones
 * ({@link LinuxSyscallTable}) and the signals the generic ones ({@link LinuxSignals}).
 */
public final class Riscv64LinuxAbi {
    public static final int EM_RISCV = 243;
    public static final String MACHINE = "riscv64";

    /**
     * AT_HWCAP: one bit per single-letter extension, {@code 1 << (letter - 'a')}: I, M, A, F, D and C, as a Linux
     * kernel on an RV64GC machine reports them (the Zb* extensions are riscv_hwprobe's to tell).
     */
    public static final long HWCAP = (1L << ('i' - 'a')) | (1L << ('m' - 'a')) | (1L << ('a' - 'a'))
            | (1L << ('f' - 'a')) | (1L << ('d' - 'a')) | (1L << ('c' - 'a'));

    /**
     * The C calling convention's registers that host routines use (see GuestRoutines): arguments in a0..a2 (x10..x12),
     * the result in a0, the return address in ra (x1), returned to as jalr does, bit 0 cleared (the psABI).
     */
    public static final dbt.runtime.translate.GuestRoutines.Convention CALLS =
            new dbt.runtime.translate.GuestRoutines.Convention(0, new int[] {10, 11, 12}, 10, 1, ~1L);

    private Riscv64LinuxAbi() {
    }
}
