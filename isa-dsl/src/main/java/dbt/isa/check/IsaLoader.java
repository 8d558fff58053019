package dbt.isa.check;

import dbt.isa.model.IsaModel;
import dbt.isa.model.SourceLocation;
import dbt.isa.parser.IsaLexer;
import dbt.isa.parser.IsaParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Reads an ISA description (a top file and the files it includes, each once; an include stands for the included file's declarations), parses each with
 * ANTLR and hands the parse trees to {@link ModelBuilder}. Includes are resolved relative to the including file.
 * Descriptions come from the file system or, for the ISAs shipped with dbt, from the class path.
 */
public final class IsaLoader {
    /** Where description text comes from; names are '/'-separated paths. Returns null when there is no such file. */
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
        List<IsaParser.DeclarationContext> files = new ArrayList<>();
        readFile(topName, source, null, new HashSet<>(), files, diagnostics);
        diagnostics.throwIfAny();
        return new ModelBuilder(diagnostics, topName).build(files);
    }

    private static void readFile(String name, Source source, Token includedAt, Set<String> seen,
                                 List<IsaParser.DeclarationContext> files, Diagnostics diagnostics) {
        String normal = Path.of(name).normalize().toString();
        if (!seen.add(normal)) {
            return; // each file once: a second include of the same file adds nothing
        }
        String text;
        try {
            text = source.read(normal);
        } catch (IOException e) {
            text = null;
        }
        if (text == null) {
            if (includedAt == null) {
                diagnostics.error(new SourceLocation(name, 1, 1), "cannot read ISA description");
            } else {
                diagnostics.error(includedAt, "included file not found: " + normal);
            }
            return;
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
                String rel = ModelBuilder.unquote(inc.STRING().getText());
                Path parent = Path.of(normal).getParent();
                String target = parent == null ? rel : parent.resolve(rel).toString();
                readFile(target, source, inc.STRING().getSymbol(), seen, files, diagnostics);
            } else {
                files.add(d);
            }
        }
    }
}
