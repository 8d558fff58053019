package dbt.x86.backend;

import dbt.x86.asm.Gp;
import dbt.x86.asm.Mem;

/**
 * Where an IR value lives while it is live: a general register, an xmm register (a 64-bit float value that only
 * float ops read, see {@link XmmValues}), a spill slot on the host stack, or (once it is evicted from its register)
 * the place in the guest state of a register it was stored to where that register was written ({@link EagerWrites}).
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

    /** A location in memory, holding the value zero-extended to 64 bits. */
    sealed interface InMemory extends Location {
        /** The location's low size bytes (the value's low bits, little-endian). */
        Mem mem(int size);

        default Mem mem() {
            return mem(8);
        }
    }

    record Slot(int index) implements InMemory {
        @Override
        public Mem mem(int size) {
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

    /** A 64-bit guest register's place in the state (its offset from r15), which holds the value. */
    record State(int offset) implements InMemory {
        @Override
        public Mem mem(int size) {
            return Mem.of(size, Gp.R15, offset);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.offset == offset;
        }

        @Override
        public int hashCode() {
            return -1 - offset;
        }
    }
}
