package dbt.isa.check;

import dbt.isa.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Collects diagnostics while an ISA description is checked; locations come from parse-tree nodes.
 * A diagnostic identical to one already reported (same place, same message) is dropped: parts of a description
 * are checked more than once (a length rule's slice, a function body inlined at every call).
 */
final class Diagnostics {
    private final List<Diagnostic> list = new ArrayList<>();
    private final Set<Diagnostic> reported = new HashSet<>();
    private final Set<SourceLocation> places = new HashSet<>();

    void error(SourceLocation at, String message) {
        Diagnostic d = new Diagnostic(at, message);
        if (reported.add(d)) {
            list.add(d);
            places.add(at);
        }
    }

    void error(ParserRuleContext at, String message) {
        error(location(at.getStart()), message);
    }

    void error(Token at, String message) {
        error(location(at), message);
    }

    /**
     * Reports a mistake unless some diagnostic is already at that place. Used inside function and procedure
     * bodies, which are checked on their own and again at every call: a mistake there is reported once.
     */
    void errorOncePerPlace(SourceLocation at, String message) {
        if (!places.contains(at)) {
            error(at, message);
        }
    }

    boolean any() {
        return !list.isEmpty();
    }

    List<Diagnostic> list() {
        return List.copyOf(list);
    }

    void throwIfAny() throws IsaException {
        if (!list.isEmpty()) {
            throw new IsaException(list);
        }
    }

    static SourceLocation location(Token t) {
        return new SourceLocation(t.getTokenSource().getSourceName(), t.getLine(), t.getCharPositionInLine() + 1);
    }

    static SourceLocation location(ParserRuleContext c) {
        return location(c.getStart());
    }
}
