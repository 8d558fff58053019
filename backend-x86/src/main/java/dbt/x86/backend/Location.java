package dbt.x86.backend;

import dbt.x86.asm.Gp;
import dbt.x86.asm.Mem;

/** Where an IR value lives while it is live: a host register, or a spill slot on the host stack. */
sealed interface Location {
    record Register(Gp reg) implements Location {}

    record Slot(int index) implements Location {
        Mem mem() {
            return Mem.q(Gp.RSP, 8 * index);
        }
    }
}
