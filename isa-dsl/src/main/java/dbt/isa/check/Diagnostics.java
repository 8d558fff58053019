package dbt.isa.check;

import dbt.isa.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Collects diagnostics while an ISA description is checked; locations come from parse-tree nodes. */
final class Diagnostics {
    private final List<Diagnostic> list = new ArrayList<>();

    void error(SourceLocation at, String message) {
        list.add(new Diagnostic(at, message));
    }

    void error(ParserRuleContext at, String message) {
        error(location(at.getStart()), message);
    }

    void error(Token at, String message) {
        error(location(at), message);
    }

    boolean any() {
        return !list.isEmpty();
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
