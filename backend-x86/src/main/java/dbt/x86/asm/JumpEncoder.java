package dbt.x86.asm;

import static dbt.x86.asm.OperandEncoder.isInt8;
import static dbt.x86.asm.OperandEncoder.requireSize;

/**
 * Control transfers: jmp, jcc and call to labels, to absolute host addresses and through registers or memory;
 * and ret.
 *
 * <p>A jump to a label already bound (a backward jump) takes the 2-byte rel8 form when the distance fits; any
 * other label jump takes rel32, filled in by {@link Assembler#finish(long)} from the bound label. The {@code ...Rel32}
 * variants always take rel32 and return the {@link PatchSite}, for jumps the code cache will retarget later.
 * Absolute targets are always rel32, resolved against the load address given to {@link Assembler#finish(long)}.
 */
final class JumpEncoder {
    private final OperandEncoder enc;
    private final CodeBuffer buf;

    JumpEncoder(OperandEncoder enc) {
        this.enc = enc;
        this.buf = enc.buf;
    }

    void jmp(Label target) {
        if (!tryShort(0xEB, target)) {
            rel32(new int[] {0xE9}, target, false);
        }
    }

    void jcc(Cond cc, Label target) {
        if (!tryShort(0x70 + cc.code(), target)) {
            rel32(new int[] {0x0F, 0x80 + cc.code()}, target, false);
        }
    }

    PatchSite jmpRel32(Label target) {
        return rel32(new int[] {0xE9}, target, true);
    }

    PatchSite jccRel32(Cond cc, Label target) {
        return rel32(new int[] {0x0F, 0x80 + cc.code()}, target, true);
    }

    PatchSite call(Label target) {
        return rel32(new int[] {0xE8}, target, true);
    }

    PatchSite jmpAbsolute(long target) {
        return absolute(new int[] {0xE9}, target);
    }

    PatchSite jccAbsolute(Cond cc, long target) {
        return absolute(new int[] {0x0F, 0x80 + cc.code()}, target);
    }

    PatchSite callAbsolute(long target) {
        return absolute(new int[] {0xE8}, target);
    }

    /** {@code FF /4}: near jumps are 64-bit without REX.W. */
    void jmp(Gp target) {
        requireSize("jmp", target, 8);
        enc.rr(4, 0xFF, 4, target);
    }

    void jmp(Mem target) {
        requireSize("jmp", target, 8);
        enc.rm(4, 0xFF, 4, target, 0);
    }

    /** {@code FF /2}. */
    void call(Gp target) {
        requireSize("call", target, 8);
        enc.rr(4, 0xFF, 2, target);
    }

    void call(Mem target) {
        requireSize("call", target, 8);
        enc.rm(4, 0xFF, 2, target, 0);
    }

    void ret() {
        buf.emit8(0xC3);
    }

    /** The system-call instruction (number in eax): for a signal restorer. */
    void syscall() {
        buf.emit8(0x0F);
        buf.emit8(0x05);
    }

    /** Emits {@code opcode rel8} if {@code target} is bound and within reach of a 2-byte jump. */
    private boolean tryShort(int opcode, Label target) {
        enc.requireOwnLabel(target);
        if (!target.isBound()) {
            return false;
        }
        int rel = target.offset() - (buf.size() + 2);
        if (!isInt8(rel)) {
            return false;
        }
        buf.emit8(opcode);
        buf.emit8(rel);
        return true;
    }

    /** {@code opcode rel32} to a label; {@code report} adds the site to those {@link Assembler#finish} lists. */
    private PatchSite rel32(int[] opcode, Label target, boolean report) {
        enc.requireOwnLabel(target);
        int start = emitOpcode(opcode);
        int field = buf.size();
        buf.emit32(0);
        enc.fixups.labelUse(field, field + 4, target, 0);
        return report ? enc.fixups.patchSite(start, field, field + 4 - start) : null;
    }

    private PatchSite absolute(int[] opcode, long target) {
        int start = emitOpcode(opcode);
        int field = buf.size();
        buf.emit32(0);
        enc.fixups.absoluteTarget(field, field + 4, target);
        return enc.fixups.patchSite(start, field, field + 4 - start);
    }

    private int emitOpcode(int[] opcode) {
        int start = buf.size();
        for (int b : opcode) {
            buf.emit8(b);
        }
        return start;
    }
}
