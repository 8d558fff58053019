package dbt.runtime.check;

import dbt.frontend.GuestState;
import dbt.isa.asm.Disassembler;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.model.Instruction;
import java.util.ArrayList;
import java.util.List;

/**
 * One equivalence case: a guest instruction sequence (each word with its length in bytes), the initial registers
 * of every register file, the initial value of every CSR slot, and the initial contents of the data region. The sequence ends exactly at the end of
 * its code page; the page after it is not mapped, so running off the end faults in every engine alike.
 */
public record CheckCase(List<long[]> code, long[][] registers, long[] csrs, byte[] data) {
    public int codeBytes() {
        int n = 0;
        for (long[] w : code) {
            n += (int) w[1];
        }
        return n;
    }

    /** The address of the first instruction: the sequence ends at the end of the code page. */
    public long start() {
        return CheckLayout.CODE_END - codeBytes();
    }

    /** Puts the case's registers and CSRs in state, with no reservation held (the pc is the caller's). */
    public void loadState(GuestState state) {
        for (int f = 0; f < registers.length; f++) {
            for (int r = 0; r < registers[f].length; r++) {
                state.setRegister(f, r, registers[f][r]);
            }
        }
        for (int s = 0; s < csrs.length; s++) {
            state.setCsr(s, csrs[s]);
        }
        state.setReservation(-1);
    }

    /** The same case without instruction k (for shrinking). */
    public CheckCase without(int k) {
        List<long[]> shorter = new ArrayList<>(code);
        shorter.remove(k);
        return new CheckCase(shorter, registers, csrs, data);
    }

    public String disassembly(InstructionDecoder decoder) {
        Disassembler printer = new Disassembler(decoder.model());
        StringBuilder sb = new StringBuilder();
        long pc = start();
        for (long[] w : code) {
            Instruction i = decoder.decode(w[0], (int) w[1] * 8);
            sb.append(String.format("  0x%x: %-36s (0x%0" + (w[1] * 2) + "x)%n", pc,
                    i == null ? "(undecodable)" : printer.print(i, w[0], pc), w[0]));
            pc += w[1];
        }
        return sb.toString();
    }
}
