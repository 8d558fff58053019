package dbt.x86.backend;

import dbt.x86.asm.Assembler;
import java.util.List;

/**
 * The host code of one guest block, not yet placed: the assembler (resolved when the code cache picks an address,
 * and holding the listing when one was asked for), the direct exits that the runtime links to their targets, and
 * the guest memory accesses whose host faults the runtime's fault handler redirects, and for a self-loop how to
 * enter it past its head (null if it is none, or keeps a register in a spill slot), its predicted indirect
 * jumps, where an interrupt rewrites it, and the fields that hold addresses outside the code other than the exits'
 * (with the loops it jumps into).
 */
public record CompiledBlock(Assembler code, List<ExitSite> exits, List<FaultSite> faultSites, LoopEntry loopEntry,
                            List<PredictionSite> predictions, List<InterruptSite> interruptSites,
                            List<ExternalRef> externals, List<BridgedLoop> bridgedLoops, int guestInstructions) {}
