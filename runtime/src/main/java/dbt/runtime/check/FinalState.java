package dbt.runtime.check;

import dbt.isa.model.IsaModel;
import java.util.Arrays;

/**
 * Where a check run ended: how (exit, fault, budget), the pc, every register and CSR, the data region. Two final
 * states are equal when all of these are; {@link #describe} prints them one per line, so that two descriptions
 * differ line by line where the states do.
 */
public final class FinalState {
    private final IsaModel model;
    private final String end;
    private final long pc;
    private final long[][] registers;
    private final long[] csrs;
    private final byte[] data;

    FinalState(IsaModel model, String end, long pc, long[][] registers, long[] csrs, byte[] data) {
        this.model = model;
        this.end = end;
        this.pc = pc;
        this.registers = registers;
        this.csrs = csrs;
        this.data = data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FinalState s && end.equals(s.end) && pc == s.pc && Arrays.deepEquals(registers, s.registers)
                && Arrays.equals(csrs, s.csrs) && Arrays.equals(data, s.data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pc) * 31 + end.hashCode();
    }

    /** One line each: the end, the pc, every register by name, every CSR slot, the data region's 64-bit words. */
    public String describe() {
        StringBuilder sb = new StringBuilder("end: " + end + String.format("%npc = 0x%x%n", pc));
        for (int f = 0; f < registers.length; f++) {
            var rf = model.registerFiles().get(f);
            for (int r = 0; r < registers[f].length; r++) {
                sb.append(String.format("%s = 0x%x%n", rf.registerName(r), registers[f][r]));
            }
        }
        for (int s = 0; s < csrs.length; s++) {
            sb.append(String.format("csr slot %d = 0x%x%n", s, csrs[s]));
        }
        for (int k = 0; k < data.length; k += 8) {
            long v = 0;
            for (int b = 7; b >= 0; b--) {
                v = (v << 8) | (data[k + b] & 0xff);
            }
            sb.append(String.format("[0x%x] = 0x%x%n", CheckLayout.DATA + k, v));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
