package dbt.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the tutorial {@code docs/new-isa.md}: every file it writes is written, every command it shows is run, and
 * every output it shows is compared with what the command really prints. The document is read as follows.
 *
 * <ul>
 * <li><b>Files.</b> A fenced block whose info string has {@code file=NAME} (e.g. {@code ```isa file=tiny.isa} or
 *     {@code ```asm file=hello.s}) is a file: its text is written to {@code NAME} in a fresh temporary directory
 *     when the document reaches it. With the word {@code append} as well ({@code ```isa file=tiny.isa append}) the
 *     text is added to the end of the file instead, so a description can be shown piece by piece.</li>
 * <li><b>Commands.</b> A {@code ```sh} block holds commands, one a line, each starting with {@code "$ "}. They run
 *     in document order in that directory, each with {@code sh -c}; {@code ./dbt} there is a script that runs
 *     {@code dbt.runtime.Main} in a child JVM with this test's class path and JVM flags (those of
 *     {@link GuestProgramsTest}, plus an English locale so that numbers are formatted as the document shows
 *     them). So other commands ({@code sed ...}) work too; a command that cannot be run (not found, say) fails
 *     like any other mismatch. Every line of a {@code sh} block must be a command (blank lines aside), and a line
 *     starting with {@code "$ "} anywhere else (in another kind of fenced block, or in an indented code block) is
 *     an error: nothing that looks like a command goes unrun.</li>
 * <li><b>Expected output.</b> The {@code ```output} block right after a {@code sh} block (the next fenced block)
 *     is what its last command prints: stdout and stderr merged, as a terminal shows them (in the order they are
 *     written), followed by a line {@code [exit N]} when the exit status N is not 0. The other commands of a block
 *     must print nothing and exit 0, and so must the last one when no {@code output} block follows.
 *     Two wildcards are allowed:
 *     <ul>
 *     <li>a line that is exactly {@code ...} matches any number of lines, none included;</li>
 *     <li>{@code …} (U+2026) inside a line matches any run of characters within that line (host addresses,
 *         timings).</li>
 *     </ul>
 *     Otherwise lines must be equal; a missing newline at the very end of the output is not noticed.</li>
 * </ul>
 *
 * A mismatch fails with the command, the expected and the actual text, and the first expected line that could not
 * be matched. Each command runs with empty stdin and may take at most {@value #TIMEOUT_SECONDS} s; one that does not
 * end by then fails. Fenced blocks of other kinds ({@code ```text}) are illustrations and are not read. The commands
 * run as dynamic tests in document order, each named after its line; a later one may depend on an earlier one (the
 * files it wrote), so after a failure look at the first.
 */
class TutorialTest {
    static final String DOCUMENT = "docs/new-isa.md";
    static final long TIMEOUT_SECONDS = 120;
    static final String ANY_LINES = "...";
    static final String ANY_TEXT = "…";

    /** JVM flags of the child JVM: GuestProgramsTest's, and a fixed locale for dbt check's "1,597 cases agree". */
    static final List<String> CHILD_JVM_FLAGS = Stream.concat(GuestProgramsTest.CHILD_JVM_FLAGS.stream(),
            Stream.of("-Duser.language=en", "-Duser.country=US")).toList();

    @TempDir
    Path dir;

    /** A fenced block: its info string's words, its text, and the line it starts on (1-based, for messages). */
    record Block(List<String> info, String text, int line) {
        String kind() {
            return info.isEmpty() ? "" : info.getFirst();
        }

        String file() {
            for (String word : info) {
                if (word.startsWith("file=")) {
                    return word.substring("file=".length());
                }
            }
            return null;
        }
    }

    /** A file block to write before the next command. */
    record FileStep(String name, String text, boolean append, int line) {}

    /** A command, the files to write before it, and what it must print (null: nothing, exit 0). */
    record Command(String text, List<FileStep> filesBefore, String expected, int line, int outputLine) {}

    @TestFactory
    Stream<DynamicTest> everyCommandInTheTutorialPrintsWhatTheTutorialShows() throws IOException {
        Path document = findRepoRoot().resolve(DOCUMENT);
        List<Command> commands = parse(Files.readString(document, StandardCharsets.UTF_8));
        writeLauncher();
        List<DynamicTest> tests = new ArrayList<>();
        for (Command c : commands) {
            tests.add(DynamicTest.dynamicTest("line " + c.line() + ": $ " + c.text(), () -> run(c)));
        }
        return tests.stream();
    }

