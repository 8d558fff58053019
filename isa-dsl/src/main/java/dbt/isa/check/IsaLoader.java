package dbt.isa.check;

import dbt.isa.model.IsaModel;
import dbt.isa.model.SourceLocation;
import dbt.isa.parser.IsaLexer;
import dbt.isa.parser.IsaParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Reads an ISA description (a top file and the files it includes, each once; an include stands for the included
 * file's declarations), parses each with ANTLR and hands the parse trees to {@link ModelBuilder}. Includes are
 * resolved relative to the including file. Descriptions come from the file system or, for the ISAs shipped with dbt,
 * from the class path. Whatever the input, {@link #load} returns a model or throws an {@link IsaException}.
 */
public final class IsaLoader {
    /**
     * Where description text comes from; names are '/'-separated paths. Returns null when there is no such file;
     * an IOException (a CharacterCodingException for text that is not UTF-8) is reported as an unreadable file.
     */
    public interface Source {
        String read(String name) throws IOException;
    }

    public static IsaModel load(Path topFile) throws IsaException {
        return load(topFile.toString(), name -> {
            Path p = Path.of(name);
            return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
        });
    }

    /** Loads a description shipped on the class path, e.g. {@code isa/riscv64/riscv64.isa}. */
    public static IsaModel loadResource(String name) throws IsaException {
        return load(name, n -> {
            try (InputStream in = IsaLoader.class.getClassLoader().getResourceAsStream(n)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
    }

    public static IsaModel load(String topName, Source source) throws IsaException {
        Diagnostics diagnostics = new Diagnostics();
        SourceLocation top = new SourceLocation(topName, 1, 1);
        try {
            List<IsaParser.DeclarationContext> files = new ArrayList<>();
            SourceLocation first = readFile(topName, source, null, new HashSet<>(), files, diagnostics);
            diagnostics.throwIfAny();
            return new ModelBuilder(diagnostics, first == null ? top : first).build(files);
        } catch (RuntimeException | StackOverflowError e) {
            // A checker failure must still come out as diagnostics. After a diagnostic it is most likely a follow-on
            // of that mistake, which is reported; otherwise it is the checker's own fault.
            List<Diagnostic> found = new ArrayList<>(diagnostics.list());
            if (e instanceof StackOverflowError) {
                found.add(new Diagnostic(top, "the description is nested too deeply to be checked"));
            } else if (found.isEmpty()) {
                found.add(new Diagnostic(top, "internal error: the checker failed on this description (please report it)"));
            }
            throw new IsaException(found, e);
        }
    }

    /**
     * Reads one file and, in its place, the files it includes. Returns where the file's first declaration is (or
     * its first line when it has none), for diagnostics about the description as a whole; null if it was not read.
     */
    private static SourceLocation readFile(String name, Source source, Token includedAt, Set<String> seen,
                                           List<IsaParser.DeclarationContext> files, Diagnostics diagnostics) {
        String normal;
        try {
            normal = Path.of(name).normalize().toString();
        } catch (InvalidPathException e) {
            if (includedAt == null) {
                diagnostics.error(new SourceLocation(printable(name), 1, 1), "cannot read ISA description: not a valid file name");
            } else {
                diagnostics.error(includedAt, "cannot include \"" + printable(name) + "\": not a valid file name");
            }
            return null;
        }
        if (!seen.add(normal)) {
            return null; // each file once: a second include of the same file adds nothing
        }
        String text;
        String problem = null;
        try {
            text = source.read(normal);
        } catch (CharacterCodingException e) {
            text = null;
            problem = "it is not UTF-8 text";
        } catch (IOException | RuntimeException e) {
            text = null;
            problem = "it cannot be read";
        }
        if (text == null) {
            if (includedAt == null) {
                diagnostics.error(new SourceLocation(name, 1, 1),
                        "cannot read ISA description" + (problem == null ? "" : ": " + problem));
            } else if (problem == null) {
                diagnostics.error(includedAt, "included file not found: " + normal);
            } else {
                diagnostics.error(includedAt, "cannot include " + normal + ": " + problem);
            }
            return null;
        }
        IsaLexer lexer = new IsaLexer(CharStreams.fromString(text, normal));
        IsaParser parser = new IsaParser(new CommonTokenStream(lexer));
        BaseErrorListener listener = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg,
                                    RecognitionException e) {
                diagnostics.error(new SourceLocation(normal, line, col + 1), "syntax error: " + msg);
            }
        };
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        IsaParser.DescriptionContext tree = parser.description();
        // An include is replaced by the included file's declarations, so declarations keep their textual order
        // across files (register files, for one, are numbered in that order).
        for (IsaParser.DeclarationContext d : tree.declaration()) {
            if (d instanceof IsaParser.IncludeContext inc) {
                if (inc.STRING() == null) {
                    continue; // a syntax error, already reported
                }
                String rel = ModelBuilder.unquote(inc.STRING().getText());
                String target;
                try {
                    Path parent = Path.of(normal).getParent();
                    target = parent == null ? Path.of(rel).toString() : parent.resolve(rel).toString();
                } catch (InvalidPathException e) {
                    diagnostics.error(inc.STRING().getSymbol(), "cannot include \"" + printable(rel) + "\": not a valid file name");
                    continue;
                }
                readFile(target, source, inc.STRING().getSymbol(), seen, files, diagnostics);
            } else {
                files.add(d);
            }
        }
        return tree.declaration().isEmpty() ? new SourceLocation(normal, 1, 1)
                : Diagnostics.location(tree.declaration().getFirst().getStart());
    }

    /** A name as it can be shown in a message: control characters (a NUL, say) become '?'. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
