package dbt.isa.check;

import dbt.isa.model.Abi;
import dbt.isa.model.Csr;
import dbt.isa.model.Expr;
import dbt.isa.model.Field;
import dbt.isa.model.FlowKind;
import dbt.isa.model.Instruction;
import dbt.isa.model.IsaModel;
import dbt.isa.model.LengthRule;
import dbt.isa.model.RegisterFile;
import dbt.isa.model.SourceLocation;
import dbt.isa.model.Stmt;
import dbt.isa.model.Template;
import dbt.isa.parser.IsaParser;
import dbt.isa.parser.IsaParser.*;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns parse trees into a checked {@link IsaModel}, reporting every mistake as a diagnostic.
 * Declarations are collected first (in any order across files; the header before everything else, names in textual
 * order so that a duplicate is reported where it is written second), then function and procedure bodies are checked
 * once on their own, then instructions are checked against the declarations: patterns, fields, assembly templates,
 * control-flow kinds and semantics ({@link SemanticsChecker}); finally {@link PatternOverlapCheck} makes sure no two
 * patterns overlap outside an {@code overlapping} group.
 */
final class ModelBuilder {
    private final Diagnostics diagnostics;

    private String isaName;
    private int wordWidth = 64;
    private boolean littleEndian = true;
    private boolean sawHeader;
    private String pcName;
    private int pcWidth;
    private final List<RegisterFile> registerFiles = new ArrayList<>();
    private final List<Csr> csrs = new ArrayList<>();
    private final List<LengthRule> lengths = new ArrayList<>();
    private final List<Field> fields = new ArrayList<>();
    private final Map<String, Integer> fieldIndex = new HashMap<>();
    private final List<List<String>> nameTables = new ArrayList<>();
    private final Map<String, Integer> nameTableIndex = new HashMap<>();
    final Map<String, ExprFunctionContext> functions = new HashMap<>();
    final Map<String, ProcedureContext> procedures = new HashMap<>();
    /** Every global name, for duplicate detection. */
    private final Map<String, SourceLocation> globals = new LinkedHashMap<>();

    /** Where diagnostics about the description as a whole go: the top file's first declaration. */
    private final SourceLocation top;

    ModelBuilder(Diagnostics diagnostics, SourceLocation top) {
        this.diagnostics = diagnostics;
        this.top = top;
    }

    IsaModel build(List<DeclarationContext> declarations) throws IsaException {
        List<EncodingContext> encodings = new ArrayList<>();
        List<AbiContext> abis = new ArrayList<>();
        List<FieldContext> fieldDecls = new ArrayList<>();
        List<InstructionContext> instructions = new ArrayList<>();
        List<ParserRuleContext> routines = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        int group = 0;
        // The header first: what it says (the word width) applies to declarations written before it too.
        for (DeclarationContext d : declarations) {
            if (d instanceof IsaHeaderContext h) {
                header(h);
            }
        }
        {
            for (DeclarationContext d : declarations) {
                switch (d) {
                    case IsaHeaderContext h -> { }
                    case RegisterFileContext r -> registerFile(r);
                    case ProgramCounterContext p -> programCounter(p);
                    case CsrContext c -> csr(c);
                    case AbiContext a -> abis.add(a); // checked once every register file is known
                    case EncodingContext e -> encodings.add(e);
                    case NameTableContext n -> nameTable(n);
                    case FieldContext f -> {
                        // declared here, in textual order, but built once the encoding is known
                        if (declare(f.ident().getText(), f.ident())) {
                            fieldDecls.add(f);
                        }
                    }
                    case ExprFunctionContext f -> {
                        parameters(f.params());
                        if (notBuiltin(f.ident()) && declare(f.ident().getText(), f.ident())) {
                            functions.put(f.ident().getText(), f);
                        }
                        routines.add(f);
                    }
                    case ProcedureContext p -> {
                        parameters(p.params());
                        if (notBuiltin(p.ident()) && declare(p.ident().getText(), p.ident())) {
                            procedures.put(p.ident().getText(), p);
                        }
                        routines.add(p);
                    }
                    case OverlappingContext o -> {
                        group++;
                        for (InstructionContext i : o.instruction()) {
                            instructions.add(i);
                            groups.add(group);
                        }
                    }
                    case SingleInstructionContext s -> {
                        instructions.add(s.instruction());
                        groups.add(0);
                    }
                    default -> { } // includes were followed by the loader
                }
            }
        }
        if (!sawHeader) {
            diagnostics.error(top, "missing 'isa' header (name, word width, endianness)");
        }
        if (pcName == null) {
            diagnostics.error(top, "missing 'pc' declaration");
        }
        if (encodings.isEmpty()) {
            diagnostics.error(top, "missing 'encoding' block giving the instruction lengths");
        } else {
            for (EncodingContext e : encodings.subList(1, encodings.size())) {
                diagnostics.error(e, "duplicate 'encoding' block");
            }
            encoding(encodings.getFirst());
        }
        for (FieldContext f : fieldDecls) {
            field(f);
        }
        Abi abi = null;
        if (!abis.isEmpty()) {
            for (AbiContext a : abis.subList(1, abis.size())) {
                diagnostics.error(a, "duplicate 'abi' block (the first is at " + Diagnostics.location(abis.getFirst())
                        + ")");
            }
            abi = abi(abis.getFirst());
        }
        // Each function and procedure body once, on its own, so that mistakes are found even in one nobody calls.
        // A throw-away checker: the instructions' checkers (and their local slots) are not affected.
        for (ParserRuleContext r : routines) {
            SemanticsChecker body = new SemanticsChecker(this, diagnostics, null);
            if (r instanceof ExprFunctionContext f) {
                body.checkFunction(f);
            } else {
                body.checkProcedure((ProcedureContext) r);
            }
        }
        if (instructions.isEmpty()) {
            diagnostics.error(top, "the description defines no instructions");
        }
        List<Integer> groupOf = new ArrayList<>(); // the overlapping group of each checked instruction (0: none)
        List<Instruction> checked = new ArrayList<>();
        Map<String, SourceLocation> names = new HashMap<>();
        for (int i = 0; i < instructions.size(); i++) {
            InstructionContext ic = instructions.get(i);
            String name = ic.ident().getText();
            SourceLocation previous = names.putIfAbsent(name, Diagnostics.location(ic.ident()));
            if (previous != null) {
                diagnostics.error(ic.ident(), "duplicate instruction '" + name + "' (first defined at " + previous + ")");
                continue;
            }
            Instruction insn = instruction(ic, checked.size());
            if (insn != null) {
                checked.add(insn);
                groupOf.add(groups.get(i));
            }
        }
        diagnostics.throwIfAny();
        new PatternOverlapCheck(diagnostics).check(checked, groupOf);
        diagnostics.throwIfAny();
        return new IsaModel(isaName, wordWidth, littleEndian, List.copyOf(registerFiles), pcName, List.copyOf(csrs),
                List.copyOf(lengths), List.copyOf(fields), List.copyOf(nameTables), List.copyOf(checked), abi);
    }