    // ---------------------------------------------------------------- reading the document

    static List<Command> parse(String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("```")) {
                String fence = line.substring(0, line.length() - line.replaceFirst("^`+", "").length());
                List<String> info = List.of(line.substring(fence.length()).trim().split("\\s+")).stream()
                        .filter(w -> !w.isEmpty()).toList();
                int start = i + 1;
                int end = start;
                while (end < lines.length && !lines[end].trim().equals(fence)) {
                    end++;
                }
                if (end == lines.length) {
                    fail(DOCUMENT + ":" + (i + 1) + ": fenced block is never closed");
                }
                StringBuilder text = new StringBuilder();
                for (int k = start; k < end; k++) {
                    text.append(lines[k]).append('\n');
                }
                blocks.add(new Block(info, text.toString(), i + 1));
                i = end;
            } else if (line.startsWith("    $ ") || line.startsWith("\t$ ")) {
                fail(DOCUMENT + ":" + (i + 1) + ": a command in an indented code block would not be run; put it in"
                        + " a ```sh block: " + line.trim());
            }
        }

        List<Command> commands = new ArrayList<>();
        List<FileStep> pendingFiles = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            String file = block.file();
            if (file != null) {
                if (file.isEmpty() || file.startsWith("/") || Path.of(file).normalize().startsWith("..")) {
                    fail(DOCUMENT + ":" + block.line() + ": file name must be relative: " + file);
                }
                pendingFiles.add(new FileStep(file, block.text(), block.info().contains("append"), block.line()));
            } else if (block.kind().equals("sh")) {
                List<String> texts = new ArrayList<>();
                List<Integer> at = new ArrayList<>();
                String[] shLines = block.text().split("\n");
                for (int k = 0; k < shLines.length; k++) {
                    String l = shLines[k];
                    if (l.isBlank()) {
                        continue;
                    }
                    if (!l.startsWith("$ ")) {
                        fail(DOCUMENT + ":" + (block.line() + 1 + k) + ": a line of a ```sh block must be a command"
                                + " starting with '$ ' (show output in an ```output block): " + l);
                    }
                    texts.add(l.substring(2).trim());
                    at.add(block.line() + 1 + k);
                }
                if (texts.isEmpty()) {
                    fail(DOCUMENT + ":" + block.line() + ": empty ```sh block");
                }
                Block next = b + 1 < blocks.size() ? blocks.get(b + 1) : null;
                boolean hasOutput = next != null && next.kind().equals("output") && next.file() == null;
                for (int k = 0; k < texts.size(); k++) {
                    boolean last = k == texts.size() - 1;
                    commands.add(new Command(texts.get(k), k == 0 ? List.copyOf(pendingFiles) : List.of(),
                            last && hasOutput ? next.text() : null, at.get(k),
                            last && hasOutput ? next.line() : -1));
                }
                pendingFiles.clear();
                if (hasOutput) {
                    b++;
                }
            } else if (block.kind().equals("output")) {
                fail(DOCUMENT + ":" + block.line() + ": ```output block without a ```sh block right before it");
            } else {
                for (String l : block.text().split("\n")) {
                    if (l.startsWith("$ ")) {
                        fail(DOCUMENT + ":" + block.line() + ": a command in a ```" + block.kind() + " block would"
                                + " not be run; put it in a ```sh block: " + l);
                    }
                }
            }
        }
        if (!pendingFiles.isEmpty()) {
            fail(DOCUMENT + ":" + pendingFiles.getFirst().line() + ": file block after the last command: nothing"
                    + " uses it");
        }
        if (commands.isEmpty()) {
            fail(DOCUMENT + ": no commands found");
        }
        return commands;
    }

    // ---------------------------------------------------------------- running

    /** {@code ./dbt} in the working directory: Main in a child JVM with this test's class path. */
    void writeLauncher() throws IOException {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(CHILD_JVM_FLAGS);
        java.add("-cp");
        java.add(System.getProperty("java.class.path"));
        java.add(GuestProgramsTest.MAIN_CLASS);
        String script = "#!/bin/sh\n# dbt for the tutorial's commands (written by TutorialTest)\nexec "
                + java.stream().map(TutorialTest::shellQuote).collect(Collectors.joining(" ")) + " \"$@\"\n";
        Path launcher = dir.resolve("dbt");
        Files.writeString(launcher, script, StandardCharsets.UTF_8);
        if (!launcher.toFile().setExecutable(true)) {
            fail("cannot make " + launcher + " executable");
        }
    }

    void run(Command c) throws IOException, InterruptedException {
        for (FileStep f : c.filesBefore()) {
            Path target = dir.resolve(f.name());
            Files.createDirectories(target.getParent());
            if (f.append()) {
                if (!Files.exists(target)) {
                    fail(DOCUMENT + ":" + f.line() + ": 'append' to " + f.name() + ", which no block has written");
                }
                Files.writeString(target, f.text(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } else {
                Files.writeString(target, f.text(), StandardCharsets.UTF_8);
            }
        }
        Path output = Files.createTempFile("tutorial-command", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", c.text())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            // these would make every JVM announce them on stderr ("Picked up JAVA_TOOL_OPTIONS: ...")
            pb.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"));
            Process p = pb.start();
            p.getOutputStream().close(); // empty stdin
            boolean finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            String actual = printed + (printed.isEmpty() || printed.endsWith("\n") ? "" : "\n")
                    + (!finished ? "[timed out after " + TIMEOUT_SECONDS + " s]\n"
                            : p.exitValue() != 0 ? "[exit " + p.exitValue() + "]\n" : "");
            String expected = c.expected() == null ? "" : c.expected();
            List<String> expectedLines = lines(expected);
            int matched = matchedLines(expectedLines, lines(actual));
            if (matched >= 0) {
                String where = c.outputLine() > 0
                        ? "the ```output block at " + DOCUMENT + ":" + c.outputLine() + (matched < expectedLines.size()
                                ? "; the first of its lines that does not match is at " + DOCUMENT + ":"
                                        + (c.outputLine() + 1 + matched) + ": " + expectedLines.get(matched)
                                : "; the actual output goes on after all of its lines")
                        : "no output and exit status 0 (no ```output block follows)";
                // expected and actual are also given to the error itself, for an IDE's diff view
                throw new AssertionFailedError("$ " + c.text() + "\n(" + DOCUMENT + ":" + c.line() + ") does not"
                        + " print what the tutorial shows: expected " + where + "\n--- expected ---\n" + expected
                        + "--- actual ---\n" + actual + "--- end ---", expected, actual);
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    // ---------------------------------------------------------------- comparing

    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return lines;
    }

    /**
     * How far the expected lines (with {@code ...} lines and {@code …} wildcards) match the actual ones: the number of
     * expected lines that match some beginning of the actual output, or -1 when all of them match all of it.
     */
    static int matchedLines(List<String> expected, List<String> actual) {
        int m = expected.size();
        int n = actual.size();
        // reach[i][j]: the first i expected lines match the first j actual lines
        boolean[][] reach = new boolean[m + 1][n + 1];
        reach[0][0] = true;
        int furthest = 0;
        for (int i = 0; i < m; i++) {
            String e = expected.get(i);
            boolean anyLines = e.equals(ANY_LINES);
            Pattern pattern = e.contains(ANY_TEXT) ? linePattern(e) : null;
            for (int j = 0; j <= n; j++) {
                if (!reach[i][j]) {
                    continue;
                }
                if (anyLines) {
                    for (int k = j; k <= n; k++) {
                        reach[i + 1][k] = true;
                    }
                    break; // every later j is covered
                } else if (j < n && (pattern != null ? pattern.matcher(actual.get(j)).matches()
                        : e.equals(actual.get(j)))) {
                    reach[i + 1][j + 1] = true;
                }
            }
            for (int j = 0; j <= n; j++) {
                if (reach[i + 1][j]) {
                    furthest = i + 1;
                    break;
                }
            }
        }
        return reach[m][n] ? -1 : furthest;
    }

    static Pattern linePattern(String expected) {
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (int at = expected.indexOf(ANY_TEXT); at >= 0; at = expected.indexOf(ANY_TEXT, from)) {
            regex.append(Pattern.quote(expected.substring(from, at))).append(".*");
            from = at + ANY_TEXT.length();
        }
        regex.append(Pattern.quote(expected.substring(from)));
        return Pattern.compile(regex.toString());
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Walks up from the working directory to the directory holding the document. */
    static Path findRepoRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(DOCUMENT))) {
                return p;
            }
        }
        fail("no " + DOCUMENT + " in " + start + " or above");
        throw new IllegalStateException("unreachable");
    }
}
