package dbt.ir.analysis;

import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.ir.Type;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which 64-bit values of a block have their upper 32 bits read (LLVM's demanded bits, for one half). The low 32 bits
 * of an addition, subtraction, multiplication, bitwise operation, negation, complement, left shift or select depend
 * only on the low 32 bits of its (shifted or selected) operands, so such an operation reads its operands' upper
 * halves only where its own upper half is read (an and with a constant below 2^32 never does); a truncation to 32
 * bits or fewer reads none. A register write reads the whole value unless a later write of the same register
 * replaces it before anything can read it: no read of the register, no exit and no instruction that may leave the
 * block (a memory access, a float operation) in between.
 * Every other use reads the whole value.
 *
 * <p>RV64's word instructions sign-extend their results, and hash, checksum and cipher code feeds them to 64-bit
 * bitwise operations whose results only further word instructions read: their extensions then do nothing.
 */
public final class HighHalfReads {
    private HighHalfReads() {
    }

    /** The values whose upper half something in the block reads. */
    public static Set<Inst> of(IrBlock block) {
        Set<Inst> read = new HashSet<>();
        Set<Long> replacedLater = new HashSet<>(); // registers written again further on, unread until then
        List<Inst> insts = block.insts;
        for (int k = insts.size() - 1; k >= 0; k--) {
            Inst i = insts.get(k);
            if (i.op.isTerminator() || i.op.mayExitAtInstruction()) {
                replacedLater.clear();
            }
            boolean whole = read.contains(i);
            switch (i.op) {
                case SET_REG -> {
                    if (!replacedLater.contains(i.registerKey())) {
                        read.add(i.operand(0));
                    }
                    replacedLater.add(i.registerKey());
                }
                case GET_REG -> replacedLater.remove(i.registerKey());
                case ADD, SUB, MUL, OR, XOR, NOT, NEG -> {
                    if (whole || i.type != Type.I64) {
                        Collections.addAll(read, i.operands);
                    }
                }
                case AND -> {
                    // and with a constant below 2^32: the result's upper half is 0 whatever the other operand's is
                    boolean lowMask = i.type == Type.I64 && (lowMask(i.operand(0)) || lowMask(i.operand(1)));
                    if ((whole && !lowMask) || i.type != Type.I64) {
                        Collections.addAll(read, i.operands);
                    }
                }
                case SHL -> {
                    if (whole || i.type != Type.I64) {
                        read.add(i.operand(0));
                    }
                    read.add(i.operand(1));
                }
                case SELECT -> {
                    read.add(i.operand(0));
                    if (whole || i.type != Type.I64) {
                        read.add(i.operand(1));
                        read.add(i.operand(2));
                    }
                }
                case TRUNC -> {
                    if (i.type.bits > 32) {
                        read.add(i.operand(0));
                    }
                }
                default -> Collections.addAll(read, i.operands);
            }
        }
        return read;
    }

    private static boolean lowMask(Inst c) {
        return c.isConst() && (c.aux >>> 32) == 0;
    }
}
