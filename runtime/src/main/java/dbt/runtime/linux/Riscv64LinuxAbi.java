package dbt.runtime.linux;

/**
 * What is particular to Linux on RV64 and not in the ISA description: the ELF machine number, the machine name
 * {@code uname} reports, and the hwcap word. Which registers carry a system call is declared by the description
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

    private Riscv64LinuxAbi() {
    }
}
