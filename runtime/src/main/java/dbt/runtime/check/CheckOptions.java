package dbt.runtime.check;

import dbt.runtime.translate.TranslationOptions;
import java.util.List;

/** What {@code dbt check} was asked to do. */
public record CheckOptions(String isa, int cases, long seed, int maxLength, String injectedFault) {
    public static final String USAGE = """
                   dbt check [--isa FILE.isa] [--cases N] [--seed S] [--max-length L] [--inject-fault KIND]
              run the translation-equivalence properties for an ISA description (default: the shipped RISC-V):
              random instruction sequences from its encodings, interpreter against translator in every
              configuration; a difference is shrunk and printed. --inject-fault swap-sub|drop-store adds a
              deliberately wrong pass, region-side-exit|region-edge-move|region-forward-jump|region-cold-path
              a wrong rule of region code, to see the check find it
            """;

    /** Parses the arguments after {@code check}; returns null with message set on a usage error. */
    public static CheckOptions parse(List<String> args, StringBuilder error) {
        String isa = null;
        int cases = 10_000;
        long seed = 42;
        int maxLength = 12;
        String fault = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size()) {
                error.append("check: '").append(a).append("' needs a value or is unknown");
                return null;
            }
            String v = args.get(++i);
            try {
                switch (a) {
                    case "--isa" -> isa = v;
                    case "--cases" -> cases = Integer.parseInt(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--max-length" -> maxLength = Integer.parseInt(v);
                    case "--inject-fault" -> fault = v;
                    default -> {
                        error.append("check: unknown option '").append(a).append("'");
                        return null;
                    }
                }
            } catch (NumberFormatException e) {
                error.append("check: ").append(a).append(" needs a number, not '").append(v).append("'");
                return null;
            }
        }
        if (cases < 1 || maxLength < 1) {
            error.append("check: --cases and --max-length must be at least 1");
            return null;
        }
        if (fault != null && !TranslationOptions.faults().contains(fault)) {
            error.append("check: unknown fault '").append(fault).append("' (")
                    .append(String.join(", ", TranslationOptions.faults())).append(")");
            return null;
        }
        return new CheckOptions(isa, cases, seed, maxLength, fault);
    }
}
