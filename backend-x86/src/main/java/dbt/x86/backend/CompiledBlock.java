package dbt.x86.backend;

import dbt.x86.asm.Assembler;
import java.util.List;

/**
 * The host code of one guest block, not yet placed: the assembler (resolved when the code cache picks an address,
 * and holding the listing when one was asked for) and the direct exits that the runtime links to their targets.
 */
public record CompiledBlock(Assembler code, List<ExitSite> exits, int guestInstructions) {}
