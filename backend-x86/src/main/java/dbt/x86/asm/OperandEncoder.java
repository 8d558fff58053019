package dbt.x86.asm;

/**
 * The shared part of every x86-64 instruction: legacy prefixes, REX, opcode bytes, ModRM, SIB and displacement.
 * The family encoders choose opcodes and forms; this class knows how operands are laid out.
 *
 * <p>Layout: {@code [66] [F0] [REX] opcode ModRM [SIB] [disp8|disp32] [imm]}. The prefix order follows GNU as.
 * SSE instructions put their mandatory prefix (66, F2 or F3) where 66 goes, before REX ({@link #sseRr},
 * {@link #sseRm}); VEX instructions replace prefix, REX and escape bytes by {@code C4 xx xx} or {@code C5 xx}
 * ({@link #vex}).
 *
 * <p>The {@code size} argument is the operand size that selects the prefixes: 2 adds the operand-size prefix 66,
 * 8 adds REX.W, 1 and 4 add nothing. Instructions whose default operand size is 64 bits (push, pop, near jumps
 * and calls) pass 4.
 *
 * <p>A REX prefix is emitted only when needed: for REX.W, for an r8..r15 operand, or for SPL/BPL/SIL/DIL.
 */
final class OperandEncoder {
    static final int REX_W = 8, REX_R = 4, REX_X = 2, REX_B = 1;

    final CodeBuffer buf;
    final FixupTable fixups;
    private final Object owner;

    OperandEncoder(CodeBuffer buf, FixupTable fixups, Object owner) {
        this.buf = buf;
        this.fixups = fixups;
        this.owner = owner;
    }

    // ---- register-direct r/m operand (ModRM.mod = 11) ----

    /** {@code opcode /r} with {@code reg} in ModRM.reg and {@code rm} in ModRM.rm. */
    void rr(int size, int opcode, Gp reg, Gp rm) {
        rr(false, size, opcode, reg.number(), reg.needsRexForByte() || rm.needsRexForByte(), rm);
    }

    /** {@code opcode /digit} with the register in ModRM.rm. */
    void rr(int size, int opcode, int digit, Gp rm) {
        rr(false, size, opcode, digit, rm.needsRexForByte(), rm);
    }

    private void rr(boolean lock, int size, int opcode, int reg, boolean byteRex, Gp rm) {
        int rex = rexW(size) | (reg >= 8 ? REX_R : 0) | (rm.isExtended() ? REX_B : 0);
        prefixes(lock, size, rex, byteRex);
        opcode(opcode);
        buf.emit8(0xC0 | (reg & 7) << 3 | rm.low3());
    }

    // ---- memory r/m operand ----

    /** {@code opcode /r} with {@code reg} in ModRM.reg; {@code immBytes} immediate bytes will follow. */
    void rm(int size, int opcode, Gp reg, Mem m, int immBytes) {
        rm(false, size, opcode, reg.number(), reg.needsRexForByte(), m, immBytes);
    }

    /** {@code opcode /digit} on memory; {@code immBytes} immediate bytes will follow. */
    void rm(int size, int opcode, int digit, Mem m, int immBytes) {
        rm(false, size, opcode, digit, false, m, immBytes);
    }

    /** {@code lock opcode /r}: the LOCK prefix, then as {@link #rm(int, int, Gp, Mem, int)}. */
    void lockedRm(int size, int opcode, Gp reg, Mem m) {
        rm(true, size, opcode, reg.number(), reg.needsRexForByte(), m, 0);
    }

    private void rm(boolean lock, int size, int opcode, int reg, boolean byteRex, Mem m, int immBytes) {
        int rex = rexW(size) | rexRm(reg, m);
        if (m.ripTarget() != null) {
            requireOwnLabel(m.ripTarget());                  // before any byte: a rejected form leaves no trace
        }
        prefixes(lock, size, rex, byteRex);
        opcode(opcode);
        modRm(reg, m, immBytes);
    }

    /** REX.R for {@code reg}, REX.X and REX.B for the index and base of {@code m}. */
    private static int rexRm(int reg, Mem m) {
        Gp base = m.base();
        Gp index = m.index();
        return (reg >= 8 ? REX_R : 0)
                | (index != null && index.isExtended() ? REX_X : 0)
                | (base != null && base.isExtended() ? REX_B : 0);
    }

