package dbt.x86.backend;

import dbt.x86.asm.Gp;
import dbt.x86.asm.Mem;

/**
 * Where an IR value lives while it is live: a general register, an xmm register (a 64-bit float value that only
 * float ops read, see {@link XmmValues}), or a spill slot on the host stack.
 */
sealed interface Location {
    record Register(Gp reg) implements Location {
        // Written out: the generated record methods are slow to run before the JIT has compiled them, and
        // locations are map keys in every translation.
        @Override
        public boolean equals(Object o) {
            return o instanceof Register r && r.reg == reg;
        }

        @Override
        public int hashCode() {
            return reg.number() * 16 + reg.size();
        }
    }

    /** An xmm register holding the value's 64 bits in its low half. */
    record Xmm(dbt.x86.asm.Xmm reg) implements Location {
        @Override
        public boolean equals(Object o) {
            return o instanceof Xmm x && x.reg == reg;
        }

        @Override
        public int hashCode() {
            return 32 + reg.number();
        }
    }

    record Slot(int index) implements Location {
        Mem mem() {
            return mem(8);
        }

        /** The slot's low size bytes (the value's low bits: slots hold values zero-extended, little-endian). */
        Mem mem(int size) {
            return Mem.of(size, Gp.RSP, CallFrames.SLOTS + 8 * index);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Slot s && s.index == index;
        }

        @Override
        public int hashCode() {
            return 64 + index;
        }
    }
}
