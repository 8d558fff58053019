package dbt.frontend;

/**
 * What the loader placed in guest memory: the facts the initial stack and the dispatcher need.
 *
 * @param path        the program as the user named it
 * @param entry       the entry point (bias applied)
 * @param phdr        guest address of the program headers ({@code AT_PHDR})
 * @param phent       size of one program header ({@code AT_PHENT})
 * @param phnum       number of program headers ({@code AT_PHNUM})
 * @param loadBias    what was added to every virtual address (0 for ET_EXEC)
 * @param lowAddress  lowest loaded guest address
 * @param highAddress end of the highest loaded segment (exclusive; the break starts at the page after it)
 * @param interpreter the program interpreter it names ({@code PT_INTERP}, e.g. the dynamic loader), or null
 */
public record ElfImage(String path, long entry, long phdr, int phent, int phnum, long loadBias,
                       long lowAddress, long highAddress, String interpreter) {
}