    /** ModRM, SIB and displacement of a memory operand, {@code reg} in ModRM.reg; {@code immBytes} will follow. */
    private void modRm(int reg, Mem m, int immBytes) {
        Gp base = m.base();
        Gp index = m.index();
        int r = reg & 7;
        if (m.ripTarget() != null) {
            buf.emit8(r << 3 | 0b101);                       // mod 00, rm 101: [rip + disp32]
            int field = buf.size();
            buf.emit32(0);
            fixups.labelUse(field, field + 4 + immBytes, m.ripTarget(), m.disp());
        } else if (base == null) {
            buf.emit8(r << 3 | 0b100);                       // mod 00, rm 100: SIB follows
            buf.emit8(sib(m.scale(), index == null ? 0b100 : index.low3(), 0b101)); // base 101, mod 00: disp32 only
            buf.emit32(m.disp());
        } else {
            // rbp/r13 as base with mod 00 would mean "disp32, no base": they take an explicit disp8 of 0.
            int mod = m.disp() == 0 && base.low3() != 0b101 ? 0b00 : isInt8(m.disp()) ? 0b01 : 0b10;
            if (index != null || base.low3() == 0b100) {     // rsp/r12 as base need a SIB (rm 100 means SIB)
                buf.emit8(mod << 6 | r << 3 | 0b100);
                buf.emit8(sib(m.scale(), index == null ? 0b100 : index.low3(), base.low3()));
            } else {
                buf.emit8(mod << 6 | r << 3 | base.low3());
            }
            if (mod == 0b01) {
                buf.emit8(m.disp());
            } else if (mod == 0b10) {
                buf.emit32(m.disp());
            }
        }
    }

    // ---- SSE: a mandatory prefix before REX; operands are register numbers (xmm or general purpose) ----

    /**
     * {@code [prefix] [REX] opcode /r} with register {@code reg} in ModRM.reg and register {@code rm} in ModRM.rm
     * (numbers 0..15, xmm or general-purpose registers of 32 or 64 bits). {@code prefix} is the mandatory prefix
     * 66, F2 or F3, or 0 for none; {@code w} sets REX.W.
     */
    void sseRr(int prefix, boolean w, int opcode, int reg, int rm) {
        int rex = (w ? REX_W : 0) | (reg >= 8 ? REX_R : 0) | (rm >= 8 ? REX_B : 0);
        ssePrefixes(prefix, rex);
        opcode(opcode);
        buf.emit8(0xC0 | (reg & 7) << 3 | rm & 7);
    }

    /** {@code [prefix] [REX] opcode /r} on memory, {@code reg} a register number or a {@code /digit}. */
    void sseRm(int prefix, boolean w, int opcode, int reg, Mem m) {
        int rex = (w ? REX_W : 0) | rexRm(reg, m);
        if (m.ripTarget() != null) {
            requireOwnLabel(m.ripTarget());                  // before any byte: a rejected form leaves no trace
        }
        ssePrefixes(prefix, rex);
        opcode(opcode);
        modRm(reg, m, 0);
    }

    private void ssePrefixes(int prefix, int rex) {
        if (prefix != 0) {
            buf.emit8(prefix);
        }
        if (rex != 0) {
            buf.emit8(0x40 | rex);
        }
    }

    // ---- VEX: the C4 or C5 prefix in place of the mandatory prefix, REX and escape bytes ----

    /**
     * {@code VEX opcode /r} with register operands: {@code reg} in ModRM.reg, {@code vvvv} the extra source in
     * VEX.vvvv, {@code rm} in ModRM.rm (numbers 0..15). {@code prefix} is the implied 66, F2 or F3 (or 0), {@code map}
     * the opcode map 0F, 0F38 or 0F3A; L is 0 (GNU as's choice for the scalar instructions, which ignore it).
     */
    void vexRr(int prefix, int map, boolean w, int opcode, int reg, int vvvv, int rm) {
        vexRr(prefix, map, w, false, opcode, reg, vvvv, rm);
    }

    /** {@link #vexRr(int, int, boolean, int, int, int, int)} with VEX.L ({@code l}: 256-bit vectors). */
    void vexRr(int prefix, int map, boolean w, boolean l, int opcode, int reg, int vvvv, int rm) {
        vex(prefix, map, w, l, reg >= 8, false, rm >= 8, vvvv);
        buf.emit8(opcode);
        buf.emit8(0xC0 | (reg & 7) << 3 | rm & 7);
    }

    /** {@code VEX opcode /r} on memory, {@code reg} a register number in ModRM.reg. */
    void vexRm(int prefix, int map, boolean w, boolean l, int opcode, int reg, int vvvv, Mem m) {
        if (m.ripTarget() != null) {
            requireOwnLabel(m.ripTarget());                  // before any byte: a rejected form leaves no trace
        }
        int rex = rexRm(reg, m);
        vex(prefix, map, w, l, (rex & REX_R) != 0, (rex & REX_X) != 0, (rex & REX_B) != 0, vvvv);
        buf.emit8(opcode);
        modRm(reg, m, 0);
    }

