package dbt.isa.gen;

import dbt.ir.fp.FloatFunction;
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
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a checked model that the build writes for the shipped ISAs and dbt reads at start-up. Plain
 * tagged data, read by straight-line code: Java serialization of the same model took about 100 ms on a cold JVM
 * (its reflective machinery warming up), this about a tenth of that.
 *
 * <p>Invariant: {@link #write} and {@link #read} walk the model in the same order; every nullable reference is
 * preceded by a presence flag, every list by its length, every sum type (Expr, Stmt, Field.Kind, Template.Segment)
 * by a tag that is its case's position in the switch. The file starts with {@link #MAGIC} and {@link #VERSION}.
 */
public final class ModelCodec {
    private static final int MAGIC = 0x4442_544D; // "DBTM"
    private static final int VERSION = 3;

    private ModelCodec() {}

    // ---- writing ------------------------------------------------------------------------------------------------

    public static void write(IsaModel m, DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(m.name());
        out.writeInt(m.wordWidth());
        out.writeBoolean(m.littleEndian());
        out.writeInt(m.registerFiles().size());
        for (RegisterFile f : m.registerFiles()) {
            out.writeUTF(f.name());
            out.writeInt(f.index());
            out.writeInt(f.count());
            out.writeInt(f.width());
            out.writeInt(f.zeroIndex());
            strings(f.aliases(), out);
            location(f.location(), out);
        }
        out.writeUTF(m.pcName());
        out.writeInt(m.csrs().size());
        for (Csr c : m.csrs()) {
            out.writeUTF(c.name());
            out.writeInt(c.number());
            out.writeInt(c.width());
            out.writeBoolean(c.readOnly());
            out.writeInt(c.counter().ordinal());
            out.writeInt(c.slot());
            out.writeInt(c.shift());
            out.writeInt(c.role().ordinal());
            location(c.location(), out);
        }
        out.writeInt(m.lengths().size());
        for (LengthRule r : m.lengths()) {
            out.writeInt(r.bits());
            out.writeLong(r.mask());
            out.writeLong(r.match());
            out.writeBoolean(r.negated());
        }
        out.writeInt(m.fields().size());
        for (Field f : m.fields()) {
            field(f, out);
        }
        out.writeInt(m.nameTables().size());
        for (List<String> t : m.nameTables()) {
            strings(t, out);
        }
        out.writeInt(m.instructions().size());
        for (Instruction i : m.instructions()) {
            instruction(i, out);
        }
        out.writeBoolean(m.abi() != null);
        if (m.abi() != null) {
            Abi a = m.abi();
            out.writeUTF(a.name());
            out.writeInt(a.file());
            out.writeInt(a.number());
            out.writeInt(a.arguments().size());
            for (int x : a.arguments()) {
                out.writeInt(x);
            }
            out.writeInt(a.result());
            out.writeInt(a.stack());
            out.writeInt(a.thread());
        }
    }

    private static void strings(List<String> s, DataOutputStream out) throws IOException {
        out.writeInt(s.size());
        for (String x : s) {
            out.writeUTF(x);
        }
    }

    private static void location(SourceLocation l, DataOutputStream out) throws IOException {
        out.writeBoolean(l != null);
        if (l != null) {
            out.writeUTF(l.file());
            out.writeInt(l.line());
            out.writeInt(l.column());
        }
    }

    private static void field(Field f, DataOutputStream out) throws IOException {
        out.writeUTF(f.name());
        out.writeInt(f.parts().size());
        for (Field.Part p : f.parts()) {
            out.writeInt(p.hi());
            out.writeInt(p.lo());
            out.writeBoolean(p.constant());
            out.writeLong(p.value());
        }
        out.writeInt(f.shift());
        out.writeInt(f.extension().ordinal());
        out.writeInt(f.offset());
        out.writeInt(f.width());
        switch (f.kind()) {
            case Field.Immediate k -> out.writeByte(0);
            case Field.Register k -> {
                out.writeByte(1);
                out.writeInt(k.file());
            }
            case Field.CsrNumber k -> out.writeByte(2);
            case Field.Flags k -> {
                out.writeByte(3);
                out.writeUTF(k.letters());
            }
            case Field.Named k -> {
                out.writeByte(4);
                out.writeInt(k.table());
            }
        }
        location(f.location(), out);
    }

    private static void instruction(Instruction i, DataOutputStream out) throws IOException {
        out.writeInt(i.index());
        out.writeUTF(i.name());
        out.writeInt(i.length());
        out.writeLong(i.mask());
        out.writeLong(i.match());
        optionalExpr(i.guard(), out);
        out.writeInt(i.fields().length);
        for (int f : i.fields()) {
            out.writeInt(f);
        }
        out.writeBoolean(i.template() != null);
        if (i.template() != null) {
            out.writeUTF(i.template().source());
            out.writeInt(i.template().segments().size());
            for (Template.Segment s : i.template().segments()) {
                switch (s) {
                    case Template.Text t -> {
                        out.writeByte(0);
                        out.writeUTF(t.text());
                    }
                    case Template.Placeholder p -> {
                        out.writeByte(1);
                        out.writeInt(p.field());
                        out.writeInt(p.format().ordinal());
                        out.writeInt(p.bits());
                    }
                }
            }
        }
        out.writeInt(i.flow().size());
        for (Instruction.FlowCase c : i.flow()) {
            out.writeInt(c.kind().ordinal());
            optionalExpr(c.guard(), out);
        }
        java.io.ByteArrayOutputStream semantics = new java.io.ByteArrayOutputStream();
        statements(i.semantics(), new DataOutputStream(semantics));
        out.writeInt(semantics.size()); // (so that a reader can leave them for later: see LazyStatements)
        semantics.writeTo(out);
        out.writeInt(i.locals());
        out.writeInt(i.priority());
        location(i.location(), out);
    }

    private static void optionalExpr(Expr e, DataOutputStream out) throws IOException {
        out.writeBoolean(e != null);
        if (e != null) {
            expr(e, out);
        }
    }

    private static void statements(List<Stmt> body, DataOutputStream out) throws IOException {
        out.writeInt(body.size());
        for (Stmt s : body) {
            statement(s, out);
        }
    }

    private static void statement(Stmt s, DataOutputStream out) throws IOException {
        switch (s) {
            case Stmt.Let x -> {
                out.writeByte(0);
                out.writeInt(x.slot());
                expr(x.value(), out);
            }
            case Stmt.RegWrite x -> {
                out.writeByte(1);
                out.writeInt(x.file());
                expr(x.index(), out);
                expr(x.value(), out);
            }
            case Stmt.PcWrite x -> {
                out.writeByte(2);
                expr(x.value(), out);
            }
            case Stmt.Store x -> {
                out.writeByte(3);
                expr(x.address(), out);
                expr(x.value(), out);
                out.writeInt(x.bytes());
            }
            case Stmt.If x -> {
                out.writeByte(4);
                expr(x.condition(), out);
                statements(x.then(), out);
                statements(x.otherwise(), out);
            }
            case Stmt.Atomic x -> {
                out.writeByte(5);
                statements(x.body(), out);
            }
            case Stmt.CsrWrite x -> {
                out.writeByte(6);
                expr(x.number(), out);
                expr(x.value(), out);
            }
            case Stmt.Effect x -> {
                out.writeByte(7);
                out.writeInt(x.kind().ordinal());
                optionalExpr(x.argument(), out);
            }
        }
    }

    private static void expr(Expr e, DataOutputStream out) throws IOException {
        switch (e) {
            case Expr.Const x -> {
                out.writeByte(0);
                out.writeLong(x.value());
                out.writeInt(x.width());
            }
            case Expr.FieldRef x -> {
                out.writeByte(1);
                out.writeInt(x.field());
                out.writeInt(x.width());
            }
            case Expr.Local x -> {
                out.writeByte(2);
                out.writeInt(x.slot());
                out.writeInt(x.width());
            }
            case Expr.RegRead x -> {
                out.writeByte(3);
                out.writeInt(x.file());
                expr(x.index(), out);
                out.writeInt(x.width());
            }
            case Expr.PcRead x -> {
                out.writeByte(4);
                out.writeInt(x.width());
            }
            case Expr.Unary x -> {
                out.writeByte(5);
                out.writeInt(x.op().ordinal());
                expr(x.operand(), out);
                out.writeInt(x.width());
            }
            case Expr.Binary x -> {
                out.writeByte(6);
                out.writeInt(x.op().ordinal());
                expr(x.left(), out);
                expr(x.right(), out);
                out.writeInt(x.width());
            }
            case Expr.Slice x -> {
                out.writeByte(7);
                expr(x.operand(), out);
                out.writeInt(x.hi());
                out.writeInt(x.lo());
            }
            case Expr.Concat x -> {
                out.writeByte(8);
                expr(x.hi(), out);
                expr(x.lo(), out);
            }
            case Expr.Extend x -> {
                out.writeByte(9);
                out.writeBoolean(x.signed());
                expr(x.operand(), out);
                out.writeInt(x.width());
            }
            case Expr.Select x -> {
                out.writeByte(10);
                expr(x.condition(), out);
                expr(x.ifTrue(), out);
                expr(x.ifFalse(), out);
                out.writeInt(x.width());
            }
            case Expr.Bind x -> {
                out.writeByte(11);
                out.writeInt(x.slot());
                expr(x.value(), out);
                expr(x.body(), out);
            }
            case Expr.Load x -> {
                out.writeByte(12);
                expr(x.address(), out);
                out.writeInt(x.bytes());
            }
            case Expr.CsrRead x -> {
                out.writeByte(13);
                expr(x.number(), out);
                out.writeInt(x.width());
            }
            case Expr.Reserved x -> {
                out.writeByte(14);
                expr(x.address(), out);
            }
            case Expr.FloatOp x -> {
                out.writeByte(15);
                out.writeInt(x.function().ordinal());
                out.writeInt(x.format());
                out.writeInt(x.operands().size());
                for (Expr o : x.operands()) {
                    expr(o, out);
                }
                optionalExpr(x.rounding(), out);
                out.writeInt(x.width());
            }
        }
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    public static IsaModel read(ModelInput in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a model written by this version of dbt: rebuild dbt");
        }
        String name = in.readUTF();
        int wordWidth = in.readInt();
        boolean littleEndian = in.readBoolean();
        List<RegisterFile> files = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            files.add(new RegisterFile(in.readUTF(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                    strings(in), location(in)));
        }
        String pcName = in.readUTF();
        List<Csr> csrs = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            csrs.add(new Csr(in.readUTF(), in.readInt(), in.readInt(), in.readBoolean(),
                    Csr.Counter.values()[in.readInt()], in.readInt(), in.readInt(), Csr.Role.values()[in.readInt()],
                    location(in)));
        }
        List<LengthRule> lengths = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            lengths.add(new LengthRule(in.readInt(), in.readLong(), in.readLong(), in.readBoolean()));
        }
        List<Field> fields = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            fields.add(field(in));
        }
        List<List<String>> tables = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            tables.add(strings(in));
        }
        List<Instruction> instructions = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            instructions.add(instruction(in));
        }
        Abi abi = null;
        if (in.readBoolean()) {
            String abiName = in.readUTF();
            int file = in.readInt();
            int number = in.readInt();
            List<Integer> arguments = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                arguments.add(in.readInt());
            }
            abi = new Abi(abiName, file, number, arguments, in.readInt(), in.readInt(), in.readInt());
        }
        return new IsaModel(name, wordWidth, littleEndian, List.copyOf(files), pcName, List.copyOf(csrs),
                List.copyOf(lengths), List.copyOf(fields), List.copyOf(tables), List.copyOf(instructions), abi);
    }

    private static List<String> strings(ModelInput in) throws IOException {
        List<String> s = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            s.add(in.readUTF());
        }
        return List.copyOf(s);
    }

    private static SourceLocation location(ModelInput in) throws IOException {
        return in.readBoolean() ? new SourceLocation(in.readUTF(), in.readInt(), in.readInt()) : null;
    }

    private static Field field(ModelInput in) throws IOException {
        String name = in.readUTF();
        List<Field.Part> parts = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            parts.add(new Field.Part(in.readInt(), in.readInt(), in.readBoolean(), in.readLong()));
        }
        int shift = in.readInt();
        Field.Extension extension = Field.Extension.values()[in.readInt()];
        int offset = in.readInt();
        int width = in.readInt();
        Field.Kind kind = switch (in.readByte()) {
            case 0 -> new Field.Immediate();
            case 1 -> new Field.Register(in.readInt());
            case 2 -> new Field.CsrNumber();
            case 3 -> new Field.Flags(in.readUTF());
            case 4 -> new Field.Named(in.readInt());
            default -> throw new IOException("bad field kind");
        };
        return new Field(name, List.copyOf(parts), shift, extension, offset, width, kind, location(in));
    }

    private static Instruction instruction(ModelInput in) throws IOException {
        int index = in.readInt();
        String name = in.readUTF();
        int length = in.readInt();
        long mask = in.readLong();
        long match = in.readLong();
        Expr guard = optionalExpr(in);
        int[] fields = new int[in.readInt()];
        for (int k = 0; k < fields.length; k++) {
            fields[k] = in.readInt();
        }
        Template template = null;
        if (in.readBoolean()) {
            String source = in.readUTF();
            List<Template.Segment> segments = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                segments.add(switch (in.readByte()) {
                    case 0 -> new Template.Text(in.readUTF());
                    case 1 -> new Template.Placeholder(in.readInt(), Template.Format.values()[in.readInt()],
                            in.readInt());
                    default -> throw new IOException("bad template segment");
                });
            }
            template = new Template(source, List.copyOf(segments));
        }
        List<Instruction.FlowCase> flow = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            flow.add(new Instruction.FlowCase(FlowKind.values()[in.readInt()], optionalExpr(in)));
        }
        int semanticsLength = in.readInt();
        List<Stmt> semantics = new LazyStatements(in.bytes(), in.position(), semanticsLength);
        in.skip(semanticsLength);
        return new Instruction(index, name, length, mask, match, guard, fields, template, List.copyOf(flow),
                semantics, in.readInt(), in.readInt(), location(in));
    }

    private static Expr optionalExpr(ModelInput in) throws IOException {
        return in.readBoolean() ? expr(in) : null;
    }

    /**
     * An instruction's semantics, decoded when first used: most runs use a few of an ISA's instructions, and decoding
     * every body is most of the time reading a model takes (at dbt's start-up, with its code still cold). Equal, as a
     * list, to the statements it holds; safe to share between threads.
     */
    private static final class LazyStatements extends java.util.AbstractList<Stmt> {
        private final byte[] bytes;
        private final int offset;
        private final int length;
        private volatile List<Stmt> statements;

        LazyStatements(byte[] bytes, int offset, int length) {
            this.bytes = bytes;
            this.offset = offset;
            this.length = length;
        }

        private List<Stmt> statements() {
            List<Stmt> s = statements;
            if (s == null) {
                synchronized (this) {
                    if (statements == null) {
                        try {
                            ModelInput in = new ModelInput(bytes, offset);
                            statements = ModelCodec.statements(in);
                            if (in.position() != offset + length) {
                                throw new IOException("an instruction's semantics do not fill their bytes");
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException("the model's data is damaged: rebuild dbt", e);
                        }
                    }
                    s = statements;
                }
            }
            return s;
        }

        @Override
        public Stmt get(int index) {
            return statements().get(index);
        }

        @Override
        public int size() {
            return statements().size();
        }
    }

    private static List<Stmt> statements(ModelInput in) throws IOException {
        List<Stmt> body = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            body.add(statement(in));
        }
        return List.copyOf(body);
    }

    private static Stmt statement(ModelInput in) throws IOException {
        return switch (in.readByte()) {
            case 0 -> new Stmt.Let(in.readInt(), expr(in));
            case 1 -> new Stmt.RegWrite(in.readInt(), expr(in), expr(in));
            case 2 -> new Stmt.PcWrite(expr(in));
            case 3 -> new Stmt.Store(expr(in), expr(in), in.readInt());
            case 4 -> new Stmt.If(expr(in), statements(in), statements(in));
            case 5 -> new Stmt.Atomic(statements(in));
            case 6 -> new Stmt.CsrWrite(expr(in), expr(in));
            case 7 -> new Stmt.Effect(Stmt.EffectKind.values()[in.readInt()], optionalExpr(in));
            default -> throw new IOException("bad statement tag");
        };
    }

    private static Expr expr(ModelInput in) throws IOException {
        return switch (in.readByte()) {
            case 0 -> new Expr.Const(in.readLong(), in.readInt());
            case 1 -> new Expr.FieldRef(in.readInt(), in.readInt());
            case 2 -> new Expr.Local(in.readInt(), in.readInt());
            case 3 -> new Expr.RegRead(in.readInt(), expr(in), in.readInt());
            case 4 -> new Expr.PcRead(in.readInt());
            case 5 -> new Expr.Unary(Expr.UnaryOp.values()[in.readInt()], expr(in), in.readInt());
            case 6 -> new Expr.Binary(Expr.BinaryOp.values()[in.readInt()], expr(in), expr(in), in.readInt());
            case 7 -> new Expr.Slice(expr(in), in.readInt(), in.readInt());
            case 8 -> new Expr.Concat(expr(in), expr(in));
            case 9 -> new Expr.Extend(in.readBoolean(), expr(in), in.readInt());
            case 10 -> new Expr.Select(expr(in), expr(in), expr(in), in.readInt());
            case 11 -> new Expr.Bind(in.readInt(), expr(in), expr(in));
            case 12 -> new Expr.Load(expr(in), in.readInt());
            case 13 -> new Expr.CsrRead(expr(in), in.readInt());
            case 14 -> new Expr.Reserved(expr(in));
            case 15 -> {
                FloatFunction function = FloatFunction.of(in.readInt());
                int format = in.readInt();
                List<Expr> operands = new ArrayList<>();
                for (int n = in.readInt(); n > 0; n--) {
                    operands.add(expr(in));
                }
                yield new Expr.FloatOp(function, format, operands, optionalExpr(in), in.readInt());
            }
            default -> throw new IOException("bad expression tag");
        };
    }
}
