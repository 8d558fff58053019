package dbt.properties;

import dbt.frontend.lift.Lifter;
import dbt.ir.Inst;
import dbt.ir.IrBlock;
import dbt.ir.Op;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.decode.RandomEncodings;
import dbt.isa.model.FlowKind;
import dbt.isa.model.Instruction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random guest instructions that a generated program can run straight through, drawn from the ISA description's own
 * encodings (any instruction, fields random): each falls through to the next (its flow kind is NEXT), writes no
 * register of the given reserved set (the program's loop counters, return address, stack and data pointers), and
 * addresses memory, if at all, only off the given base registers (which point into the data region), so loads and
 * stores land there. Which registers an instruction writes and reads for an address is read from its lifted IR, not
 * from a hand-kept list.
 */
final class RunnableInstructions {
    private final InstructionDecoder decoder;
    private final BlockDecoder flows;
    private final Lifter lifter;
    private final RandomEncodings encodings;
    private final List<Instruction> instructions;
    private final Set<Integer> reserved;
    private final Set<Integer> bases;

    RunnableInstructions(InstructionDecoder decoder, Set<Integer> reserved, Set<Integer> bases) {
        this.decoder = decoder;
        this.flows = new BlockDecoder(decoder);
        this.lifter = new Lifter(decoder.model());
        this.encodings = new RandomEncodings(decoder);
        this.instructions = decoder.model().instructions();
        this.reserved = reserved;
        this.bases = bases;
    }

    /** A runnable instruction: {word, length in bytes}. */
    long[] next(SplittableRandom random) {
        while (true) {
            Instruction i = instructions.get(random.nextInt(instructions.size()));
            // a memory instruction is retried with new fields until its base is one of the data pointers
            for (int attempt = 0; attempt < 40; attempt++) {
                long word = encodings.word(i, random);
                if (word < 0 || decoder.decode(word, i.length()) != i) {
                    break;
                }
                Verdict v = verdict(i, word);
                if (v == Verdict.RUNNABLE) {
                    return new long[] {word, i.length() / 8};
                }
                if (v == Verdict.NEVER) {
                    break;
                }
            }
        }
    }

    private enum Verdict { RUNNABLE, NEVER, OTHER_FIELDS }

    private Verdict verdict(Instruction i, long word) {
        if (flows.flowOf(i, word) != FlowKind.NEXT) {
            return Verdict.NEVER;
        }
        var d = new BlockDecoder.Decoded(0x1000, word, i, FlowKind.NEXT);
        IrBlock ir = lifter.lift(new BlockDecoder.Block(0x1000, List.of(d), BlockDecoder.Stop.END, 0, 0, 0));
        // an exit to the interpreter or an illegal-instruction exit: a CSR the ISA does not have, a reserved
        // rounding mode; such an instruction would end the program there
        Op exit = ir.terminator().op;
        if (exit != Op.EXIT_JUMP) {
            return Verdict.OTHER_FIELDS;
        }
        for (Inst inst : ir.insts) {
            if (inst.op == Op.SET_REG && inst.aux == 0 && reserved.contains((int) inst.aux2)) {
                return Verdict.OTHER_FIELDS;
            }
            Inst address = switch (inst.op) {
                case LOAD, STORE -> inst.operand(0);
                case LOAD_IF, STORE_IF, STORE_CAS -> inst.operand(1);
                default -> null;
            };
            if (address != null && !offBases(address)) {
                return Verdict.OTHER_FIELDS;
            }
        }
        return Verdict.RUNNABLE;
    }

    /** Whether every register an address is computed from is a base register (and there is one). */
    private boolean offBases(Inst address) {
        Deque<Inst> work = new ArrayDeque<>(List.of(address));
        boolean based = false;
        while (!work.isEmpty()) {
            Inst v = work.pop();
            if (v.op == Op.GET_REG) {
                if (v.aux != 0 || !bases.contains((int) v.aux2)) {
                    return false;
                }
                based = true;
            }
            work.addAll(List.of(v.operands));
        }
        return based;
    }
}