    /**
     * A VEX prefix: the two-byte {@code C5 [~R ~vvvv L pp]} where it can say everything (map 0F, W0, no X or B
     * extension: GNU as's choice), else the three-byte {@code C4 [~R ~X ~B mmmmm] [W ~vvvv L pp]}.
     */
    void vex(int prefix, int map, boolean w, boolean l, boolean r, boolean x, boolean b, int vvvv) {
        int mmmmm = switch (map) {
            case 0x0F -> 0b00001;
            case 0x0F38 -> 0b00010;
            case 0x0F3A -> 0b00011;
            default -> throw new IllegalArgumentException("not a VEX opcode map: " + Integer.toHexString(map));
        };
        int pp = switch (prefix) {
            case 0 -> 0b00;
            case 0x66 -> 0b01;
            case 0xF3 -> 0b10;
            case 0xF2 -> 0b11;
            default -> throw new IllegalArgumentException("no VEX prefix for " + Integer.toHexString(prefix));
        };
        int last = (~vvvv & 0xF) << 3 | (l ? 0x4 : 0) | pp;
        if (map == 0x0F && !w && !x && !b) {
            buf.emit8(0xC5);
            buf.emit8((r ? 0 : 0x80) | last);                // R is stored inverted
            return;
        }
        buf.emit8(0xC4);
        buf.emit8((r ? 0 : 0x80) | (x ? 0 : 0x40) | (b ? 0 : 0x20) | mmmmm);   // R, X, B are stored inverted
        buf.emit8((w ? 0x80 : 0) | last);
    }

    // ---- register in the opcode (push, pop, bswap, mov r, imm, xchg with the accumulator) ----

    /** {@code opcode + (r & 7)}, with REX.B for r8..r15. */
    void opPlusReg(int size, int opcode, Gp r) {
        prefixes(false, size, rexW(size) | (r.isExtended() ? REX_B : 0), r.needsRexForByte());
        opcode(opcode + r.low3());
    }

    /** Prefixes and opcode of an instruction with no ModRM (the accumulator forms, cqo, cdq). */
    void op(int size, int opcode) {
        prefixes(false, size, rexW(size), false);
        opcode(opcode);
    }

    /** An immediate of {@code bytes} bytes (1, 2, 4 or 8), little-endian. */
    void imm(int bytes, long value) {
        switch (bytes) {
            case 1 -> buf.emit8((int) value);
            case 2 -> buf.emit16((int) value);
            case 4 -> buf.emit32((int) value);
            case 8 -> buf.emit64(value);
            default -> throw new IllegalArgumentException("immediate size " + bytes);
        }
    }

    void requireOwnLabel(Label label) {
        if (label.owner != owner) {
            throw new IllegalArgumentException(label + " belongs to another assembler");
        }
    }

    private void prefixes(boolean lock, int size, int rex, boolean byteRex) {
        if (size == 2) {
            buf.emit8(0x66);
        }
        if (lock) {
            buf.emit8(0xF0);
        }
        if (rex != 0 || byteRex) {
            buf.emit8(0x40 | rex);
        }
    }

    /** One, two or three opcode bytes, written as one number: {@code 0x0FAF} is {@code 0F AF}. */
    private void opcode(int opcode) {
        if (opcode > 0xFFFF) {
            buf.emit8(opcode >>> 16);
        }
        if (opcode > 0xFF) {
            buf.emit8(opcode >>> 8);
        }
        buf.emit8(opcode);
    }

    private static int rexW(int size) {
        return size == 8 ? REX_W : 0;
    }

    private static int sib(int scale, int index, int base) {
        return Integer.numberOfTrailingZeros(scale) << 6 | index << 3 | base;
    }

    // ---- checks shared by the families ----

    static boolean isInt8(long v) {
        return v == (byte) v;
    }

    /** {@code imm} read as a value of an operand of {@code size} bytes, sign-extended; rejects what does not fit. */
    static long immediate(int size, long imm) {
        long min = size == 8 ? Integer.MIN_VALUE : -(1L << (size * 8 - 1));
        long max = size == 8 ? Integer.MAX_VALUE : (1L << (size * 8)) - 1;
        if (imm < min || imm > max) {
            throw new IllegalArgumentException("immediate " + imm + " does not fit a " + size * 8 + "-bit operand");
        }
        return switch (size) {
            case 1 -> (byte) imm;
            case 2 -> (short) imm;
            default -> (int) imm;
        };
    }

    /** Bytes of a full-size immediate for an operand of {@code size}: 64-bit operands take a sign-extended imm32. */
    static int immBytes(int size) {
        return Math.min(size, 4);
    }

    static void requireSameSize(Gp a, Gp b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("operand sizes differ: " + a + ", " + b);
        }
    }

    static void requireSameSize(Gp r, Mem m) {
        if (r.size() != m.size()) {
            throw new IllegalArgumentException("operand sizes differ: " + r + ", " + m);
        }
    }

    static void requireSize(String what, Gp r, int... allowed) {
        for (int s : allowed) {
            if (r.size() == s) {
                return;
            }
        }
        throw new IllegalArgumentException(what + " does not take the " + r.bits() + "-bit register " + r);
    }

    static void requireSize(String what, Mem m, int... allowed) {
        for (int s : allowed) {
            if (m.size() == s) {
                return;
            }
        }
        throw new IllegalArgumentException(what + " does not take a " + m.size() * 8 + "-bit memory operand");
    }
}
