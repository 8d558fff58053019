package dbt.x86.backend;

import dbt.x86.asm.PatchSite;

/**
 * A direct exit of a compiled block: a rel32 jump to guest address target, patchable once the target exists; until
 * then it goes to trampoline (0 when it went straight to translated code).
 */
public record ExitSite(long target, PatchSite site, long trampoline) {}
