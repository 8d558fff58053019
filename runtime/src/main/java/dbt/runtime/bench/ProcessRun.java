package dbt.runtime.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of one command, timed from just before the process is started until it has exited (so a JVM's
 * start-up is part of the time). stdin is /dev/null; stdout and stderr go to files.
 *
 * @param exit    exit status (-1 if it timed out or could not start)
 * @param seconds wall time
 * @param stdout  everything the process printed on stdout
 * @param error   why it could not start, or {@code null}
 */
record ProcessRun(int exit, boolean timedOut, double seconds, byte[] stdout, String stderrTail, String error) {

    static ProcessRun run(List<String> command, Path dir, Path stdoutFile, Path stderrFile, long timeoutSeconds) {
        return run(command, Map.of(), dir, stdoutFile, stderrFile, timeoutSeconds);
    }

    /** {@link #run} with these variables added to the environment. */
    static ProcessRun run(List<String> command, Map<String, String> env, Path dir, Path stdoutFile, Path stderrFile,
                          long timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdoutFile.toFile())
                .redirectError(stderrFile.toFile());
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new ProcessRun(-1, false, 0, new byte[0], "", "cannot start " + command.getFirst() + ": "
                    + e.getMessage());
        }
        boolean finished;
        try {
            finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] out;
        String errTail;
        try {
            out = Files.readAllBytes(stdoutFile);
            errTail = lastLine(new String(Files.readAllBytes(stderrFile), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new ProcessRun(-1, !finished, seconds, new byte[0], "", "cannot read its output: " + e.getMessage());
        }
        return new ProcessRun(finished ? p.exitValue() : -1, !finished, seconds, out, errTail, null);
    }

    /** The last non-blank line of {@code s}, at most 200 characters. */
    static String lastLine(String s) {
        List<String> lines = s.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        String l = lines.getLast().strip();
        return l.length() > 200 ? l.substring(0, 200) + "..." : l;
    }
}
