package dbt.runtime;

import dbt.isa.interp.Execution;

/**
 * Runs guest code until something only the dispatcher can handle: a system call, fence.i, a breakpoint, an
 * illegal instruction. Guest faults come out as exceptions. Two engines: the reference interpreter, and
 * translation to x86-64.
 */
public interface Engine {
    Execution.Exit run();

    /** Forgets cached code (fence.i). */
    void invalidate();

    /** For ILLEGAL: the undecodable bits and their length. */
    long illegalWord();

    int illegalLength();

    void printStats(java.io.PrintStream out);
}
