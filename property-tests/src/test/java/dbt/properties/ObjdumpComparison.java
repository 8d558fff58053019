package dbt.properties;

import dbt.isa.model.Field;
import dbt.isa.model.Instruction;
import dbt.isa.model.Template;
import dbt.properties.IsaDescriptions.Isa;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the lines of {@code objdump -d -M no-aliases} with what our decode tree and printer make of the same
 * words at the same addresses. Not thread-safe: feed it one listing at a time.
 */
final class ObjdumpComparison {
    /** "   10420:\t7131                \tc.addi16sp\tsp,-192" (raw as one word, or as bytes in memory order). */
    private static final Pattern LINE =
            Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f]{2,}(?: [0-9a-f]{2})*)\\s*\\t(.*)$");
    private static final Pattern BARE_HEX = Pattern.compile("[0-9a-f]+");

    /** A difference: where, the raw word, objdump's text and ours (null when we decode nothing). */
    record Mismatch(String source, long address, String raw, String objdump, String ours, String why, String kind) {
        @Override
        public String toString() {
            return String.format("%s %x: %-8s objdump '%s' ours '%s'%s", source, address, raw, objdump,
                    ours == null ? "(nothing)" : ours, why == null ? "" : " [" + why + "]");
        }
    }

    private final Isa isa;
    /** Differences that are accepted and counted, not failed: a reason for a (word, objdump text, ours) triple, or null. */
    private final Tolerance tolerance;

    long lines;          // instruction lines seen
    long dataMarkers;    // .word/.insn/.2byte... lines: not instructions, skipped
    long compared;       // instruction lines compared
    long agreed;
    final Map<String, Long> tolerated = new TreeMap<>();
    final List<Mismatch> mismatches = new ArrayList<>();
    /** Data markers whose word we decode as an instruction (objdump calls it illegal): reported, not failed. */
    final List<Mismatch> dataWeDecode = new ArrayList<>();
    final Map<String, Long> dataWeDecodeByText = new TreeMap<>();
    final Map<String, Long> mismatchKinds = new TreeMap<>();
    final Map<String, Long> agreedMnemonics = new TreeMap<>();

    /** What objdump printed for a word and what we make of it. */
    record Line(long word, int length, String objdumpMnemonic, List<String> objdumpOperands, Instruction insn,
                String ours, List<String> ourOperands) {
        boolean data() {
            return objdumpMnemonic.startsWith(".");
        }
    }

    /** Accepts a known difference: returns why it is not a disagreement, or null. */
    interface Tolerance {
        String reason(Line line);
    }

    ObjdumpComparison(Isa isa, Tolerance tolerance) {
        this.isa = isa;
        this.tolerance = tolerance;
    }

    void compareListing(String source, String listing) {
        for (String line : listing.split("\n")) {
            compareLine(source, line);
        }
    }

    void compareLine(String source, String line) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return;
        }
        lines++;
        long address = Long.parseUnsignedLong(m.group(1), 16);
        String raw = m.group(2);
        String text = m.group(3).trim();
        long word;
        int length;
        if (raw.contains(" ")) {
            String[] bytes = raw.split(" ");
            word = 0;
            for (int i = 0; i < bytes.length; i++) {
                word |= Long.parseLong(bytes[i], 16) << (8 * i);
            }
            length = 8 * bytes.length;
        } else {
            word = Long.parseUnsignedLong(raw, 16);
            length = 4 * raw.length();
        }
        String mnemonic = text.split("\\s+", 2)[0];
        String operands = text.length() > mnemonic.length() ? text.substring(mnemonic.length()).trim() : "";

        int ourLength = isa.model().lengthOf(word & Field.lowBits(isa.model().minLength()));
        Instruction insn = ourLength == length ? isa.tree().decode(word, length) : null;
        String ours = insn == null ? null : isa.printer().print(insn, word, address);

        List<String> theirs = objdumpOperands(operands);
        List<String> mine = insn == null ? List.of() : ourOperands(insn, ours);
        if (insn != null) {
            for (int i : pcRelativeOperands(insn)) {
                if (i < theirs.size() && BARE_HEX.matcher(theirs.get(i)).matches()) {
                    theirs.set(i, "0x" + Long.toHexString(Long.parseUnsignedLong(theirs.get(i), 16)));
                }
            }
        }
        Line parsed = new Line(word, length, mnemonic, theirs, insn, ours, mine);
        if (mnemonic.startsWith(".")) {
            dataMarkers++;
            if (insn != null && !tolerated(parsed)) {
                dataWeDecodeByText.merge(text.replaceAll("0x[0-9a-f]+", "0x…") + " → " + insn.name(), 1L, Long::sum);
                if (dataWeDecode.size() < 200) {
                    dataWeDecode.add(new Mismatch(source, address, raw, text, ours, "objdump: not an instruction",
                            mnemonic + " → " + insn.name()));
                }
            }
            return;
        }
        compared++;
        if (ourLength != length) {
            fail(source, address, raw, text, null, "objdump reads " + length + " bits, our length rules say "
                    + ourLength, mnemonic + " length");
            return;
        }
        boolean mustBeIllegal = mnemonic.equals("unimp") || mnemonic.equals("c.unimp") || (word == 0);
        if (mustBeIllegal) {
            if (insn == null) {
                agree(mnemonic);
            } else if (!tolerated(parsed)) {
                fail(source, address, raw, text, ours, "objdump says illegal, we decode " + insn.name(),
                        mnemonic + " → " + insn.name());
            }
            return;
        }
        if (insn == null) {
            if (!tolerated(parsed)) {
                fail(source, address, raw, text, null, "we decode nothing", mnemonic + " → nothing");
            }
            return;
        }
        String ourMnemonic = ours.split(" ", 2)[0];
        if (ourMnemonic.equals(mnemonic) && mine.equals(theirs)) {
            agree(mnemonic);
            return;
        }
        if (tolerated(parsed)) {
            return;
        }
        fail(source, address, raw, text, ours, null, mnemonic + " → " + insn.name());
    }

    /** Whether the tolerance accepts the difference (then it is counted apart, not compared). */
    private boolean tolerated(Line line) {
        String reason = tolerance == null ? null : tolerance.reason(line);
        if (reason == null) {
            return false;
        }
        if (!line.data()) {
            compared--;
        }
        tolerated.merge(reason, 1L, Long::sum);
        return true;
    }

    private void agree(String mnemonic) {
        agreed++;
        agreedMnemonics.merge(mnemonic, 1L, Long::sum);
    }

    private void fail(String source, long address, String raw, String text, String ours, String why, String kind) {
        mismatches.add(new Mismatch(source, address, raw, text, ours, why, kind));
        mismatchKinds.merge(kind, 1L, Long::sum);
    }

    /** objdump's operands without "# comment", without "<symbol+off>", without blanks. */
    static List<String> objdumpOperands(String operands) {
        String s = operands;
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        s = s.replaceAll("<[^>]*>", "").replaceAll("\\s+", "");
        return s.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(s.split(",", -1)));
    }

    static List<String> ourOperands(Instruction insn, String ours) {
        int sp = ours.indexOf(' ');
        String s = sp < 0 ? "" : ours.substring(sp + 1).replaceAll("\\s+", "");
        List<String> out = s.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(s.split(",", -1)));
        for (int i : pcRelativeOperands(insn)) {
            if (i < out.size() && out.get(i).startsWith("0x")) {
                out.set(i, "0x" + Long.toHexString(Long.parseUnsignedLong(out.get(i).substring(2), 16)));
            }
        }
        return out;
    }

    /** The operand positions (counted by commas) that the template prints as a target address. */
    static List<Integer> pcRelativeOperands(Instruction insn) {
        return operandPositions(insn, p -> p.format() == Template.Format.PC_RELATIVE);
    }

    /** The operand positions (counted by commas) of the placeholders that satisfy which. */
    static List<Integer> operandPositions(Instruction insn, java.util.function.Predicate<Template.Placeholder> which) {
        List<Integer> out = new ArrayList<>();
        int commas = 0;
        for (Template.Segment s : insn.template().segments()) {
            switch (s) {
                case Template.Text t -> commas += (int) t.text().chars().filter(c -> c == ',').count();
                case Template.Placeholder p -> {
                    if (which.test(p)) {
                        out.add(commas);
                    }
                }
            }
        }
        return out;
    }

    String report(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append(": ").append(lines).append(" instruction lines; compared ").append(compared)
                .append(", agreed ").append(agreed)
                .append(", data markers skipped ").append(dataMarkers).append(", mismatches ")
                .append(mismatches.size()).append('\n');
        if (!tolerated.isEmpty()) {
            sb.append("  tolerated (known objdump-only differences, not compared):\n");
            tolerated.forEach((k, v) -> sb.append(String.format("    %6d  %s%n", v, k)));
        }
        if (!dataWeDecodeByText.isEmpty()) {
            sb.append("  words objdump calls not-an-instruction but we decode:\n");
            dataWeDecodeByText.forEach((k, v) -> sb.append(String.format("    %6d  %s%n", v, k)));
        }
        if (!mismatchKinds.isEmpty()) {
            sb.append("  mismatches by kind (objdump mnemonic → our instruction):\n");
            mismatchKinds.forEach((k, v) -> sb.append(String.format("    %6d  %s%n", v, k)));
        }
        return sb.toString();
    }

    /** Up to n mismatches, a few of each kind (objdump mnemonic → our instruction), in listing order. */
    String mismatchesByKind(int n) {
        Map<String, List<Mismatch>> byKind = new TreeMap<>();
        for (Mismatch m : mismatches) {
            List<Mismatch> list = byKind.computeIfAbsent(m.kind(), k -> new ArrayList<>());
            if (list.stream().noneMatch(x -> x.raw().equals(m.raw()))) {
                list.add(m);
            }
        }
        int each = Math.max(2, n / Math.max(1, byKind.size()));
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (List<Mismatch> list : byKind.values()) {
            for (Mismatch m : list.subList(0, Math.min(each, list.size()))) {
                if (shown++ < n) {
                    sb.append("  ").append(m).append('\n');
                }
            }
        }
        sb.append("  (").append(Math.min(shown, n)).append(" shown of ").append(mismatches.size()).append(")\n");
        return sb.toString();
    }

    /** The first n mismatches, one per distinct (raw word, objdump mnemonic). */
    String firstMismatches(int n) {
        Map<String, Mismatch> distinct = new LinkedHashMap<>();
        for (Mismatch m : mismatches) {
            distinct.putIfAbsent(m.raw() + " " + m.objdump().split("\\s+")[0], m);
        }
        StringBuilder sb = new StringBuilder();
        int k = 0;
        for (Mismatch m : distinct.values()) {
            if (k++ == n) {
                break;
            }
            sb.append("  ").append(m).append('\n');
        }
        sb.append("  (").append(distinct.size()).append(" distinct of ").append(mismatches.size()).append(")\n");
        return sb.toString();
    }
}
