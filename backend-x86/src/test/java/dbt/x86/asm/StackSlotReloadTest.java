package dbt.x86.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A reload of a stack slot into a register that still holds it is left out; anything that may change either is not. */
class StackSlotReloadTest {
    private static final Mem SLOT = Mem.q(Gp.RSP, 0x10);

    /** How many bytes between two loads of SLOT into rcx the load after between takes: 0 when it is left out. */
    private static int reload(Consumer<Assembler> between) {
        Assembler a = new Assembler();
        a.mov(Gp.RCX, SLOT);
        between.accept(a);
        int before = a.offset();
        a.mov(Gp.RCX, SLOT);
        return a.offset() - before;
    }

    @Test
    void aRunOfLookupsOffASpilledBaseLoadsItOnce() {
        assertEquals(0, reload(a -> { }));
        assertEquals(0, reload(a -> {
            a.movzx(Gp.R8D, Gp.R11B);
            a.lea(Gp.R8, Mem.of(8, Gp.RCX, Gp.R8, 4, 0));
            a.mov(Gp.R13, Gp.R9);
            a.shr(Gp.R13D, 24);
            a.movsxd(Gp.RDI, Mem.of(4, Gp.R14, Gp.R8, 1, 0xd0));
            a.mov(Mem.q(Gp.R15, 0xd8), Gp.RDI);        // the state
            a.mov(Mem.of(4, Gp.R14, Gp.R8, 1, 0), Gp.EDI); // guest memory
            a.xor(Gp.R9, Mem.q(Gp.R15, 0xa8));
            a.cmp(Gp.R9, Gp.RCX);
            a.mov(Gp.RBX, Mem.q(Gp.RSP, 0x18));         // another slot, another register
            a.mov(Mem.q(Gp.RSP, 0x20), Gp.RBX);         // a spill to another slot
        }));
    }

    @Test
    void aWriteOfTheRegisterOrTheSlotOrAnythingElseLoadsItAgain() {
        assertEquals(5, reload(a -> a.add(Gp.RCX, 1)));
        assertEquals(5, reload(a -> a.mov(Gp.ECX, Gp.EAX)));
        assertEquals(5, reload(a -> a.shl(Gp.RCX, 2)));
        assertEquals(5, reload(a -> a.mov(SLOT, Gp.RAX)));
        assertEquals(5, reload(a -> a.mov(Mem.q(Gp.RSP, 0x14), Gp.RAX)), "(overlapping)");
        assertEquals(5, reload(a -> a.mov(Mem.d(Gp.RSP, 0x10), Gp.EAX)), "(part of it)");
        assertEquals(5, reload(a -> a.push(Gp.RAX)));
        assertEquals(5, reload(a -> a.sub(Gp.RSP, 0x108)), "(the same displacement, another slot)");
        assertEquals(5, reload(a -> a.lea(Gp.RSP, Mem.q(Gp.RSP, 8))));
        assertEquals(5, reload(a -> a.call(Gp.RAX)));
        assertEquals(5, reload(a -> a.imul(Gp.RCX, Gp.RAX)));
        assertEquals(5, reload(a -> a.bind(a.newLabel())), "(a jump from elsewhere)");
        assertEquals(5, reload(a -> a.mov(Gp.RCX, Mem.q(Gp.RSP, 0x18))));
    }
}