    // ---- declarations ------------------------------------------------------------------------------------------

    private boolean declare(String name, ParserRuleContext at) {
        SourceLocation previous = globals.putIfAbsent(name, Diagnostics.location(at));
        if (previous != null) {
            diagnostics.error(at, "duplicate name '" + name + "' (first declared at " + previous + ")");
            return false;
        }
        return true;
    }

    /** A function or procedure may not take a built-in's name: calls would go to the built-in. */
    private boolean notBuiltin(IdentContext name) {
        if (SemanticsChecker.BUILTINS.contains(name.getText())) {
            diagnostics.error(name, "'" + name.getText() + "' is a built-in and cannot be redefined: choose another name");
            return false;
        }
        return true;
    }

    private void parameters(ParamsContext params) {
        if (params == null) {
            return;
        }
        Map<String, SourceLocation> seen = new HashMap<>();
        for (ParamContext p : params.param()) {
            SourceLocation previous = seen.putIfAbsent(p.ident().getText(), Diagnostics.location(p.ident()));
            if (previous != null) {
                diagnostics.error(p.ident(), "duplicate parameter '" + p.ident().getText() + "' (first declared at " + previous + ")");
            }
        }
    }

    /**
     * The value of a whole number (an INT token), or -1 after a diagnostic when it is too large to mean anything
     * here (it does not fit in an int). Every caller range-checks the value further.
     */
    private int whole(TerminalNode n) {
        String s = n.getText();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            diagnostics.error(n.getSymbol(), "number " + s + " is too large");
            return -1;
        }
    }

    private void header(IsaHeaderContext h) {
        if (sawHeader) {
            diagnostics.error(h, "duplicate 'isa' header");
            return;
        }
        sawHeader = true;
        isaName = h.ident().getText();
        for (IsaPropertyContext p : h.isaProperty()) {
            switch (p) {
                case WordWidthContext w -> {
                    long width = SemanticsChecker.wholeNumber(w.INT());
                    if (width == 32 || width == 64) {
                        wordWidth = (int) width;
                    } else {
                        diagnostics.error(w.INT().getSymbol(), "word width must be 32 or 64, not " + w.INT().getText());
                        wordWidth = 64;
                    }
                }
                case EndiannessContext e -> {
                    String s = e.ident().getText();
                    if (!s.equals("little") && !s.equals("big")) {
                        diagnostics.error(e.ident(), "endianness must be 'little' or 'big', not '" + s + "'");
                    }
                    littleEndian = !s.equals("big");
                    if (!littleEndian) {
                        diagnostics.error(e.ident(), "big-endian guests are not supported yet");
                    }
                }
                default -> { }
            }
        }
    }

    private int typeWidth(TypeContext t, String what) {
        if (t instanceof BitsTypeContext b && b.INT() != null) {
            long w = SemanticsChecker.wholeNumber(b.INT());
            if (w < 1 || w > 64) {
                diagnostics.error(b.INT().getSymbol(), what + ": width must be 1 to 64 bits, not " + b.INT().getText());
                return 64;
            }
            return (int) w;
        }
        diagnostics.error(t, what + " must have a fixed width, e.g. bits(64)");
        return 64;
    }

    private void registerFile(RegisterFileContext r) {
        String name = r.ident().getText();
        if (!declare(name, r.ident())) {
            return;
        }
        int count = whole(r.INT());
        if (count == 0) {
            diagnostics.error(r.INT().getSymbol(), "register file " + name + " has no registers");
        } else if (count < 0) {
            count = Integer.MAX_VALUE; // too large (reported): no follow-on about registers out of range
        }
        int width = typeWidth(r.type(), "register file " + name);
        int zero = -1;
        List<String> aliases = new ArrayList<>();
        for (RegisterOptionContext o : r.registerOption()) {
            if (o instanceof HardwiredZeroContext z) {
                zero = whole(z.INT());
                if (zero >= count) {
                    diagnostics.error(z.INT().getSymbol(), "hard-wired register " + zero + " is outside " + name + "[" + count + "]");
                }
            } else if (o instanceof RegisterNamesContext n) {
                for (IdentContext id : n.ident()) {
                    if (aliases.contains(id.getText())) {
                        diagnostics.error(id, "duplicate register name '" + id.getText() + "'");
                    }
                    aliases.add(id.getText());
                }
                if (aliases.size() > count) {
                    diagnostics.error(n, name + " has " + count + " registers but " + aliases.size() + " names");
                }
            }
        }
        registerFiles.add(new RegisterFile(name, registerFiles.size(), count, width, zero, List.copyOf(aliases),
                Diagnostics.location(r)));
    }

    /** What each entry of an {@code abi} block means, for messages; in the order a missing one is reported. */
    private static final Map<String, String> ABI_ENTRIES = new LinkedHashMap<>();
    static {
        ABI_ENTRIES.put("number", "the system-call number");
        ABI_ENTRIES.put("arguments", "the system-call arguments");
        ABI_ENTRIES.put("result", "the system-call result");
        ABI_ENTRIES.put("stack", "the stack pointer");
        ABI_ENTRIES.put("thread", "the thread pointer");
    }
    /** Entries a block may leave out. */
    private static final Set<String> OPTIONAL_ABI_ENTRIES = Set.of("thread");

    /**
     * An {@code abi} block: a known convention, each entry exactly once, every register inside one register file,
     * at most six distinct arguments, and no hard-wired zero register where the runtime writes or relies on a
     * value (number, result, stack). Returns null after a diagnostic.
     */
    private Abi abi(AbiContext a) {
        int before = diagnostics.list().size();
        String name = a.ident().getText();
        if (!Abi.KNOWN.contains(name)) {
            diagnostics.error(a.ident(), "unknown system-call convention '" + name + "' (known: "
                    + String.join(", ", Abi.KNOWN) + ")");
        }
        Map<String, AbiEntryContext> entries = new HashMap<>();
        RegisterFile file = null;
        AbiRegisterContext fileGivenBy = null;
        for (AbiEntryContext e : a.abiEntry()) {
            String key = e.ident().getText();
            if (!ABI_ENTRIES.containsKey(key)) {
                diagnostics.error(e.ident(), "unknown abi entry '" + key + "' (expected "
                        + String.join(", ", ABI_ENTRIES.keySet()) + ")");
                continue;
            }
            AbiEntryContext previous = entries.putIfAbsent(key, e);
            if (previous != null) {
                diagnostics.error(e.ident(), "abi entry '" + key + "' is given twice (first at "
                        + Diagnostics.location(previous) + ")");
                continue;
            }
            List<AbiRegisterContext> registers = e.abiRegister();
            if (key.equals("arguments")) {
                if (registers.size() > Abi.MAX_ARGUMENTS) {
                    diagnostics.error(registers.get(Abi.MAX_ARGUMENTS), "too many system-call arguments: "
                            + registers.size() + ", but at most " + Abi.MAX_ARGUMENTS + " are passed in registers");
                }
            } else if (registers.size() > 1) {
                diagnostics.error(registers.get(1), "abi entry '" + key + "' is one register, not a list");
            }
            for (AbiRegisterContext r : registers) {
                RegisterFile rf = registerFile(r.ident().getText());
                if (rf == null) {
                    diagnostics.error(r.ident(), "unknown register file '" + r.ident().getText() + "' in abi entry '"
                            + key + "'");
                    continue;
                }
                if (file == null) {
                    file = rf;
                    fileGivenBy = r;
                } else if (rf != file) {
                    diagnostics.error(r.ident(), "abi registers must all be in one register file: " + rf.name()
                            + " is not " + file.name() + " (of " + fileGivenBy.getText() + " at "
                            + Diagnostics.location(fileGivenBy) + ")");
                    continue;
                }
                int index = whole(r.INT());
                if (index >= rf.count()) {
                    diagnostics.error(r.INT().getSymbol(), "abi register " + r.INT().getText() + " is outside "
                            + rf.name() + "[" + rf.count() + "]");
                } else if (index >= 0 && index == rf.zeroIndex() && !key.equals("arguments")) {
                    diagnostics.error(r, ABI_ENTRIES.get(key) + " cannot be " + r.getText() + ": "
                            + rf.name() + "[" + index + "] is hard-wired to zero");
                }
            }
        }
        AbiEntryContext arguments = entries.get("arguments");
        if (arguments != null) {
            Map<String, SourceLocation> seen = new HashMap<>();
            for (AbiRegisterContext r : arguments.abiRegister()) {
                String register = r.ident().getText() + "[" + new BigInteger(r.INT().getText()) + "]";
                SourceLocation previous = seen.putIfAbsent(register, Diagnostics.location(r));
                if (previous != null) {
                    diagnostics.error(r, "system-call argument register " + r.getText() + " is given twice (first at "
                            + previous + ")");
                }
            }
        }
        for (String key : ABI_ENTRIES.keySet()) {
            if (!entries.containsKey(key) && !OPTIONAL_ABI_ENTRIES.contains(key)) {
                diagnostics.error(a.ident(), "abi " + name + " is missing '" + key + "' (" + ABI_ENTRIES.get(key)
                        + ")");
            }
        }
        if (diagnostics.list().size() != before || file == null) {
            return null;
        }
        List<Integer> args = arguments.abiRegister().stream().map(r -> Integer.parseInt(r.INT().getText())).toList();
        return new Abi(name, file.index(), single(entries.get("number")), args, single(entries.get("result")),
                single(entries.get("stack")), entries.containsKey("thread") ? single(entries.get("thread")) : Abi.NONE);
    }

    private static int single(AbiEntryContext e) {
        return Integer.parseInt(e.abiRegister().getFirst().INT().getText());
    }

    private void programCounter(ProgramCounterContext p) {
        if (pcName != null) {
            diagnostics.error(p, "duplicate 'pc' declaration");
            return;
        }
        if (declare(p.ident().getText(), p.ident())) {
            pcName = p.ident().getText();
            pcWidth = typeWidth(p.type(), "pc");
        }
    }

    /** The CSR declared with this name, or null. */
    Csr csrNamed(String name) {
        return csrs.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
    }

    /** The CSR with this floating-point role, or null. */
    Csr csrWithRole(Csr.Role role) {
        return csrs.stream().filter(x -> x.role() == role).findFirst().orElse(null);
    }

    private void csr(CsrContext c) {
        String name = c.ident().getText();
        if (!declare(name, c.ident())) {
            return;
        }
        long number = number(c.number());
        boolean numbered = number >= 0 && number <= Integer.MAX_VALUE;
        if (!numbered) {
            diagnostics.error(c.number(), "CSR number 0x" + Long.toHexString(number) + " is too large (at most 0x"
                    + Integer.toHexString(Integer.MAX_VALUE) + ")");
        }
        for (Csr other : csrs) {
            if (other.number() == number) {
                diagnostics.error(c.number(), "CSR number 0x" + Long.toHexString(number) + " is already '" + other.name() + "'");
            }
        }
        int width = wordWidth;
        boolean readOnly = false;
        Csr.Counter counter = Csr.Counter.NONE;
        Csr.Role role = Csr.Role.NONE;
        Csr base = null;
        int shift = 0;
        for (CsrOptionContext o : c.csrOption()) {
            switch (o) {
                case CsrWidthContext w -> {
                    long declared = SemanticsChecker.wholeNumber(w.INT());
                    if (declared < 1 || declared > 64) {
                        diagnostics.error(w.INT().getSymbol(), "CSR width must be 1 to 64 bits, not " + w.INT().getText());
                    } else {
                        width = (int) declared;
                    }
                }
                case CsrViewContext v -> {
                    String of = v.ident().getText();
                    base = csrNamed(of);
                    int[] bits = slice(v.slice());
                    if (base == null) {
                        diagnostics.error(v.ident(), "unknown CSR '" + of + "': a view follows the CSR it is part of");
                    } else if (base.slot() < 0 || base.shift() != 0 || bits[0] >= base.width()) {
                        diagnostics.error(v.slice(), base.slot() < 0 ? "'" + of + "' is a counter: it has no bits to view"
                                : base.shift() != 0 ? "'" + of + "' is itself a view: view the CSR it is part of"
                                : "bits [" + bits[0] + ":" + bits[1] + "] are outside " + of + " (" + base.width() + " bits)");
                        base = null;
                    } else {
                        width = bits[0] - bits[1] + 1;
                        shift = bits[1];
                    }
                }
                case CsrReadOnlyContext ro -> readOnly = true;
                case CsrCounterContext k -> {
                    try {
                        counter = Csr.Counter.valueOf(k.ident().getText().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        diagnostics.error(k.ident(), "unknown counter '" + k.ident().getText() + "' (cycles, time or instret)");
                    }
                }
                case CsrFloatRoleContext f -> {
                    role = f.role.getText().equals("flags") ? Csr.Role.FLOAT_FLAGS : Csr.Role.FLOAT_ROUNDING;
                    for (Csr other : csrs) {
                        if (other.role() == role) {
                            diagnostics.error(f, "'" + other.name() + "' already holds the float " + f.role.getText());
                        }
                    }
                }
                default -> { }
            }
        }
        if (counter != Csr.Counter.NONE && !readOnly) {
            diagnostics.error(c, "counter CSR '" + name + "' must be readonly");
        }
        if (role == Csr.Role.FLOAT_FLAGS && width != 5) {
            diagnostics.error(c, "the float flags CSR '" + name + "' must be 5 bits (invalid, divide-by-zero, overflow, "
                    + "underflow, inexact), not " + width);
        }
        if (role == Csr.Role.FLOAT_ROUNDING && width < 3) {
            diagnostics.error(c, "the float rounding CSR '" + name + "' needs at least 3 bits for the modes 0 to 4");
        }
        if ((role != Csr.Role.NONE) && (counter != Csr.Counter.NONE || readOnly)) {
            diagnostics.error(c, "the float " + (role == Csr.Role.FLOAT_FLAGS ? "flags" : "rounding")
                    + " CSR must be writable storage, not readonly or a counter");
        }
        if (!numbered) {
            return;
        }
        int slot = base != null ? base.slot()
                : counter == Csr.Counter.NONE ? csrs.stream().mapToInt(x -> x.slot() + 1).max().orElse(0) : -1;
        csrs.add(new Csr(name, (int) number, width, readOnly, counter, slot, shift, role, Diagnostics.location(c)));
    }

    private void encoding(EncodingContext e) {
        boolean sawDefault = false;
        for (LengthRuleContext r : e.lengthRule()) {
            if (sawDefault) {
                diagnostics.error(r, "length rule after the 'otherwise' rule can never apply");
            }
            int bits;
            if (r instanceof ConditionalLengthContext c) {
                bits = whole(c.INT());
                int[] s = slice(c.slice());
                long value = number(c.number());
                if ((value & ~Field.lowBits(s[0] - s[1] + 1)) != 0) {
                    diagnostics.error(c.number(), "value does not fit the slice [" + s[0] + ":" + s[1] + "]");
                }
                // the operator is the terminal between the slice and the value
                boolean negated = c.children.stream().anyMatch(t -> t instanceof TerminalNode && t.getText().equals("!="));
                if (bits >= 0) {
                    lengths.add(new LengthRule(bits, Field.bitRange(s[0], s[1]), value << s[1], negated));
                }
            } else {
                DefaultLengthContext d = (DefaultLengthContext) r;
                bits = whole(d.INT());
                if (bits >= 0) {
                    lengths.add(new LengthRule(bits, 0, 0, false));
                }
                sawDefault = true;
            }
            if (bits >= 0 && (bits % 8 != 0 || bits < 8 || bits > 64)) {
                diagnostics.error(r, "instruction length must be 8 to 64 bits in whole bytes, not " + bits);
            }
        }
        if (!sawDefault) {
            diagnostics.error(e, "the 'encoding' block needs a final 'length N otherwise;' rule");
        }
        int parcel = lengths.stream().mapToInt(LengthRule::bits).min().orElse(32);
        for (LengthRuleContext r : e.lengthRule()) {
            if (r instanceof ConditionalLengthContext c && slice(c.slice())[0] >= parcel) {
                diagnostics.error(c.slice(), "length rule reads beyond the shortest instruction (" + parcel + " bits)");
            }
        }
    }

    private void nameTable(NameTableContext n) {
        String name = n.ident().getText();
        if (!declare(name, n.ident())) {
            return;
        }
        List<String> names = new ArrayList<>();
        n.STRING().forEach(s -> names.add(unquote(s.getText())));
        nameTableIndex.put(name, nameTables.size());
        nameTables.add(List.copyOf(names));
    }

    /** Builds a field whose name was declared (in {@link #build}, in textual order). */
    private void field(FieldContext f) {
        String name = f.ident().getText();
        FieldBitsContext bits;
        Field.Extension ext = Field.Extension.NONE;
        int offset = 0;
        if (f.fieldValue() instanceof ExtendedFieldContext e) {
            bits = e.fieldBits();
            ext = e.ext.getText().equals("sext") ? Field.Extension.SIGN : Field.Extension.ZERO;
        } else {
            PlainFieldContext p = (PlainFieldContext) f.fieldValue();
            bits = p.fieldBits();
            if (p.INT() != null) {
                offset = Math.max(0, whole(p.INT()));
            }
        }
        List<Field.Part> parts = new ArrayList<>();
        if (bits.slice() != null) {
            int[] s = slice(bits.slice());
            parts.add(new Field.Part(s[0], s[1], false, 0));
        } else {
            for (FieldPartContext part : bits.fieldPart()) {
                if (part.slice() != null) {
                    int[] s = slice(part.slice());
                    parts.add(new Field.Part(s[0], s[1], false, 0));
                } else {
                    int width = literalBits(part.number().getStart());
                    if (width == 0) {
                        diagnostics.error(part.number(), "constant bits in a field need a width: write them in binary or hex, e.g. 0b00");
                        width = 1;
                    }
                    parts.add(new Field.Part(width - 1, 0, true, number(part.number()) & Field.lowBits(width)));
                }
            }
        }
        int shift = bits.INT() == null ? 0 : Math.max(0, whole(bits.INT()));
        Field.Kind kind = new Field.Immediate();
        long rawBits = (long) shift + parts.stream().mapToLong(Field.Part::bits).sum();
        if (rawBits > 64 && ext == Field.Extension.NONE) {
            diagnostics.error(f.fieldValue(), "field '" + name + "' has " + rawBits + " bits, wider than 64 bits");
        }
        int raw = (int) Math.min(rawBits, 64);
        if (f.fieldKind() != null) {
            kind = fieldKind(f.fieldKind(), raw);
        }
        int width;
        if (ext != Field.Extension.NONE) {
            width = wordWidth;
            if (rawBits > wordWidth) {
                diagnostics.error(f.fieldValue(), "field '" + name + "' has " + rawBits + " bits, wider than the " + wordWidth + "-bit word");
            }
        } else {
            width = Math.min(64, Math.max(raw, 64 - Long.numberOfLeadingZeros(Field.lowBits(raw) + offset)));
        }
        Field field = new Field(name, List.copyOf(parts), shift, ext, offset, width, kind, Diagnostics.location(f));
        int longest = lengths.stream().mapToInt(LengthRule::bits).max().orElse(64);
        if (field.highestBit() >= longest) {
            diagnostics.error(f.fieldValue(), "field '" + name + "' reads bit " + field.highestBit()
                    + ", beyond the longest instruction (" + longest + " bits)");
        }
        if (kind instanceof Field.Register reg) {
            RegisterFile rf = registerFiles.get(reg.file());
            BigInteger highest = values(raw).subtract(BigInteger.ONE).add(BigInteger.valueOf(offset));
            if (highest.compareTo(BigInteger.valueOf(rf.count())) >= 0) {
                diagnostics.error(f.fieldValue(), "field '" + name + "' can name register " + highest
                        + " but " + rf.name() + " has only " + rf.count());
            }
        }
        fieldIndex.put(name, fields.size());
        fields.add(field);
    }

    private Field.Kind fieldKind(FieldKindContext k, int raw) {
        switch (k) {
            case CsrKindContext c -> {
                return new Field.CsrNumber();
            }
            case FlagsKindContext fl -> {
                String letters = unquote(fl.STRING().getText());
                if (letters.length() != raw) {
                    diagnostics.error(fl.STRING().getSymbol(), "flags need one letter per bit: " + raw + " bits, "
                            + letters.length() + " letters");
                }
                return new Field.Flags(letters);
            }
            case NamedKindContext n -> {
                String name = n.ident().getText();
                for (RegisterFile rf : registerFiles) {
                    if (rf.name().equals(name)) {
                        return new Field.Register(rf.index());
                    }
                }
                Integer table = nameTableIndex.get(name);
                if (table != null) {
                    if (!values(raw).equals(BigInteger.valueOf(nameTables.get(table).size()))) {
                        diagnostics.error(n, "names table '" + name + "' has " + nameTables.get(table).size()
                                + " names but the field holds " + values(raw) + " values");
                    }
                    return new Field.Named(table);
                }
                diagnostics.error(n, "unknown field kind '" + name + "' (a register file, a names table, csr or flags)");
                return new Field.Immediate();
            }
            default -> throw new IllegalStateException();
        }
    }

    /** How many values a field of that many bits holds: 2^bits. */
    private static BigInteger values(int bits) {
        return BigInteger.ONE.shiftLeft(bits);
    }

    /** A slice's bounds {hi, lo}, always usable (0 <= lo <= hi <= 63) even after a diagnostic. */
    private int[] slice(SliceContext s) {
        int hi = whole(s.INT(0));
        int lo = s.INT().size() > 1 ? whole(s.INT(1)) : hi;
        if (hi < 0 || lo < 0) {
            return new int[] {0, 0}; // too large: reported
        }
        if (hi < lo) {
            diagnostics.error(s, "slice [" + hi + ":" + lo + "] is backwards: write the high bit first");
            int swap = hi;
            hi = lo;
            lo = swap;
        }
        if (hi > 63) {
            diagnostics.error(s, "bit " + hi + " is beyond 64 bits");
            return new int[] {63, Math.min(lo, 63)};
        }
        return new int[] {hi, lo};
    }

    // ---- instructions -------------------------------------------------------------------------------------------

    private Instruction instruction(InstructionContext ic, int index) {
        String name = ic.ident().getText();
        Token patternToken = ic.STRING(0).getSymbol();
        int[] patternColumns = sourceColumns(patternToken);
        String pattern = unquote(patternToken.getText());
        long mask = 0;
        long match = 0;
        int length = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == ' ' || ch == '_') {
                continue;
            }
            if (ch != '0' && ch != '1' && ch != '.') {
                diagnostics.error(new SourceLocation(patternToken.getTokenSource().getSourceName(), patternToken.getLine(),
                        patternColumns[i]), "pattern may hold only 0, 1, '.' and spaces, not '" + ch + "'");
                return null;
            }
            mask = (mask << 1) | (ch == '.' ? 0 : 1);
            match = (match << 1) | (ch == '1' ? 1 : 0);
            length++;
        }
        final int len = length;
        if (lengths.isEmpty()) {
            return null; // no (usable) encoding block, reported: nothing to check the pattern against
        }
        if (lengths.stream().noneMatch(r -> r.bits() == len)) {
            diagnostics.error(patternToken, "pattern of '" + name + "' has " + length + " bits; instructions are "
                    + lengths.stream().map(r -> String.valueOf(r.bits())).distinct().toList() + " bits long");
            return null;
        }
        for (LengthRule r : lengths) {
            if (r.mask() != 0 && (r.mask() & ~mask) == 0) {
                int implied = lengthFromRules(match);
                if (implied != length) {
                    diagnostics.error(patternToken, "pattern of '" + name + "' is " + length
                            + " bits long but its fixed bits make it a " + implied + "-bit instruction");
                    return null;
                }
                break;
            }
        }
        SemanticsChecker sem = new SemanticsChecker(this, diagnostics, name);
        Expr guard = ic.expr() == null ? null : sem.fieldCondition(ic.expr());
        Template template = template(ic.STRING(1).getSymbol(), sem);
        boolean templateBroken = this.templateBroken;
        boolean flowBroken = false;
        List<Instruction.FlowCase> flow = new ArrayList<>();
        if (ic.flowClause() != null) {
            for (FlowCaseContext fc : ic.flowClause().flowCase()) {
                FlowKind kind;
                try {
                    kind = FlowKind.valueOf(fc.ident().getText().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    diagnostics.error(fc.ident(), "unknown control-flow kind '" + fc.ident().getText()
                            + "' (next, branch, jump, call, return, indirect, indirect_call, syscall, fence, trap)");
                    flowBroken = true;
                    continue;
                }
                flow.add(new Instruction.FlowCase(kind, fc.expr() == null ? null : sem.fieldCondition(fc.expr())));
            }
        }
        if (flow.isEmpty()) {
            flow.add(new Instruction.FlowCase(FlowKind.NEXT, null));
        }
        List<Stmt> body = List.of();
        if (ic.block() == null) {
            diagnostics.error(ic.ident(), "instruction '" + name + "' has no semantics: add a { ... } block");
        } else {
            body = sem.instructionBody(ic.block());
        }
        boolean transfers = flow.stream().anyMatch(c -> switch (c.kind()) {
            case BRANCH, JUMP, CALL, RETURN, INDIRECT, INDIRECT_CALL -> true;
            default -> false;
        });
        if (ic.block() != null && !flowBroken && transfers && !sem.writesPc()) {
            diagnostics.error(ic.ident(), "instruction '" + name + "' is declared '" + flow.getFirst().kind().name().toLowerCase(Locale.ROOT)
                    + "' but never writes " + pcLabel());
        }
        if (ic.block() != null && !flowBroken && !transfers && sem.writesPc()) {
            diagnostics.error(ic.ident(), "instruction '" + name + "' writes " + pcLabel()
                    + " but its control flow is not declared: add 'flow branch' (conditional) or 'flow jump'");
        }
        for (int f : sem.fieldsUsed()) {
            Field field = fields.get(f);
            if (field.highestBit() >= length) {
                diagnostics.error(ic.ident(), "field '" + field.name() + "' reads bit " + field.highestBit()
                        + ", outside the " + length + "-bit instruction '" + name + "'");
            } else if ((field.mask() & mask) != 0) {
                diagnostics.error(ic.ident(), "field '" + field.name() + "' overlaps fixed bits of the pattern of '" + name + "'");
            }
            if (!templateBroken && template.segments().stream()
                    .noneMatch(s -> s instanceof Template.Placeholder p && p.field() == f)) {
                diagnostics.error(ic.STRING(1).getSymbol(), "field '" + field.name() + "' is used by '" + name
                        + "' but missing from its assembly syntax, so it could not be assembled");
            }
        }
        return new Instruction(index, name, length, mask, match, guard, sem.fieldsUsed().stream().mapToInt(i -> i).toArray(),
                template, List.copyOf(flow), body, sem.localCount(), Long.bitCount(mask), Diagnostics.location(ic.ident()));
    }

    private int lengthFromRules(long word) {
        for (LengthRule r : lengths) {
            if (r.applies(word)) {
                return r.bits();
            }
        }
        return -1;
    }

    /** Whether the last {@link #template} had a mistake (then which fields it names is not to be trusted). */
    private boolean templateBroken;

    private Template template(Token token, SemanticsChecker sem) {
        templateBroken = true; // until it is read through
        String text = unquote(token.getText());
        int[] columns = sourceColumns(token);
        boolean broken = false;
        List<Template.Segment> segments = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                segments.add(new Template.Text(text.substring(i)));
                break;
            }
            if (open > i) {
                segments.add(new Template.Text(text.substring(i, open)));
            }
            int close = text.indexOf('}', open);
            SourceLocation at = new SourceLocation(token.getTokenSource().getSourceName(), token.getLine(), columns[open]);
            if (close < 0) {
                diagnostics.error(at, "unclosed '{' in assembly syntax");
                broken = true;
                break;
            }
            String[] spec = text.substring(open + 1, close).split(":", 2);
            Integer field = fieldIndex.get(spec[0].trim());
            if (field == null) {
                diagnostics.error(at, "unknown field '" + spec[0].trim() + "' in assembly syntax");
                broken = true;
            } else {
                sem.useField(field);
                Template.Format format = Template.Format.DECIMAL;
                int bits = 0;
                if (spec.length > 1) {
                    String f = spec[1].trim();
                    if (f.equals("x")) {
                        format = Template.Format.HEX;
                    } else if (f.equals("pc")) {
                        format = Template.Format.PC_RELATIVE;
                    } else if (f.equals("d")) {
                        format = Template.Format.DECIMAL;
                    } else if (f.matches("x[0-9]{1,2}") && Integer.parseInt(f.substring(1)) >= 1
                            && Integer.parseInt(f.substring(1)) <= 64) {
                        format = Template.Format.HEX_BITS;
                        bits = Integer.parseInt(f.substring(1));
                    } else {
                        diagnostics.error(at, "unknown format ':" + f + "' (d, x, xN or pc)");
                    }
                }
                segments.add(new Template.Placeholder(field, format, bits));
            }
            i = close + 1;
        }
        templateBroken = broken;
        if (segments.isEmpty() || !(segments.getFirst() instanceof Template.Text first) || first.text().isBlank()) {
            diagnostics.error(token, "assembly syntax must start with the mnemonic");
        }
        return new Template(text, List.copyOf(segments));
    }

    // ---- what the semantics checker needs ----------------------------------------------------------------------

    int wordWidth() {
        return wordWidth;
    }

    String pcName() {
        return pcName;
    }

    /** The pc's name for messages, also when the description has none. */
    String pcLabel() {
        return pcName != null ? pcName : "the pc";
    }

    int pcWidth() {
        return pcWidth;
    }

    Integer field(String name) {
        return fieldIndex.get(name);
    }

    Field fieldAt(int index) {
        return fields.get(index);
    }

    RegisterFile registerFile(String name) {
        for (RegisterFile rf : registerFiles) {
            if (rf.name().equals(name)) {
                return rf;
            }
        }
        return null;
    }

    /** The text of a string token: without its quotes, each \\" and \\\\ read as the character it escapes. */
    static String unquote(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 2 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** For each character of {@code unquote(token)} (and one past its end), its column in the source line. */
    static int[] sourceColumns(Token token) {
        String s = token.getText();
        int[] columns = new int[s.length()];
        int n = 0;
        int first = token.getCharPositionInLine() + 1;
        for (int i = 1; i < s.length() - 1; i++) {
            columns[n++] = first + i;
            char c = s.charAt(i);
            if (c == '\\' && i + 2 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                i++;
            }
        }
        columns[n] = first + s.length() - 1;
        return columns;
    }

    /** The width a hex or binary literal's digits give it (0 for a decimal literal). */
    static int literalBits(Token t) {
        String s = t.getText().replace("_", "");
        if (s.startsWith("0x")) {
            return (s.length() - 2) * 4;
        }
        if (s.startsWith("0b")) {
            return s.length() - 2;
        }
        return 0;
    }

    long number(NumberContext n) {
        String s = n.getText().replace("_", "");
        try {
            if (s.startsWith("0x")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            if (s.startsWith("0b")) {
                return Long.parseUnsignedLong(s.substring(2), 2);
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            diagnostics.error(n, "number " + s + " does not fit in 64 bits");
            return 0;
        }
    }
}
