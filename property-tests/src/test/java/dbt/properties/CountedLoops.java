package dbt.properties;

import dbt.frontend.lift.Lifter;
import dbt.ir.Op;
import dbt.isa.asm.Assembler;
import dbt.isa.decode.BlockDecoder;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.model.FlowKind;
import dbt.isa.model.Instruction;
import dbt.runtime.check.CheckCase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Random instruction sequences closed into counted loops, so that blocks branching to themselves are translated. */
final class CountedLoops {
    private CountedLoops() {}

    /**
     * Makes the sequence a counted loop: a register the body never writes counts down from 1..4, and a backward
     * branch repeats the body while it is not zero.
     */
    static CheckCase close(InstructionDecoder decoder, CheckCase c, SplittableRandom random) {
        Set<Long> written = new HashSet<>();
        Lifter lifter = new Lifter(decoder.model());
        for (long[] w : c.code()) {
            Instruction i = decoder.decode(w[0], (int) w[1] * 8);
            var d = new BlockDecoder.Decoded(0x1000, w[0], i, FlowKind.NEXT);
            var block = new BlockDecoder.Block(0x1000, List.of(d), BlockDecoder.Stop.END, 0, 0, 0);
            for (var inst : lifter.lift(block).insts) {
                if (inst.op == Op.SET_REG && inst.aux == 0) {
                    written.add(inst.aux2);
                }
            }
        }
        List<Integer> free = new ArrayList<>();
        for (int r = 5; r < 32; r++) {
            if (!written.contains((long) r)) {
                free.add(r);
            }
        }
        if (free.isEmpty()) {
            return c;
        }
        int counter = free.get(random.nextInt(free.size()));
        String name = decoder.model().registerFiles().getFirst().registerName(counter);
        long start = c.start() - 8;
        long end = start + c.codeBytes();
        try {
            Assembler asm = new Assembler(decoder.model());
            List<long[]> code = new ArrayList<>(c.code());
            code.add(new long[] {asm.assemble("addi " + name + ", " + name + ", -1", end).word(), 4});
            code.add(new long[] {asm.assemble("bne " + name + ", zero, 0x" + Long.toHexString(start), end + 4).word(), 4});
            long[][] registers = new long[c.registers().length][];
            for (int f = 0; f < registers.length; f++) {
                registers[f] = c.registers()[f].clone();
            }
            registers[0][counter] = random.nextInt(1, 5);
            return new CheckCase(code, registers, c.csrs(), c.data());
        } catch (Assembler.AssemblyException e) {
            throw new IllegalStateException(e);
        }
    }
}
