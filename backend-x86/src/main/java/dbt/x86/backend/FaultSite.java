package dbt.x86.backend;

import dbt.x86.asm.Label;

/**
 * A host instruction that touches guest memory (at code offset accessOffset) and where to go if the host faults on
 * it: recovery is the block's cold path for that guest instruction, valid with the registers as they are at the
 * access (it writes back guest registers and asks for the instruction to be interpreted).
 */
public record FaultSite(int accessOffset, Label recovery) {}
