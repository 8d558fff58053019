package dbt.isa.model;

import java.util.List;

/**
 * A system-call register convention, from an {@code abi} block: which registers of register file {@code file} carry
 * the system-call number, the arguments (in order, at most {@link #MAX_ARGUMENTS}), the result, the stack
 * pointer, and the thread pointer that a new thread's TLS argument sets ({@link #NONE} if the block names none). {@code name} names the convention; {@code linux} (the asm-generic Linux system calls) is the only one.
 * The checker guarantees every index is inside the file and that number, result and stack are not its hard-wired
 * zero register.
 */
public record Abi(String name, int file, int number, List<Integer> arguments, int result, int stack, int thread) {
    /** No register: the optional {@code thread} entry is absent. */
    public static final int NONE = -1;

    /** The conventions the runtime implements. */
    public static final List<String> KNOWN = List.of("linux");
    /** Linux passes at most six system-call arguments in registers. */
    public static final int MAX_ARGUMENTS = 6;

    public Abi {
        arguments = List.copyOf(arguments);
    }

    /** The register holding argument {@code i} (0-based). */
    public int argument(int i) {
        return arguments.get(i);
    }

    public int argumentCount() {
        return arguments.size();
    }
}
