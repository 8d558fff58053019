package dbt.properties;

import dbt.frontend.GuestMachine;
import dbt.frontend.GuestMemory;
import dbt.frontend.GuestState;
import dbt.frontend.ShippedIsa;
import dbt.ir.GuestFault;
import dbt.isa.decode.InstructionDecoder;
import dbt.isa.interp.IllegalInstruction;
import dbt.isa.model.IsaModel;
import dbt.runtime.translate.TranslatingEngine;
import dbt.runtime.translate.TranslationOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random bytes as guest code: whatever they decode to (undecodable words, jumps into data or nowhere, divisions
 * by zero, loops), the translator must never take the JVM down. Each case runs with a block budget, so endless
 * loops end too; every way the guest can stop (fault, illegal instruction, system call, budget) is fine. Half the
 * cases run the way dbt run does, a block's first run on the IR interpreter. That this test process finishes is the
 * property.
 */
class RandomCodeProperties {
    static final long CODE = 0x10000;
    static final long DATA = 0x20000;
    static final InstructionDecoder DECODER = ShippedIsa.riscv64();
    static final IsaModel MODEL = DECODER.model();
    static final Map<String, Integer> endings = new HashMap<>();
    static GuestMemory memory;
    static GuestState state;
    /** Translating every block before it runs, and dbt run's way: a block's first run on the IR interpreter. */
    static TranslatingEngine[] engines;

    static synchronized TranslatingEngine engine(boolean irFirst) {
        if (engines == null) {
            memory = new GuestMemory();
            memory.map(CODE, 0x1000, GuestMemory.READ | GuestMemory.EXEC);
            memory.map(DATA, 0x2000, GuestMemory.READ | GuestMemory.WRITE);
            state = new GuestState(MODEL.registerFiles().stream().mapToInt(f -> f.count()).toArray(), MODEL.csrSlots());
            engines = new TranslatingEngine[2];
            for (int k = 0; k < 2; k++) {
                engines[k] = new TranslatingEngine(DECODER, new GuestMachine(state, memory),
                        TranslationOptions.all().withBudget().withTranslateAfter(k),
                        new PrintStream(OutputStream.nullOutputStream()));
            }
        }
        return engines[irFirst ? 1 : 0];
    }

    @Property(tries = 3000)
    void randomBytesNeverCrashTheHost(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TranslatingEngine e = engine(random.nextBoolean());
        byte[] code = new byte[0x1000];
        random.nextBytes(code);
        e.invalidate();
        memory.protect(CODE, 0x1000, GuestMemory.READ | GuestMemory.WRITE);
        memory.write(CODE, code, 0, code.length);
        memory.protect(CODE, 0x1000, GuestMemory.READ | GuestMemory.EXEC);
        for (int f = 0; f < MODEL.registerFiles().size(); f++) {
            for (int r = 1; r < MODEL.registerFiles().get(f).count(); r++) {
                int kind = random.nextInt(3);
                state.setRegister(f, r, kind == 0 ? random.nextLong() : kind == 1 ? CODE + random.nextInt(0x1000)
                        : DATA + random.nextInt(0x2000));
            }
        }
        state.setPc(CODE + 2L * random.nextInt(0x800));
        e.setBudget(200);
        String end;
        try {
            end = e.run().name();
        } catch (GuestFault f) {
            end = "fault";
        } catch (IllegalInstruction i) {
            end = "illegal";
        }
        endings.merge(end, 1, Integer::sum);
    }

    @AfterContainer
    static void report() {
        System.out.println("random code: the JVM survived every case; endings " + endings);
    }
}
