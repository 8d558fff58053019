package dbt.x86.backend;

import dbt.x86.asm.PatchSite;

/**
 * A direct exit of a compiled block or region: a rel32 jump to guest address target, patchable once the target
 * exists; until then it goes to trampoline (0 when it went straight to translated code). source is the guest address
 * of the block it leaves (in a region, one of its blocks): a jump to a higher address enters its target past the
 * target's interrupt site (see {@link BlockCompiler#forwardEntry}).
 */
public record ExitSite(long target, PatchSite site, long trampoline, long source) {}
