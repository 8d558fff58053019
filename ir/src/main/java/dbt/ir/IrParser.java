package dbt.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the text form {@link IrPrinter} writes. Errors name the line: {@code line N: message}. */
public final class IrParser {
    public static final class IrSyntaxError extends Exception {
        IrSyntaxError(int line, String message) {
            super("line " + line + ": " + message, null, false, false);
        }
    }

    private IrParser() {}

    public static IrBlock parse(String text) throws IrSyntaxError {
        String[] lines = text.split("\n");
        IrBlock block = null;
        Map<String, Inst> values = new HashMap<>();
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].replaceAll(";.*", "").trim();
            if (line.isEmpty() || line.equals("}")) {
                continue;
            }
            if (line.startsWith("block ")) {
                block = new IrBlock(number(line.substring(6).replace("{", "").trim(), n + 1));
                continue;
            }
            if (block == null) {
                throw new IrSyntaxError(n + 1, "expected 'block ADDRESS {'");
            }
            boolean fused = line.endsWith("[fused]");
            if (fused) {
                line = line.substring(0, line.length() - "[fused]".length()).trim();
            }
            String result = null;
            if (line.startsWith("%")) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    throw new IrSyntaxError(n + 1, "expected '=' after " + line.split(" ")[0]);
                }
                result = line.substring(0, eq).trim();
                line = line.substring(eq + 1).trim();
            }
            int sp = line.indexOf(' ');
            String head = sp < 0 ? line : line.substring(0, sp);
            String rest = sp < 0 ? "" : line.substring(sp + 1).trim();
            Op op = Op.byText(head);
            Type type = Type.I64;
            if (op == null) {
                int dot = head.lastIndexOf('.');
                op = dot < 0 ? null : Op.byText(head.substring(0, dot));
                if (op == null) {
                    throw new IrSyntaxError(n + 1, "unknown op '" + head + "'");
                }
                try {
                    type = Type.valueOf(head.substring(dot + 1).toUpperCase());
                } catch (IllegalArgumentException e) {
                    throw new IrSyntaxError(n + 1, "unknown type '" + head.substring(dot + 1) + "'");
                }
            }
            List<String> args = new ArrayList<>();
            for (String a : rest.isEmpty() ? new String[0] : rest.split(",")) {
                args.add(a.trim());
            }
            List<Inst> operands = new ArrayList<>();
            List<String> plain = new ArrayList<>();
            for (String a : args) {
                if (a.startsWith("%")) {
                    Inst v = values.get(a);
                    if (v == null) {
                        throw new IrSyntaxError(n + 1, "unknown value " + a);
                    }
                    operands.add(v);
                } else {
                    plain.add(a);
                }
            }
            long aux = 0;
            long aux2 = 0;
            switch (op) {
                case GET_REG, SET_REG -> {
                    String[] fr = need(plain, 1, n).getFirst().split(":");
                    aux = number(fr[0], n + 1);
                    aux2 = number(fr[1], n + 1);
                }
                case GET_CSR, SET_CSR -> aux = number(need(plain, 1, n).getFirst().replace("csr", ""), n + 1);
                case GET_RESERVATION, SET_RESERVATION -> {
                    if (plain.size() > 1 || !plain.isEmpty() && !plain.getFirst().equals("value")) {
                        throw new IrSyntaxError(n + 1, op.text + " takes 'value' or nothing");
                    }
                    aux = plain.size();
                }
                case FLOAT1, FLOAT2, FLOAT3 -> {
                    dbt.ir.fp.FloatFunction f = dbt.ir.fp.FloatFunction.byBuiltin(need(plain, 1, n).getFirst());
                    if (f == null) {
                        throw new IrSyntaxError(n + 1, "unknown float function '" + plain.getFirst() + "'");
                    }
                    aux = f.ordinal();
                }
                case ROUTINE -> {
                    Routine r = Routine.named(need(plain, 1, n).getFirst());
                    if (r == null) {
                        throw new IrSyntaxError(n + 1, "unknown routine '" + plain.getFirst() + "'");
                    }
                    aux = r.ordinal();
                }
                case EXIT_BRANCH -> {
                    need(plain, 2, n);
                    aux = number(plain.get(0), n + 1);
                    aux2 = number(plain.get(1), n + 1);
                }
                case EXIT_JUMP, EXIT_INDIRECT -> {
                    List<String> target = new ArrayList<>();
                    for (String a : plain) {
                        if (a.startsWith("call ")) {
                            aux2 = number(a.substring(5).trim(), n + 1);
                        } else if (a.equals("return") && op == Op.EXIT_INDIRECT) {
                            aux = 1;
                        } else {
                            target.add(a);
                        }
                    }
                    if (op == Op.EXIT_JUMP) {
                        aux = number(need(target, 1, n).getFirst(), n + 1);
                    } else {
                        need(target, 0, n);
                    }
                    if (aux2 != 0 && op == Op.EXIT_INDIRECT && aux == 1) {
                        throw new IrSyntaxError(n + 1, "an exit is a call or a return, not both");
                    }
                }
                case CONST, GUEST_PC, EXIT_SYSCALL, EXIT_INTERPRET, EXIT_ILLEGAL, EXIT_BREAKPOINT, EXIT_FENCE_I ->
                        aux = number(need(plain, 1, n).getFirst(), n + 1);
                default -> need(plain, 0, n);
            }
            if (operands.size() != op.arity) {
                throw new IrSyntaxError(n + 1, op.text + " takes " + op.arity + " operands, not " + operands.size());
            }
            if (op == Op.LOAD || op == Op.LOAD_IF || op == Op.STORE || op == Op.STORE_IF || op == Op.STORE_CAS) {
                aux = type.bits / 8;
            }
            if (!op.hasResult() && op != Op.STORE && op != Op.STORE_IF && op != Op.STORE_CAS) {
                type = op == Op.SET_REG || op == Op.SET_CSR || op == Op.SET_RESERVATION ? operands.getFirst().type : Type.I64;
            }
            Inst inst = block.add(new Inst(op, type, aux, aux2, operands.toArray(Inst[]::new)));
            inst.fused = fused;
            if (result != null) {
                if (!op.hasResult()) {
                    throw new IrSyntaxError(n + 1, op.text + " has no result");
                }
                values.put(result, inst);
            }
        }
        if (block == null) {
            throw new IrSyntaxError(1, "no block");
        }
        return block;
    }

    private static List<String> need(List<String> plain, int count, int n) throws IrSyntaxError {
        if (plain.size() != count) {
            throw new IrSyntaxError(n + 1, "expected " + count + " constant argument(s), found " + plain.size());
        }
        return plain;
    }

    private static long number(String s, int line) throws IrSyntaxError {
        try {
            return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IrSyntaxError(line, "bad number '" + s + "'");
        }
    }
}
