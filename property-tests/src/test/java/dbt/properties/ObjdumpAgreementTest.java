package dbt.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dbt.isa.model.Field;
import dbt.isa.model.Instruction;
import dbt.properties.IsaDescriptions.Isa;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our decoder and printer against GNU objdump ({@code -d -M no-aliases}) on real code: the guest test programs
 * (tests/programs/*.c) compiled with {@code riscv64-linux-gnu-gcc -O2 -static}, i.e. the programs and all of static
 * glibc. Every instruction line must agree (mnemonic and operands, after normalising blanks, objdump's comments,
 * its {@code <symbol>} annotations and its bare-hex targets); {@code unimp}/{@code c.unimp} must decode to nothing.
 * Skipped when the cross tools are not installed.
 */
class ObjdumpAgreementTest {
    static final String GCC = "riscv64-linux-gnu-gcc";
    static final String OBJDUMP = "riscv64-linux-gnu-objdump";
    static final int SHOWN = 30;

    @Test
    void compiledProgramsAgreeWithObjdump() throws Exception {
        assumeTrue(runs(GCC, "--version"), GCC + " is not installed");
        assumeTrue(runs(OBJDUMP, "--version"), OBJDUMP + " is not installed");
        Isa isa = IsaDescriptions.byName("riscv64");
        assumeTrue(isa != null, "no riscv64 description");

        Path programs = IsaDescriptions.repoRoot().resolve("tests/programs");
        List<Path> sources;
        try (Stream<Path> s = Files.list(programs)) {
            sources = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
        assertTrue(sources.size() >= 2, "expected C programs in " + programs);
        Path out = workDir();

        // fpbadrm.c holds one instruction with the reserved rounding mode 5 on purpose.
        ObjdumpComparison cmp = new ObjdumpComparison(isa, KnownObjdumpDifferences::reservedRoundingMode);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // Compile and disassemble in parallel; compare in order (the comparison is not thread-safe).
            List<Future<String>> listings = new ArrayList<>();
            for (Path src : sources) {
                listings.add(pool.submit(() -> {
                    String name = src.getFileName().toString().replaceFirst("\\.c$", "");
                    Path bin = out.resolve(name);
                    if (!Files.exists(bin) || Files.getLastModifiedTime(bin).compareTo(Files.getLastModifiedTime(src)) < 0) {
                        run(GCC, "-O2", "-static", "-o", bin.toString(), src.toString(), "-lm");
                    }
                    return run(OBJDUMP, "-d", "-M", "no-aliases", bin.toString());
                }));
            }
            for (int i = 0; i < sources.size(); i++) {
                cmp.compareListing(sources.get(i).getFileName().toString(), listings.get(i).get(5, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        String report = cmp.report("objdump -d -M no-aliases on " + sources.size() + " static programs ("
                + (System.nanoTime() - start) / 1_000_000 + " ms)");
        System.out.print(report);
        assertTrue(cmp.compared > 10_000, "too few instructions compared:\n" + report);
        if (!cmp.mismatches.isEmpty()) {
            fail(cmp.mismatches.size() + " instructions differ from objdump; the first " + SHOWN + " distinct:\n"
                    + cmp.firstMismatches(SHOWN) + report);
        }
    }

    /**
     * Words generated from the model for every instruction (as in {@link EncodingProperties}), laid out in a raw
     * binary and disassembled by objdump: this reaches the encodings compilers never emit. Differences that are
     * objdump's (see {@link KnownObjdumpDifferences}) are counted apart; every other one fails.
     */
    @Test
    void modelGeneratedWordsAgreeWithObjdump() throws Exception {
        assumeTrue(runs(OBJDUMP, "--version"), OBJDUMP + " is not installed");
        Isa isa = IsaDescriptions.byName("riscv64");
        assumeTrue(isa != null, "no riscv64 description");
        java.util.Random random = new java.util.Random(20261121);
        List<Long> words = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        int instructions = 0;
        for (Encodings.Target t : Encodings.targets(List.of(isa))) {
            instructions++;
            for (int k = 0; k < WORDS_PER_INSTRUCTION; k++) {
                Encodings.Case c = Encodings.random(t, random);
                assertTrue(c != null, t + ": cannot generate a word");
                words.add(c.word());
                lengths.add(c.length());
            }
        }
        compareRawWords(isa, "model-words", words, lengths, words.size() + " words generated from the model for "
                + instructions + " instructions");
    }

    /** Random words of every length: where either side decodes one, both must agree. */
    @Test
    void randomWordsAgreeWithObjdump() throws Exception {
        assumeTrue(runs(OBJDUMP, "--version"), OBJDUMP + " is not installed");
        Isa isa = IsaDescriptions.byName("riscv64");
        assumeTrue(isa != null, "no riscv64 description");
        java.util.Random random = new java.util.Random(1);
        List<Integer> choices = Encodings.lengths(isa.model());
        List<Long> words = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        while (words.size() < RANDOM_WORDS) {
            int length = choices.get(random.nextInt(choices.size()));
            Long w = Encodings.wordOfLength(isa.model(), length, random.nextLong());
            if (w != null) {
                words.add(w);
                lengths.add(length);
            }
        }
        compareRawWords(isa, "random-words", words, lengths, words.size() + " random words");
    }

    static final int WORDS_PER_INSTRUCTION = 64;
    static final int RANDOM_WORDS = 100_000;
    static final long RAW_BASE = 0x200000;
    static final String AS = "riscv64-linux-gnu-as";
    /** RV64GC with Zba, Zbb and Zbs, as an ELF arch attribute. */
    static final String ARCH = "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0_zba1p0_zbb1p0_zbs1p0";

    private static void compareRawWords(Isa isa, String name, List<Long> words, List<Integer> lengths, String what)
            throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < words.size(); i++) {
            for (int b = 0; b < lengths.get(i) / 8; b++) {
                bytes.write((int) (words.get(i) >>> (8 * b)) & 0xff);
            }
        }
        Path bin = workDir().resolve(name + ".bin");
        Files.write(bin, bytes.toByteArray());
        // An object file whose attributes name every extension the description has (objdump's default for raw
        // binaries lacks Zba/Zbb/Zbs), the words marked as code by a mapping symbol.
        Path asm = workDir().resolve(name + ".s");
        Files.writeString(asm, ".attribute arch, \"" + ARCH + "\"\n.text\n$x:\n.incbin \"" + bin + "\"\n");
        Path object = workDir().resolve(name + ".o");
        run(AS, "-o", object.toString(), asm.toString());
        String listing = run(OBJDUMP, "-d", "-M", "no-aliases", "--adjust-vma=0x" + Long.toHexString(RAW_BASE),
                object.toString());
        ObjdumpComparison cmp = new ObjdumpComparison(isa, new KnownObjdumpDifferences(isa));
        cmp.compareListing(name, listing);
        String report = cmp.report("objdump -d -M no-aliases on " + what);
        System.out.print(report);
        assertTrue(cmp.lines >= words.size() / 2, "objdump listed too few lines:\n" + report);
        if (!cmp.mismatches.isEmpty() || !cmp.dataWeDecode.isEmpty()) {
            StringBuilder data = new StringBuilder();
            cmp.dataWeDecode.stream().limit(10).forEach(m -> data.append("  ").append(m).append('\n'));
            fail(cmp.mismatches.size() + " words differ from objdump, and objdump calls " + cmp.dataWeDecode.size()
                    + " words we decode not an instruction. Differences, a few of each kind:\n"
                    + cmp.mismatchesByKind(SHOWN) + data + report);
        }
    }

    /**
     * Differences that are objdump's, not ours, accepted in the raw-word comparisons (never in the comparison of
     * compiled programs): each is narrow and named in the report.
     */
    static final class KnownObjdumpDifferences implements ObjdumpComparison.Tolerance {
        static final String RESERVED_ROUNDING = "reserved rounding mode: objdump prints 'unknown' for 5 and 6, we keep the number";

        static boolean reservedRoundingMode(String mine, String theirs) {
            return (mine.equals("rm5") || mine.equals("rm6")) && theirs.equals("unknown");
        }

        /** The one difference accepted in compiled programs too: a line whose only difference is a reserved mode. */
        static String reservedRoundingMode(ObjdumpComparison.Line l) {
            if (l.insn() == null || l.data() || l.ourOperands().size() != l.objdumpOperands().size()
                    || !l.ours().split(" ", 2)[0].equals(l.objdumpMnemonic())) {
                return null;
            }
            boolean reserved = false;
            for (int i = 0; i < l.ourOperands().size(); i++) {
                String mine = l.ourOperands().get(i);
                String theirs = l.objdumpOperands().get(i);
                if (reservedRoundingMode(mine, theirs)) {
                    reserved = true;
                } else if (!mine.equals(theirs)) {
                    return null;
                }
            }
            return reserved ? RESERVED_ROUNDING : null;
        }

        private final Isa isa;

        KnownObjdumpDifferences(Isa isa) {
            this.isa = isa;
        }

        @Override
        public String reason(ObjdumpComparison.Line l) {
            Instruction insn = l.insn();
            if (insn == null) {
                // A reserved encoding (RV64C: c.addi16sp needs a non-zero immediate) that objdump still prints.
                if (l.objdumpMnemonic().equals("c.addi16sp") && l.objdumpOperands().equals(List.of("sp", "0"))) {
                    return "c.addi16sp sp,0: reserved encoding (nzimm=0) that objdump prints and we reject";
                }
                return null;
            }
            if (l.data()) {
                // Fields the manual reserves and tells implementations to ignore (fence fm/rs1/rd, fence.i
                // imm/rs1/rd): objdump insists on zeros, the description ignores them.
                if ((l.word() & Encodings.dontCareBits(new Encodings.Target(isa, insn))) != 0) {
                    return insn.name() + " with non-zero ignored bits: objdump prints .4byte";
                }
                // Conversions that are always exact (fcvt.d.s, fcvt.d.w, fcvt.d.wu) still carry a rounding mode,
                // which the manual lets be any valid one; binutils 2.40 knows them only with rm = 0.
                Field exact = isa.model().fields().stream().filter(f -> f.name().equals("rm_exact")).findFirst()
                        .orElse(null);
                if (exact != null && java.util.Arrays.stream(insn.fields()).anyMatch(f -> isa.model().fields().get(f) == exact)
                        && exact.decode(l.word()) != 0) {
                    return insn.name() + " with a rounding mode other than rne: binutils 2.40 prints .4byte";
                }
                return null;
            }
            String ourMnemonic = l.ours().split(" ", 2)[0];
            if (ourMnemonic.equals("pause") && l.objdumpMnemonic().equals("fence")
                    && l.objdumpOperands().equals(List.of("w", "unknown"))) {
                return "pause: the architecture we tell objdump lacks Zihintpause (it prints fence w,unknown)";
            }
            if (!ourMnemonic.equals(l.objdumpMnemonic()) || l.ourOperands().size() != l.objdumpOperands().size()) {
                return null;
            }
            List<Integer> flags = ObjdumpComparison.operandPositions(insn,
                    p -> isa.model().fields().get(p.field()).kind() instanceof Field.Flags);
            List<Integer> csrs = ObjdumpComparison.operandPositions(insn,
                    p -> isa.model().fields().get(p.field()).kind() instanceof Field.CsrNumber);
            String reason = null;
            for (int i = 0; i < l.ourOperands().size(); i++) {
                String mine = l.ourOperands().get(i);
                String theirs = l.objdumpOperands().get(i);
                if (mine.equals(theirs)) {
                    continue;
                }
                if (reservedRoundingMode(mine, theirs)) {
                    reason = RESERVED_ROUNDING;
                } else if (flags.contains(i) && mine.equals("0") && theirs.equals("unknown")) {
                    reason = "empty fence set: binutils 2.40 prints 'unknown', we print '0'";
                } else if (csrs.contains(i) && mine.matches("0x[0-9a-f]+") && theirs.matches("[a-z][a-z0-9.]*")
                        && isa.model().csrByNumber(Long.parseLong(mine.substring(2), 16)) == null) {
                    reason = "CSR our description does not declare: objdump prints its name, we its number";
                } else {
                    return null;
                }
            }
            return reason;
        }
    }

    static Path workDir() throws IOException {
        Path out = Path.of("target", "objdump-agreement").toAbsolutePath();
        Files.createDirectories(out);
        return out;
    }

    static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a command; returns its stdout, or fails with its stderr. */
    static String run(String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile(workDir(), "stderr", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String stdout;
            try (InputStream in = p.getInputStream()) {
                stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + "\n"
                        + Files.readString(err));
            }
            return stdout;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
