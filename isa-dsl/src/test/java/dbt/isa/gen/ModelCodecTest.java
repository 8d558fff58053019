package dbt.isa.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dbt.isa.asm.Seed64;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The shipped models survive the binary form: read back, they are the models that were written. */
class ModelCodecTest {
    @Test
    void bothShippedIsasRoundTrip() throws Exception {
        for (IsaModel m : new IsaModel[] {Seed64.riscv64(), Seed64.model()}) {
            byte[] bytes = bytes(m);
            IsaModel back = ModelCodec.read(new ModelInput(bytes));
            assertArrayEquals(bytes, bytes(back), m.name());
            assertEquals(m.registerFiles(), back.registerFiles());
            assertEquals(m.fields(), back.fields());
            assertEquals(m.abi(), back.abi());
            assertEquals(m.instructions().size(), back.instructions().size());
            for (int k = 0; k < m.instructions().size(); k++) {
                Instruction a = m.instructions().get(k);
                Instruction b = back.instructions().get(k);
                assertEquals(a.semantics(), b.semantics(), a.name());
                assertEquals(a.guard(), b.guard(), a.name());
                assertEquals(a.flow(), b.flow(), a.name());
                assertEquals(a.template(), b.template(), a.name());
                assertEquals(a.location(), b.location(), a.name());
                assertEquals(Arrays.toString(a.fields()), Arrays.toString(b.fields()), a.name());
            }
        }
    }

    @Test
    void stringsReadBackAsWrittenAsciiOrNot() throws IOException {
        String[] strings = {"addi {rd}, {rs1}, {imm}", "", "h\u00e9llo \u2713 \0 \ud83d\ude00"};
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        for (String s : strings) {
            out.writeUTF(s);
            out.writeInt(-5);
            out.writeLong(Long.MIN_VALUE + 3);
        }
        ModelInput in = new ModelInput(buffer.toByteArray());
        for (String s : strings) {
            assertEquals(s, in.readUTF());
            assertEquals(-5, in.readInt());
            assertEquals(Long.MIN_VALUE + 3, in.readLong());
        }
        assertThrows(EOFException.class, in::readByte);
    }

    @Test
    void somethingElseIsRefused() {
        byte[] notAModel = "not a model at all".getBytes();
        IOException e = assertThrows(IOException.class,
                () -> ModelCodec.read(new ModelInput(notAModel)));
        assertEquals("not a model written by this version of dbt: rebuild dbt", e.getMessage());
    }

    private static byte[] bytes(IsaModel m) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            ModelCodec.write(m, out);
        }
        return b.toByteArray();
    }
}
