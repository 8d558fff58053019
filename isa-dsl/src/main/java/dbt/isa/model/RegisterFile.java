package dbt.isa.model;

import java.util.List;

/** A register file: count registers of width bits; zeroIndex is hard-wired to zero (-1 if none). */
public record RegisterFile(String name, int index, int count, int width, int zeroIndex, List<String> aliases,
                           SourceLocation location) {
    /** The name a disassembler prints: the ABI alias if there is one, else the file's name and number. */
    public String registerName(int i) {
        return i < aliases.size() ? aliases.get(i) : name.toLowerCase() + i;
    }

    /** The register a name denotes (alias or numeric name), or -1. */
    public int lookup(String s) {
        int a = aliases.indexOf(s);
        if (a >= 0) {
            return a;
        }
        String prefix = name.toLowerCase();
        if (s.startsWith(prefix) && s.length() > prefix.length()) {
            try {
                int n = Integer.parseInt(s.substring(prefix.length()));
                return n >= 0 && n < count ? n : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
