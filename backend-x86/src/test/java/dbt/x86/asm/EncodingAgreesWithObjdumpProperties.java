package dbt.x86.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dbt.x86.asm.RandomForms.Form;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential test of the encoder against GNU objdump: random programs of random forms ({@link RandomForms}) are
 * assembled, disassembled in one objdump call, and every instruction must start where we started it and read as
 * what we meant. The assembler's own {@link Assembler#listing() listing} of the program must be objdump's
 * disassembly, instruction for instruction, so that it can never lie. Skipped when objdump is not installed.
 */
class EncodingAgreesWithObjdumpProperties {
    private static final Pattern RIP_LABEL = Pattern.compile("\\[rip\\+(L\\d+)(?:([+-])0x([0-9a-f]+))?\\]");
    private static final Pattern LABEL = Pattern.compile("\\bL\\d+\\b");

    @Property(tries = 1000)
    void objdumpReadsWhatWeMeant(@ForAll("programs") List<Form> program) throws Exception {
        Assume.that(Objdump.available());
        Assembler a = new Assembler(true);
        Label start = a.newLabel();
        Label end = a.newLabel();
        a.bind(start);
        List<Integer> offsets = new ArrayList<>();
        for (Form f : program) {
            offsets.add(a.offset());
            f.emit(a, start, end);
        }
        a.bind(end);
        AssembledCode code = a.finish(RandomForms.LOAD);
        Map<Long, String> disassembly = Objdump.disassemble(code.bytes(), RandomForms.LOAD);

        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < program.size(); i++) {
            int next = i + 1 < program.size() ? offsets.get(i + 1) : code.size();
            String bytes = EncodingTestBase.hex(Arrays.copyOfRange(code.bytes(), offsets.get(i), next));
            String meant = program.get(i).text().replace("{end}", RandomForms.hex(RandomForms.LOAD + code.size()));
            expected.add(bytes + "  " + canonical(meant));
            String read = disassembly.get(RandomForms.LOAD + offsets.get(i));
            actual.add(bytes + "  " + (read == null ? "(no instruction starts here)" : canonical(read)));
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual),
                () -> "objdump disagrees; its whole listing:\n" + Objdump.listing(disassembly));
        assertEquals(program.size(), disassembly.size(), "objdump found more instructions than we emitted");
        assertListingIsDisassembly(a.listing(), code, disassembly, start, end);
    }

    /**
     * The listing's instructions tile the code, and each one's text is objdump's text at its address: the label
     * names resolved to addresses (the listing's own label entries give them), a comma's following space dropped,
     * and both normalized by {@link Objdump#normalize}. Its label entries sit where the labels are bound.
     */
    static void assertListingIsDisassembly(List<ListingEntry> listing, AssembledCode code, Map<Long, String> disassembly,
                                           Label... labels) {
        Map<String, Long> labelAddress = new HashMap<>();
        for (ListingEntry e : listing) {
            if (e.isLabel()) {
                labelAddress.put(e.text().substring(0, e.text().length() - 1), code.loadAddress() + e.offset());
            }
        }
        for (Label l : labels) {
            assertEquals(code.loadAddress() + l.offset(), labelAddress.get(l.toString()), "listing entry of " + l);
        }
        List<String> listed = new ArrayList<>();
        List<String> read = new ArrayList<>();
        int next = 0;
        int instructions = 0;
        for (ListingEntry e : listing) {
            if (e.isLabel()) {
                continue;
            }
            assertEquals(next, e.offset(), "listing entry " + e + " does not start where the previous one ended");
            next = e.offset() + e.length();
            instructions++;
            String bytes = EncodingTestBase.hex(Arrays.copyOfRange(code.bytes(), e.offset(), Math.min(next, code.size())));
            listed.add(bytes + "  " + Objdump.normalize(resolveLabels(e.text(), labelAddress).replace(", ", ",")));
            String text = disassembly.get(code.loadAddress() + e.offset());
            read.add(bytes + "  " + (text == null ? "(no instruction starts here)" : text));
        }
        assertEquals(String.join("\n", read), String.join("\n", listed),
                () -> "the listing disagrees with objdump; its whole listing:\n" + Objdump.listing(disassembly));
        assertEquals(code.size(), next, "the listing does not cover the code");
        assertEquals(disassembly.size(), instructions, "objdump found another number of instructions than listed");
    }

    /** {@code jmp L1} as {@code jmp 0xADDRESS}, {@code [rip+L0+0x8]} as objdump's normalized {@code [rip=0xADDRESS]}. */
    static String resolveLabels(String text, Map<String, Long> labelAddress) {
        Matcher rip = RIP_LABEL.matcher(text);
        StringBuilder s = new StringBuilder();
        while (rip.find()) {
            long disp = rip.group(2) == null ? 0 : Long.parseLong(rip.group(3), 16) * (rip.group(2).equals("-") ? -1 : 1);
            rip.appendReplacement(s, "[rip=" + RandomForms.hex(address(rip.group(1), labelAddress) + disp) + "]");
        }
        rip.appendTail(s);
        Matcher label = LABEL.matcher(s.toString());
        StringBuilder t = new StringBuilder();
        while (label.find()) {
            label.appendReplacement(t, RandomForms.hex(address(label.group(), labelAddress)));
        }
        return label.appendTail(t).toString();
    }

    private static long address(String label, Map<String, Long> labelAddress) {
        Long address = labelAddress.get(label);
        if (address == null) {
            throw new AssertionError("the listing uses " + label + " but has no entry binding it");
        }
        return address;
    }

    @Provide
    Arbitrary<List<Form>> programs() {
        return RandomForms.any().list().ofMinSize(1).ofMaxSize(40);
    }

    /** xchg is symmetric and objdump prints its one-byte form with the accumulator last: compare operands sorted. */
    static String canonical(String text) {
        if (text.startsWith("xchg ")) {
            String[] ops = text.substring(5).split(",");
            Arrays.sort(ops);
            return "xchg " + String.join(",", ops);
        }
        return text;
    }
}
